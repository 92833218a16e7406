import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { parseAuditQuery } from "@/lib/audit/list-audit-query";
import { exportAuditCsv } from "@/lib/audit/list-audit-export";

export const dynamic = "force-dynamic";

/** GET /settings/audit/export?<the page's filter>: every entry of exactly that filter, as CSV. */
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
  return new Response(exportAuditCsv(actor, { ...query, after: undefined }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
