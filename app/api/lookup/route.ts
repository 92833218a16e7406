import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { findAnything } from "@/lib/lookup/find";
import { LookupRateLimitedError } from "@/lib/lookup/limit-lookups";
import { lookupCaller } from "@/lib/lookup/lookup-caller";
import { searchTextSchema } from "@/lib/pagination";

// Results depend on the session and the data of this instant: never cached, never prerendered.
export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };
const querySchema = z.object({ q: searchTextSchema });

/**
 * The search box's results as you type: GET /api/lookup?q=… → { result: FindResult | null }; past
 * the session's rate limit 429 { error, retryAfterSeconds } with Retry-After.
 */
export async function GET(request: Request) {
  const { q } = querySchema.parse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  try {
    // The session check and the session's lookup token in one statement (lib/lookup/lookup-caller.ts).
    const caller = await lookupCaller(request);
    if (!caller) return Response.json({ error: "Your session has ended. Sign in again." }, { status: 401, headers: NO_STORE });
    if (!caller.decision.allowed) throw new LookupRateLimitedError(caller.decision.retryAfterSeconds);
    const result = await findAnything(caller.actor, q);
    return Response.json({ result }, { headers: NO_STORE });
  } catch (error) {
    // Past the session's rate limit (a script, not a person typing): the box shows the sentence.
    if (error instanceof LookupRateLimitedError) {
      return Response.json({ error: error.message, retryAfterSeconds: error.retryAfterSeconds }, { status: 429, headers: { ...NO_STORE, "Retry-After": String(error.retryAfterSeconds) } });
    }
    if (error instanceof AppError && error.code === "FORBIDDEN") return Response.json({ error: error.message }, { status: 403, headers: NO_STORE });
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") return Response.json({ error: error.message }, { status: 401, headers: NO_STORE });
    const ref = randomUUID().slice(0, 8);
    // Only the error itself: the query may be personal data and is not logged.
    console.error(`[lookup-error ${ref}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return Response.json({ error: `The search failed. Quote reference ${ref} if it keeps happening.` }, { status: 500, headers: NO_STORE });
  }
}
