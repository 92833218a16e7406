import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { SortHeader, TableFrame, Td, Th, type ListQuery } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";
import { expiryBucket, EXPIRY_BUCKETS } from "@/lib/licenses/rules/status";
import type { WorkspaceRow } from "@/lib/licenses/expiry-workspace/workspace";

/**
 * The filtered licenses. Selection is a plain GET form to /renewals/runs/new (`license` repeated);
 * "all that match" sends `all=1` plus the filter's own parameters, so the run re-reads the filter.
 */
export function WorkspaceList(props: {
  rows: WorkspaceRow[];
  total: number;
  query: ListQuery;
  now: Date;
  canRenew: boolean;
  /** SUPPORT reads the list but does not export it (lib/auth/roles.ts, exportLicenses). */
  canExport: boolean;
  /** "Export CSV" and "Renew all that match": the page's filter (lib/licenses/expiry-workspace/links.ts). */
  exportHref: string;
  renewAllHref: string;
  nextHref?: string;
  firstHref?: string;
}) {
  const { rows, now } = props;
  return (
    <form action="/renewals/runs/new" method="get" aria-label="Licenses to renew">
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="workspace-total">
          {props.total.toLocaleString("en-US")} license{props.total === 1 ? "" : "s"} match
        </span>
        {props.canRenew ? (
          <>
            <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
              Renew selected
            </button>
            {props.total > 0 ? (
              <Link href={props.renewAllHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
                Renew all {props.total.toLocaleString("en-US")} that match
              </Link>
            ) : null}
          </>
        ) : null}
        {props.canExport ? (
          // No `download` attribute: the file comes with Content-Disposition: attachment, and a
          // refused export (one already running) brings the browser back here with the reason.
          <a href={props.exportHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
            Export CSV
          </a>
        ) : null}
      </div>
      <TableFrame
        label="Expiring licenses"
        stack
        head={
          <>
            {props.canRenew ? <Th className="w-8"><span className="sr-only">Select</span></Th> : null}
            <SortHeader base="/renewals" query={props.query} column="domainName" label="Domain" />
            <SortHeader base="/renewals" query={props.query} column="customer" label="Customer" />
            <Th>Product</Th>
            <SortHeader base="/renewals" query={props.query} column="expiresAt" label="Expires" />
            <Th className="max-sm:hidden">Bucket</Th>
            <Th>Auto-renew</Th>
            <Th className="max-sm:hidden">Account manager</Th>
          </>
        }
        empty={rows.length === 0 ? <p className="p-4 text-sm text-slate-600">No licenses match.</p> : null}
      >
        {rows.map((l) => {
          const bucket = expiryBucket(l, now);
          return (
            <tr key={l.id} data-testid="workspace-row">
              {props.canRenew ? (
                <Td phone="corner">
                  <input type="checkbox" name="license" value={l.id} aria-label={`Select ${l.domainName}`} className="h-4 w-4" />
                </Td>
              ) : null}
              <Td span="all">
                <Link href={`/licenses/${l.id}`} className="font-medium text-brand-700 hover:underline">
                  {l.domainName}
                </Link>
              </Td>
              <Td label="Customer">{l.customer.name}</Td>
              <Td label="Product" span="all">
                {l.productName}
                {l.termDays ? <span className="text-slate-600"> · {l.termDays} days</span> : null}
                {l.addOns.length ? <span className="block text-xs text-slate-600">+ {l.addOns.map((a) => a.productName).join(", ")}</span> : null}
              </Td>
              <Td label="Expires" className="whitespace-nowrap">{formatDate(l.expiresAt)}</Td>
              <Td label="Bucket" phone="hide">{bucket ? <Badge tone={bucket === "expired" ? "red" : bucket === "0-7" ? "amber" : "slate"}>{EXPIRY_BUCKETS.find((b) => b.key === bucket)?.label}</Badge> : "—"}</Td>
              <Td label="Auto-renew">{l.autoRenew ? "On" : "Off"}</Td>
              <Td label="Account manager" phone="hide">{l.customer.accountManager?.name ?? <span className="text-slate-600">None</span>}</Td>
            </tr>
          );
        })}
      </TableFrame>
      <nav aria-label="Pagination" className="mt-3 flex items-center justify-end gap-2 text-sm">
        {props.firstHref ? (
          <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" href={props.firstHref}>
            First page
          </Link>
        ) : null}
        {props.nextHref ? (
          <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" rel="next" href={props.nextHref}>
            Next
          </Link>
        ) : null}
      </nav>
    </form>
  );
}
