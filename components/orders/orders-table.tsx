import Link from "next/link";
import type { listOrders, OrdersQuery } from "@/lib/orders/list-orders";
import { FAMILIES } from "@/lib/catalog";
import { listHref } from "@/lib/pagination";
import { FilterBar, FilterSearch, FilterSelect, SortHeader, TableFrame, Td, Th } from "@/components/ui/table";
import { inputClass } from "@/components/ui/field";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { ORDER_STATUS_OPTIONS } from "@/components/orders/order-status";
import { formatDate } from "@/components/ui/format";
import { WePay } from "@/components/orders/order-money";
import { ChargedToCustomer } from "@/components/orders/charged-to-customer";
import { CUSTOMER_PAYS, orderMoney, WE_PAY } from "@/lib/orders/order-money";

type Props = { page: Awaited<ReturnType<typeof listOrders>>; query: OrdersQuery };

const FAMILY_OPTIONS: Array<[string, string]> = [["", "Any"], ...FAMILIES.map((f): [string, string] => [f.key, f.name])];
const pageLinkClass = "rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50";

function DateFilter({ name, label, value }: { name: string; label: string; value: string | undefined }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block text-slate-700">{label}</span>
      <input type="date" name={name} defaultValue={value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ""} className={inputClass} />
    </label>
  );
}

export function OrdersTable({ page, query }: Props) {
  const base = "/orders";
  // Sorting or filtering starts over: a cursor belongs to the sort and filters it was made for.
  const listQuery = { ...query, after: undefined, before: undefined };
  const staffOptions: Array<[string, string]> = [["", "Anyone"], ...page.staffOptions.map((u): [string, string] => [u.id, u.name])];
  // A person the list does not offer still filters (nothing matches): the select shows it rather than "Anyone".
  if (query.staff && !page.staffOptions.some((u) => u.id === query.staff)) staffOptions.push([query.staff, `Unknown person (${query.staff})`]);
  return (
    <>
      <FilterBar action={base} query={listQuery}>
        <FilterSearch value={query.q} placeholder="Order number, e-mail, customer, domain" />
        <FilterSelect name="status" label="Status" value={query.status ?? ""} options={ORDER_STATUS_OPTIONS} />
        <FilterSelect name="family" label="Product family" value={query.family ?? ""} options={FAMILY_OPTIONS} />
        <FilterSelect name="staff" label="Placed by" value={query.staff ?? ""} options={staffOptions} />
        <DateFilter name="from" label="Placed from" value={query.from} />
        <DateFilter name="to" label="Placed to" value={query.to} />
      </FilterBar>
      {page.problems.length ? (
        <ul role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {page.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <TableFrame
        label="Orders"
        head={
          <>
            <SortHeader base={base} query={listQuery} column="orderNumber" label="Order" />
            <SortHeader base={base} query={listQuery} column="status" label="Status" />
            <Th>Customer</Th>
            <Th>Products</Th>
            <Th>{CUSTOMER_PAYS}</Th>
            <Th>{WE_PAY}</Th>
            <SortHeader base={base} query={listQuery} column="createdAt" label="Placed" />
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
                  <MoreNames primary={i.domainName} names={i.domains} />
                </span>
              ))}
            </Td>
            <Td className="whitespace-nowrap">
              <ChargedToCustomer sellTotal={o.sellTotal} currency={o.currency} items={o.items} payer={o.payer} nothingCharged={orderMoney(o).nothingCharged} compact />
            </Td>
            <Td className="whitespace-nowrap">
              <WePay money={orderMoney(o)} currency={o.currency} />
            </Td>
            <Td className="whitespace-nowrap">{formatDate(o.createdAt)}</Td>
          </tr>
        ))}
      </TableFrame>
      <OrdersPagination base={base} query={listQuery} page={page} />
    </>
  );
}

/** The other names a certificate covers (its CSR's SANs), shown beside the one it is known by. */
function MoreNames({ primary, names }: { primary: string | null; names: Array<{ domainName: string }> }) {
  const others = names.filter((n) => n.domainName !== primary).map((n) => n.domainName);
  if (others.length === 0) return null;
  const shown = others.slice(0, 3).join(", ");
  return (
    <span className="block text-xs text-slate-600">
      also {shown}
      {others.length > 3 ? ` and ${others.length - 3} more` : ""}
    </span>
  );
}

/**
 * Next/Previous by keyset cursor (page N costs what page 1 costs). The count stops at a cap, so a
 * large result says "1,000+" and the page number without "of".
 */
function OrdersPagination({ base, query, page }: { base: string; query: OrdersQuery; page: Props["page"] }) {
  const total = `${page.total.toLocaleString("en")}${page.totalCapped ? "+" : ""}`;
  const plural = page.total === 1 && !page.totalCapped ? "" : "s";
  const previousHref =
    page.page <= 2 ? listHref(base, query, { page: 1 }) : listHref(base, query, { page: page.page - 1, before: page.previous });
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-700">
      <span data-testid="table-total">
        {total} result{plural} · page {page.page}
        {page.totalCapped ? "" : ` of ${page.pageCount}`}
      </span>
      <span className="flex gap-2">
        {page.previous ? (
          <Link className={pageLinkClass} rel="prev" href={previousHref}>
            Previous
          </Link>
        ) : null}
        {page.next ? (
          <Link className={pageLinkClass} rel="next" href={listHref(base, query, { page: page.page + 1, after: page.next })}>
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
