import Link from "next/link";
import type { listOrders, OrdersQuery } from "@/lib/orders/list-orders";
import { FilterBar, FilterSearch, FilterSelect, Pagination, SortHeader, TableFrame, Td, Th } from "@/components/ui/table";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { ORDER_STATUS_OPTIONS } from "@/components/orders/order-status";
import { formatDate, formatMoney } from "@/components/ui/format";

type Props = { page: Awaited<ReturnType<typeof listOrders>>; query: OrdersQuery };

export function OrdersTable({ page, query }: Props) {
  const base = "/orders";
  return (
    <>
      <FilterBar action={base} query={query}>
        <FilterSearch value={query.q} placeholder="Order number, customer, domain" />
        <FilterSelect name="status" label="Status" value={query.status ?? ""} options={ORDER_STATUS_OPTIONS} />
      </FilterBar>
      <TableFrame
        label="Orders"
        head={
          <>
            <SortHeader base={base} query={query} column="orderNumber" label="Order" />
            <SortHeader base={base} query={query} column="status" label="Status" />
            <Th>Customer</Th>
            <Th>Products</Th>
            <Th>Total</Th>
            <SortHeader base={base} query={query} column="createdAt" label="Placed" />
          </>
        }
        empty={page.rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-600">No orders match.</p> : null}
      >
        {page.rows.map((o) => (
          <tr key={o.id}>
            <Td>
              <Link href={`/orders/${o.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {o.orderNumber ?? "—"}
              </Link>
              <span className="block text-xs text-slate-600">{o.foreignOrderNumber}</span>
            </Td>
            <Td>
              <OrderStatusBadge status={o.status} />
            </Td>
            <Td>{o.customer.name}</Td>
            <Td>
              {o.items.map((i, n) => (
                <span key={n} className="block">
                  {i.productName}
                  {i.domainName && !i.isAddOn ? <span className="text-slate-600"> · {i.domainName}</span> : null}
                </span>
              ))}
            </Td>
            <Td className="whitespace-nowrap">{formatMoney(o.totalCost, o.currency)}</Td>
            <Td className="whitespace-nowrap">{formatDate(o.createdAt)}</Td>
          </tr>
        ))}
      </TableFrame>
      <Pagination base={base} query={query} page={page.page} pageCount={page.pageCount} total={page.total} />
    </>
  );
}
