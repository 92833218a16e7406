import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { auditFilterOptions, listAudit } from "@/lib/audit-log/list-audit";
import { auditQueryString, parseAuditQuery } from "@/lib/audit/list-audit-query";
import { firstValues, type SearchParams } from "@/lib/pagination";
import { PageHeader } from "@/components/ui/card";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { ExportRefusedNotice } from "@/components/exports/export-refused-notice";
import { EXPORT_REFUSED_PARAM, exportRefusalOf } from "@/lib/exports/export-messages";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewAudit");
  const params = await searchParams;
  const parsed = parseAuditQuery(firstValues(params));
  const [page, options] = await Promise.all([listAudit(actor, parsed.query), auditFilterOptions(actor)]);
  const { after, ...filter } = parsed.query;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change a person made, with the input and before/after. The log is append-only: nobody can edit or delete it."
        action={
          <a href={`/settings/audit/export${auditQueryString(filter)}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
            Export CSV
          </a>
        }
      />
      <ExportRefusedNotice reason={exportRefusalOf(params[EXPORT_REFUSED_PARAM])} />
      {parsed.errors.after ? <p role="status" className="mb-3 text-sm text-amber-800">{parsed.errors.after}</p> : null}
      <AuditFilters parsed={parsed} people={options.people} actions={options.actions} />
      <AuditTable rows={page.rows} query={filter} next={page.next} isFirstPage={after === undefined} />
    </>
  );
}
