import "server-only";
import { prisma, PREPARED } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/client";

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

/**
 * The bucket's rule, shared by both statements below: tokens now are what was left plus the refill
 * since, at most a full bucket; one is taken when there is one.
 */
function upsertBucket(limit: RateLimit, now: Date): Prisma.Sql {
  const refilled = Prisma.sql`LEAST(${limit.burst}::float8, b.tokens + ${limit.perSecond}::float8 * GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamp - b."refilledAt"))::float8))`;
  return Prisma.sql`ON CONFLICT ("sessionId", scope) DO UPDATE SET
      tokens = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
      "refilledAt" = GREATEST(b."refilledAt", ${now}::timestamp),
      allowed = ${refilled} >= 1
    RETURNING tokens, allowed`;
}

function decision(row: { tokens: number; allowed: boolean }, limit: RateLimit): RateDecision {
  if (row.allowed) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / limit.perSecond)) };
}

/** Takes one token from the session's bucket for `limit`, or says how long until one is there. */
export async function takeToken(sessionId: string, limit: RateLimit, now = new Date()): Promise<RateDecision> {
  const [row] = await prisma.$queryRaw<Array<{ tokens: number; allowed: boolean }>>`${Prisma.raw(PREPARED)}
    INSERT INTO "SessionRateLimit" AS b ("sessionId", scope, tokens, "refilledAt", allowed)
    VALUES (${sessionId}, ${limit.scope}, ${limit.burst - 1}::float8, ${now}::timestamp, true)
    ${upsertBucket(limit, now)}`;
  if (!row) throw new Error("session rate limit: the upsert returned no row");
  return decision(row, limit);
}

/** The session's user as lib/auth's SessionUser (role and name read fresh); lib/http does not import lib/auth. */
export interface LiveSessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * lastSeenAt is written at most this often per session: the same pace as lib/auth/sessions.ts
 * (TOUCH_EVERY_MS there; tests/integration/session-token-statement.test.ts holds the two checks to
 * the same answers).
 */
const TOUCH_EVERY_SECONDS = 5 * 60;

/**
 * For the hottest signed-in request, the search box's /api/lookup (issue 19: two app instances
 * must answer 1.4x the lookups of one on 2 shared cores, and each round trip costs the app and
 * PostgreSQL more CPU than the indexed reads): the server-side session check of
 * lib/auth/sessions.ts `userOfSession` (live: not revoked, not expired, that user's, the user not
 * disabled; role and name read fresh; lastSeenAt touched every 5 minutes) AND the session's token
 * from `limit`, in ONE statement instead of three. Null when the session is not live (no token
 * is taken: a dead session has no bucket to spend).
 */
export async function takeTokenForLiveSession(
  sessionId: string,
  userId: string,
  limit: RateLimit,
  now = new Date(),
): Promise<{ user: LiveSessionUser; decision: RateDecision } | null> {
  // Prepared (lib/db.ts PREPARED): primary-key reads and one upsert, the same plan for every session.
  const [row] = await prisma.$queryRaw<Array<LiveSessionUser & { tokens: number | null; allowed: boolean | null }>>`${Prisma.raw(PREPARED)}
    WITH live AS (
      SELECT s.id AS sid, s."lastSeenAt", u.id, u.email, u.name, u.role::text AS role
        FROM "Session" s JOIN "User" u ON u.id = s."userId"
       WHERE s.id = ${sessionId} AND s."userId" = ${userId} AND s."revokedAt" IS NULL AND s."expiresAt" > ${now}::timestamp AND NOT u.disabled
    ), touched AS (
      UPDATE "Session" t SET "lastSeenAt" = ${now}::timestamp FROM live
       WHERE t.id = live.sid AND t."revokedAt" IS NULL AND ${now}::timestamp - live."lastSeenAt" > make_interval(secs => ${TOUCH_EVERY_SECONDS})
      RETURNING t.id
    ), bucket AS (
      INSERT INTO "SessionRateLimit" AS b ("sessionId", scope, tokens, "refilledAt", allowed)
      SELECT live.sid, ${limit.scope}, ${limit.burst - 1}::float8, ${now}::timestamp, true FROM live
      ${upsertBucket(limit, now)}
    )
    -- A data-modifying WITH runs to completion whether or not it is read: the touch needs no join.
    SELECT live.id, live.email, live.name, live.role, bucket.tokens, bucket.allowed FROM live LEFT JOIN bucket ON true`;
  if (!row) return null;
  if (row.tokens === null || row.allowed === null) throw new Error("session rate limit: the upsert returned no row");
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role }, decision: decision({ tokens: row.tokens, allowed: row.allowed }, limit) };
}
