import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { expiryFilterSchema } from "@/lib/licenses/expiry-workspace/filter";
import { filterConditionsSql } from "@/lib/licenses/expiry-workspace/sql";

/**
 * The auto-renew demand of an expiry range per reseller account, plan and term, read from the
 * tally the database keeps current (migration *_auto_renew_tally: triggers on License and Customer
 * append signed deltas per expiry hour). Counting the range in "License" cost 139-165 ms per
 * renewals view at 1,000,000 licenses (75,000 licenses joined to 250,000 customers); the tally
 * holds a few rows per hour. Exact at any instant: whole hours come from the tally, the two
 * partial hours at the range's ends from "License" (`autoRenewDemandIn`).
 */
export type DemandRow = { accountId: string; productCode: number; termDays: number | null; n: number };
export type ExpiryRange = { gt: Date; lte: Date };

const HOUR_MS = 3_600_000;
/** A compaction at most this often per process: the deltas of a minute of writes are few rows. */
const COMPACT_EVERY_MS = 60_000;
/** pg_try_advisory_xact_lock key: one compaction at a time across instances ("ARTally" in ASCII). */
const COMPACT_LOCK = 0x4152_5461_6c6c_79n;
let lastCompaction = 0;

/**
 * The same count straight from "License" (the query the page ran on every view before the tally):
 * for a range shorter than an hour, and the oracle the tests hold the tally to. A term stored as 0
 * reads as none, as the tally stores it.
 */
export async function countAutoRenewDemand(range: ExpiryRange, now: Date): Promise<DemandRow[]> {
  return prisma.$queryRaw<DemandRow[]>(licenseCountsSql(range, now));
}

function licenseCountsSql(range: ExpiryRange, now: Date): Prisma.Sql {
  const filter = expiryFilterSchema.parse({ autoRenew: "on" });
  return Prisma.sql`
    SELECT c."resellerAccountId" AS "accountId", l."productCode" AS "productCode", NULLIF(l."termDays", 0) AS "termDays", count(*)::int AS n
    FROM "License" l JOIN "Customer" c ON c.id = l."customerId"
    WHERE l."expiresAt" > ${range.gt}::timestamp AND l."expiresAt" <= ${range.lte}::timestamp
      AND ${Prisma.join(filterConditionsSql(filter, now), " AND ")}
    GROUP BY 1, 2, 3`;
}

/**
 * The auto-renew demand of the range (gt, lte]: whole hours from the tally, the head (gt, firstHour)
 * from "License", and lte's hour from the tally less its rest (lte, endHour + 1 h) from "License".
 * Both partial hours are counted after their bound, never over the start of an hour: expiries that
 * are dates (a sync, an import) all fall on midnight, and [endHour, lte] counted held a whole day of
 * them from 00:00 to 01:00 UTC (~2,500 licenses joined to their customers at 1,000,000: 1 -> 11 ms).
 * ONE statement, one snapshot: read apart, a license written between the tally's read and the
 * rest's was subtracted without having been added (a negative demand on the page).
 */
export async function autoRenewDemandIn(range: ExpiryRange, now: Date): Promise<DemandRow[]> {
  const firstHour = new Date(Math.floor(range.gt.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS); // the first hour starting after gt
  const endHour = new Date(Math.floor(range.lte.getTime() / HOUR_MS) * HOUR_MS); // the last hour boundary at or before lte
  if (firstHour >= endHour) return countAutoRenewDemand(range, now);
  compactSoon();
  const hourAfterEnd = new Date(endHour.getTime() + HOUR_MS);
  // (gt, firstHour) and (lte, hourAfterEnd): expiries are stored to the millisecond.
  const head = licenseCountsSql({ gt: range.gt, lte: new Date(firstHour.getTime() - 1) }, now);
  const rest = licenseCountsSql({ gt: range.lte, lte: new Date(hourAfterEnd.getTime() - 1) }, now);
  return prisma.$queryRaw<DemandRow[]>`
    SELECT "accountId", "productCode", "termDays", sum(n)::int AS n
    FROM (
      SELECT "resellerAccountId" AS "accountId", "productCode", NULLIF("termDays", 0) AS "termDays", n FROM "AutoRenewTally"
       WHERE "expiryHour" >= ${firstHour}::timestamp AND "expiryHour" < ${hourAfterEnd}::timestamp
      UNION ALL
      SELECT "resellerAccountId", "productCode", NULLIF("termDays", 0), n FROM "AutoRenewTallyDelta"
       WHERE "expiryHour" >= ${firstHour}::timestamp AND "expiryHour" < ${hourAfterEnd}::timestamp
      UNION ALL
      SELECT "accountId", "productCode", "termDays", n FROM (${head}) h
      UNION ALL
      SELECT "accountId", "productCode", "termDays", -n FROM (${rest}) r
    ) x
    GROUP BY 1, 2, 3 HAVING sum(n) <> 0`;
}

/**
 * Folds the deltas into the tally in one statement, when no other compaction runs (another
 * instance's, or this process's previous one): the rows it deletes are exactly the rows it adds,
 * and rows committed meanwhile stay for the next one. Returns how many delta rows it folded.
 */
export async function compactAutoRenewTally(): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${COMPACT_LOCK}) AS locked`;
    if (!lock?.locked) return 0;
    const [result] = await tx.$queryRaw<Array<{ folded: number }>>`
      WITH moved AS (
        DELETE FROM "AutoRenewTallyDelta" RETURNING "expiryHour", "resellerAccountId", "productCode", "termDays", n
      ), summed AS (
        INSERT INTO "AutoRenewTally" ("expiryHour", "resellerAccountId", "productCode", "termDays", n)
        SELECT "expiryHour", "resellerAccountId", "productCode", "termDays", sum(n)::int FROM moved GROUP BY 1, 2, 3, 4
        ON CONFLICT ("expiryHour", "resellerAccountId", "productCode", "termDays") DO UPDATE SET n = "AutoRenewTally".n + excluded.n
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM moved)::int AS folded`;
    // Rows that reached 0 stay: at most one per key, and the reader's HAVING skips them.
    return result?.folded ?? 0;
  });
}

/** After a read, at most once a minute per process: the compaction runs beside the page, never before it. */
function compactSoon() {
  if (Date.now() - lastCompaction < COMPACT_EVERY_MS) return;
  lastCompaction = Date.now();
  setImmediate(() => {
    compactAutoRenewTally().catch((error: unknown) => console.error(`[auto-renew-tally] compaction failed: ${error instanceof Error ? error.message : String(error)}`));
  });
}
