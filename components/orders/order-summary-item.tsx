import type { OrderSummary } from "@/lib/orders/order-summary";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { formatDate, formatMoney } from "@/components/ui/format";

export function OrderSummaryItem({ order }: { order: OrderSummary }) {
  const domain = order.items.find((i) => !i.isAddOn)?.domainName;
  return (
    <li className="flex items-center justify-between gap-3 py-2 text-sm">
      <div>
        <p className="font-medium">
          {order.orderNumber ?? "no Sectigo number yet"} <span className="text-slate-600">({order.foreignOrderNumber})</span> · {order.customer.name}
        </p>
        <p className="text-slate-600">
          {order.items.map((i) => i.productName).join(", ") || "—"}
          {domain ? ` for ${domain}` : ""} · {formatDate(order.createdAt)} · {formatMoney(order.totalCost, order.currency)}
        </p>
      </div>
      <OrderStatusBadge status={order.status} />
    </li>
  );
}
