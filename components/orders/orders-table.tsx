import type { listOrders, OrdersQuery } from "@/lib/orders/list-orders";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { FilterBar, FilterSearch, FilterSelect, Pagination, SortHeader, TableFrame, Td, Th } from "@/components/ui/table";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { formatDate, formatMoney } from "@/components/ui/format";

const STATUS_OPTIONS: Array<[string, string]> = [["", "Any"], ...Object.values(OrderStatus).map((s): [string, string] => [s, s.replaceAll("_", " ").toLowerCase()])];

type Props = { page: Awaited<ReturnType<typeof listOrders>>; query: OrdersQuery; params: Record<string, string | undefined> };

export function OrdersTable({ page, query, params }: Props) {
  const base = "/orders";
  return (
    <>
      <FilterBar action={base}>
        <FilterSearch value={query.q} placeholder="Order number, customer, domain" />
        <FilterSelect name="status" label="Status" value={query.status ?? ""} options={STATUS_OPTIONS} />
      </FilterBar>
      <TableFrame
        head={
          <>
            <SortHeader base={base} params={params} column="orderNumber" label="Order" sort={query.sort} dir={query.dir} />
            <Th>Customer</Th>
            <Th>Products</Th>
            <SortHeader base={base} params={params} column="status" label="Status" sort={query.sort} dir={query.dir} />
            <Th>Total</Th>
            <SortHeader base={base} params={params} column="createdAt" label="Placed" sort={query.sort} dir={query.dir} />
          </>
        }
        empty={page.rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">No orders match.</p> : null}
      >
        {page.rows.map((o) => (
          <tr key={o.id}>
            <Td>
              <span className="font-medium">{o.orderNumber ?? "—"}</span>
              <span className="block text-xs text-slate-500">{o.foreignOrderNumber}</span>
            </Td>
            <Td>{o.customer.name}</Td>
            <Td>
              {o.items.map((i, n) => (
                <span key={n} className="block">
                  {i.productName}
                  {i.domainName && !i.isAddOn ? <span className="text-slate-500"> · {i.domainName}</span> : null}
                </span>
              ))}
            </Td>
            <Td>
              <OrderStatusBadge status={o.status} />
            </Td>
            <Td>{formatMoney(o.totalCost, o.currency)}</Td>
            <Td>{formatDate(o.createdAt)}</Td>
          </tr>
        ))}
      </TableFrame>
      <Pagination base={base} params={params} page={page.page} pageCount={page.pageCount} total={page.total} />
    </>
  );
}
