import { Badge } from "@/components/ui/badge";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { ORDER_STATUS_LABELS } from "@/components/orders/order-status";

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { label, tone } = ORDER_STATUS_LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
