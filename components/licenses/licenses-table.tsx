import type { listLicenses, LicensesQuery } from "@/lib/licenses/list-licenses";
import { FilterBar, FilterSearch, FilterSelect, Pagination, SortHeader, TableFrame, Td, Th } from "@/components/ui/table";
import { RenewalBadge } from "@/components/licenses/renewal-badge";
import { formatDate } from "@/components/ui/format";

type Props = { page: Awaited<ReturnType<typeof listLicenses>>; query: LicensesQuery; params: Record<string, string | undefined>; now: Date };

const WINDOWS: Array<[LicensesQuery["window"], string]> = [
  ["all", "All"],
  ["open", "Renewable now (≤ 30 days)"],
  ["not-yet", "Active, window not open"],
  ["expired", "Expired"],
  ["pending", "Pending authorization"],
];

export function LicensesTable({ page, query, params, now }: Props) {
  const base = "/licenses";
  return (
    <>
      <FilterBar action={base}>
        <FilterSearch value={query.q} placeholder="Domain, customer, order number" />
        <FilterSelect name="window" label="Renewal window" value={query.window} options={WINDOWS} />
      </FilterBar>
      <TableFrame
        head={
          <>
            <SortHeader base={base} params={params} column="domainName" label="Domain" sort={query.sort} dir={query.dir} />
            <SortHeader base={base} params={params} column="productName" label="Product" sort={query.sort} dir={query.dir} />
            <Th>Customer</Th>
            <Th>Add-ons</Th>
            <SortHeader base={base} params={params} column="expiresAt" label="Expires" sort={query.sort} dir={query.dir} />
            <Th>Auto-renew</Th>
            <Th>Renewal</Th>
          </>
        }
        empty={page.rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">No licenses match.</p> : null}
      >
        {page.rows.map((l) => (
          <tr key={l.id}>
            <Td>
              <span className="font-medium">{l.domainName}</span>
              <span className="block text-xs text-slate-500">Order {l.currentOrderNumber ?? "—"}</span>
            </Td>
            <Td>
              {l.productName}
              <span className="block text-xs text-slate-500">{l.termDays ? `${l.termDays}-day term` : ""}</span>
            </Td>
            <Td>{l.customer.name}</Td>
            <Td>{l.addOns.length ? l.addOns.map((a) => a.productName).join(", ") : <span className="text-slate-400">none</span>}</Td>
            <Td>{formatDate(l.expiresAt)}</Td>
            <Td>{l.autoRenew ? "On" : "Off"}</Td>
            <Td>
              <RenewalBadge status={l.status} expiresAt={l.expiresAt} now={now} />
            </Td>
          </tr>
        ))}
      </TableFrame>
      <Pagination base={base} params={params} page={page.page} pageCount={page.pageCount} total={page.total} />
    </>
  );
}
