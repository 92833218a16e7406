import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { auditQueryString, parseAuditQuery } from "@/lib/audit/list-audit-query";
import { exportAuditCsv } from "@/lib/audit-log/list-audit-export";
import { csvDownload, exportRefusal } from "@/lib/exports/export-http";

export const dynamic = "force-dynamic";

/** GET /settings/audit/export?<the page's filter>: every entry of exactly that filter, as CSV, under the same export limits as every export. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in to export the audit log.", { status: 401 });
  if (!can(actor.role, "viewAudit")) return new Response("Your role does not allow this export.", { status: 403 });
  const params: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) if (!(k in params)) params[k] = v;
  const { query, errors } = parseAuditQuery(params);
  const problems = Object.entries(errors).filter(([field]) => field !== "after");
  if (problems.length) return new Response(`The filter is not valid: ${problems.map(([f, m]) => `${f}: ${m}`).join(" ")}`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  const day = new Date().toISOString().slice(0, 10);
  try {
    return csvDownload(await exportAuditCsv(actor, { ...query, after: undefined }, { signal: request.signal }), `audit-${day}.csv`);
  } catch (error) {
    const refused = exportRefusal(error, request, `/settings/audit${auditQueryString({ ...query, after: undefined })}`);
    if (refused) return refused;
    throw error;
  }
}
