import Link from "next/link";
import { SortHeader, TableFrame, Th, type ListQuery } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";
import { expiryBucket, EXPIRY_BUCKETS } from "@/lib/licenses/rules/status";
import type { WorkspaceRow } from "@/lib/licenses/expiry-workspace/workspace";
import { WorkspaceRows, type WorkspaceRowView } from "@/components/renewals/workspace-rows";

function rowView(l: WorkspaceRow, now: Date): WorkspaceRowView {
  const bucket = expiryBucket(l, now);
  return {
    id: l.id,
    domainName: l.domainName,
    customer: l.customer.name,
    product: l.productName,
    termDays: l.termDays,
    addOns: l.addOns.map((a) => a.productName).join(", "),
    expires: formatDate(l.expiresAt),
    bucket: bucket ? { label: EXPIRY_BUCKETS.find((b) => b.key === bucket)?.label ?? bucket, tone: bucket === "expired" ? "red" : bucket === "0-7" ? "amber" : "slate" } : null,
    autoRenew: l.autoRenew,
    manager: l.customer.accountManager?.name ?? null,
  };
}

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
        <WorkspaceRows canRenew={props.canRenew} rows={rows.map((l) => rowView(l, now))} />
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
