import { getActor } from "@/lib/auth/session";
import { appNow } from "@/lib/clock/app-clock";
import { can } from "@/lib/auth/roles";
import { filterParams, parseWorkspaceQuery } from "@/lib/licenses/expiry-workspace/workspace";
import { exportExpiryCsv } from "@/lib/licenses/expiry-workspace/export";
import { csvDownload, exportRefusal } from "@/lib/exports/export-http";

export const dynamic = "force-dynamic";

/**
 * GET /renewals/export?<the workspace's filter and sort>: the rows the list shows, as CSV, streamed
 * at the client's pace. One export per session and a few per fleet (issue 16, item 9): a refused
 * one goes back to the page with the reason (a browser) or gets 429/503 and the reason (a script).
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in to export licenses.", { status: 401 });
  if (!can(actor.role, "exportLicenses")) return new Response("Your role does not allow this export.", { status: 403 });
  const { query } = parseWorkspaceQuery(firstOfEach(new URL(request.url).searchParams));
  const now = await appNow();
  const day = now.toISOString().slice(0, 10);
  try {
    return csvDownload(await exportExpiryCsv(actor, query, { signal: request.signal, now }), `renewals-${query.bucket}-${day}.csv`);
  } catch (error) {
    // Back to the list the Export link was on: its filter and sort, as parsed (never the raw URL).
    const back = filterParams(query);
    if (query.sort !== "expiresAt") back.set("sort", query.sort);
    if (query.dir !== "asc") back.set("dir", query.dir);
    const refused = exportRefusal(error, request, `/renewals?${back.toString()}`);
    if (refused) return refused;
    throw error;
  }
}

/** A repeated parameter counts once, its first value, as on the page. */
function firstOfEach(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
}
