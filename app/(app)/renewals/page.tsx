import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { appNow } from "@/lib/clock/app-clock";
import { can } from "@/lib/auth/roles";
import { describeSort, type SearchParams } from "@/lib/pagination";
import { parseWorkspaceQuery, viewExpiryWorkspace, WORKSPACE_SORTS } from "@/lib/licenses/expiry-workspace/workspace";
import { workspaceLinks } from "@/lib/licenses/expiry-workspace/links";
import { checkRenewalFunds } from "@/lib/licenses/expiry-workspace/funds-warning";
import { PageHeader } from "@/components/ui/card";
import { WorkspaceBuckets } from "@/components/renewals/workspace-buckets";
import { WorkspaceChart } from "@/components/renewals/workspace-chart";
import { WorkspaceFilters } from "@/components/renewals/workspace-filters";
import { WorkspaceFunds } from "@/components/renewals/workspace-funds";
import { WorkspaceList } from "@/components/renewals/workspace-list";
import { ExportRefusedNotice } from "@/components/exports/export-refused-notice";
import { EXPORT_REFUSED_PARAM, exportRefusalOf } from "@/lib/exports/export-messages";

export const metadata: Metadata = { title: "Renewals" };
export const dynamic = "force-dynamic";

export default async function RenewalsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewLicenses");
  const params = await searchParams;
  const { query, problems } = parseWorkspaceQuery(params);
  const now = await appNow();
  const [workspace, funds] = await Promise.all([viewExpiryWorkspace(actor, query, now), checkRenewalFunds(actor, now)]);
  const links = workspaceLinks(query, workspace);
  return (
    <>
      <PageHeader title="Renewals" description={`Licenses expiring from 30 days ago to 90 days ahead, and what they are worth. ${describeSort(WORKSPACE_SORTS, query)}`} />
      {problems.length ? (
        <div role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="query-problems">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}
      <ExportRefusedNotice reason={exportRefusalOf(params[EXPORT_REFUSED_PARAM])} />
      <WorkspaceFunds checks={funds} />
      <WorkspaceBuckets buckets={workspace.buckets} active={query.bucket} hrefFor={links.bucketHref} />
      <WorkspaceChart weeks={workspace.chart} />
      {/* Keyed by the URL's filter: a card click (client navigation) re-mounts the form with the new values. */}
      <WorkspaceFilters key={links.formKey} query={query} managers={workspace.filterOptions.managers} customer={workspace.filterOptions.customer} />
      <WorkspaceList
        rows={workspace.rows}
        total={workspace.total}
        query={links.listQuery}
        now={now}
        canRenew={can(actor.role, "manageRenewals")}
        canExport={can(actor.role, "exportLicenses")}
        exportHref={links.exportHref}
        renewAllHref={links.renewAllHref}
        nextHref={links.nextHref}
        firstHref={links.firstHref}
      />
    </>
  );
}
