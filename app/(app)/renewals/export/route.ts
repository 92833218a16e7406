import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { parseWorkspaceQuery } from "@/lib/licenses/expiry-workspace";
import { exportExpiryCsv } from "@/lib/licenses/expiry-workspace-export";

export const dynamic = "force-dynamic";

/** GET /renewals/export?<the workspace's filter and sort>: the rows the list shows, as CSV. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in to export licences.", { status: 401 });
  if (!can(actor.role, "viewLicenses")) return new Response("Your role does not allow this export.", { status: 403 });
  const { query } = parseWorkspaceQuery(firstOfEach(new URL(request.url).searchParams));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(exportExpiryCsv(actor, query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="renewals-${query.bucket}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}

/** A repeated parameter counts once, its first value, as on the page. */
function firstOfEach(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
}
