import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Per-session rate limits: a token bucket per (session, scope) (issue 16, item 9: `/api/lookup`
 * took any rate, ~290 answers a second from one script on one core).
 *
 * A bucket holds up to `burst` tokens and refills at `perSecond`; each request takes one, and a
 * request that finds less than one token is refused with the seconds until the next one. A token
 * bucket rather than a sliding window: a person's pace is bursts (a word typed, a pause to read),
 * which a bucket absorbs whole, while a script's steady rate is held to `perSecond`.
 *
 * In PostgreSQL, one row per bucket, decided by one atomic upsert (its row lock serialises
 * parallel requests of the session), so the limit holds for a session whose requests are spread
 * over several app instances (issue 19) and costs one indexed write per request (the lookup it
 * guards runs three queries). The caller's clock is used (a test can drive it); a clock behind
 * the stored time refills nothing, it never takes tokens away.
 */
export interface RateLimit {
  scope: string;
  burst: number;
  perSecond: number;
}

/**
 * The search box and /lookup: the box sends a request at most every 150 ms while someone types
 * (it waits for a 150 ms pause), so one long query typed at full speed is ~40 requests, and a
 * person rarely types more than a few queries a minute: 40 at once, then 3 a second. A script is
 * held to 3 lookups a second per session (it was ~290).
 */
export const LOOKUP_RATE_LIMIT: RateLimit = { scope: "lookup", burst: 40, perSecond: 3 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Takes one token from the session's bucket for `limit`, or says how long until one is there. */
export async function takeToken(sessionId: string, limit: RateLimit, now = new Date()): Promise<RateDecision> {
  // Tokens now: what was left plus the refill since, at most a full bucket.
  const refilled = Prisma.sql`LEAST(${limit.burst}::float8, b.tokens + ${limit.perSecond}::float8 * GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamp - b."refilledAt"))::float8))`;
  const [row] = await prisma.$queryRaw<Array<{ tokens: number; allowed: boolean }>>`
    INSERT INTO "SessionRateLimit" AS b ("sessionId", scope, tokens, "refilledAt", allowed)
    VALUES (${sessionId}, ${limit.scope}, ${limit.burst - 1}::float8, ${now}::timestamp, true)
    ON CONFLICT ("sessionId", scope) DO UPDATE SET
      tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
      "refilledAt" = GREATEST(b."refilledAt", ${now}::timestamp),
      allowed = ${refilled} >= 1
    RETURNING tokens, allowed`;
  if (!row) throw new Error("session rate limit: the upsert returned no row");
  if (row.allowed) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / limit.perSecond)) };
}
