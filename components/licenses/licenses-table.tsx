import Link from "next/link";
import type { listLicenses, LicensesQuery } from "@/lib/licenses/queries/list-licenses";
import { FilterBar, FilterSearch, FilterSelect, Pagination, SortHeader, TableFrame, Td, Th } from "@/components/ui/table";
import { RenewalBadge } from "@/components/licenses/renewal-badge";
import { formatDate } from "@/components/ui/format";
import { Breakable } from "@/components/ui/breakable";

type Props = { page: Awaited<ReturnType<typeof listLicenses>>; query: LicensesQuery; now: Date };

const WINDOWS: Array<[LicensesQuery["window"], string]> = [
  ["all", "All"],
  ["open", "Renewable now (≤ 30 days)"],
  ["not-yet", "Active, window not open"],
  ["expired", "Expired"],
  ["pending", "Pending authorization"],
];

/** Domain, renewal state and expiry come first: on a phone they are what fits without scrolling. */
export function LicensesTable({ page, query, now }: Props) {
  const base = "/licenses";
  return (
    <>
      <FilterBar action={base} query={query}>
        <FilterSearch value={query.q} placeholder="Domain, customer, order number" />
        <FilterSelect name="window" label="Renewal window" value={query.window} options={WINDOWS} />
      </FilterBar>
      <TableFrame
        label="Licenses"
        stack
        head={
          <>
            <SortHeader base={base} query={query} column="domainName" label="Domain" />
            <Th>Renewal</Th>
            <SortHeader base={base} query={query} column="expiresAt" label="Expires" />
            <Th>Auto-renew</Th>
            <SortHeader base={base} query={query} column="productName" label="Product" />
            <Th>Customer</Th>
            <Th className="max-sm:hidden">Add-ons</Th>
          </>
        }
        empty={page.rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-600">No licenses match.</p> : null}
      >
        {page.rows.map((l) => (
          <tr key={l.id}>
            <Td span="all">
              <Link className="font-medium text-brand-700 underline" href={`/licenses/${l.id}`}><Breakable text={l.domainName} /></Link>
              <span className="block text-xs text-slate-600">Order {l.currentOrderNumber ?? "—"}</span>
            </Td>
            <Td label="Renewal" span={2}>
              <RenewalBadge status={l.status} expiresAt={l.expiresAt} now={now} />
            </Td>
            <Td label="Expires" className="whitespace-nowrap">{formatDate(l.expiresAt)}</Td>
            <Td label="Auto-renew">{l.autoRenew ? "On" : "Off"}</Td>
            <Td label="Product">
              {l.productName}
              <span className="block text-xs text-slate-600">{l.termDays ? `${l.termDays}-day term` : ""}</span>
            </Td>
            <Td label="Customer">{l.customer.name}</Td>
            <Td label="Add-ons" phone="hide">{l.addOns.length ? l.addOns.map((a) => a.productName).join(", ") : <span className="text-slate-600">none</span>}</Td>
          </tr>
        ))}
      </TableFrame>
      <Pagination base={base} query={query} page={page.page} pageCount={page.pageCount} total={page.total} totalCapped={page.totalCapped} />
    </>
  );
}
