import { Badge, type Tone } from "@/components/ui/badge";
import type { OrderStatus } from "@/lib/generated/prisma/enums";

const LABELS: Record<OrderStatus, [string, Tone]> = {
  SUBMITTING: ["Submitting", "blue"],
  UNKNOWN: ["Outcome unknown", "red"],
  AWAITING_AUTHORIZATION: ["Awaiting authorization", "amber"],
  PLACED: ["Placed", "green"],
  REJECTED: ["Rejected", "slate"],
  FAILED: ["Failed", "red"],
  CANCELLED: ["Cancelled", "slate"],
  REFUNDED: ["Refunded", "slate"],
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const [label, tone] = LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
