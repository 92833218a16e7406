import "server-only";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExpiryFilter } from "@/lib/licenses/expiry-workspace/filter";
import { filterConditionsSql, rollupSlots } from "@/lib/licenses/expiry-workspace/sql";

/**
 * The cards' and the chart's counts (per rollup slot and plan) read from the tally the database
 * keeps current (migration *_expiry_tally: triggers on License append signed deltas per expiry
 * hour, stored status, plan, term and auto-renew; migration *_expiry_tally_day: the same per day).
 * Counting the workspace's range in "License" read ~306,000 index entries per view at 1,000,000
 * licenses (~130 ms of PostgreSQL); the tallies hold a few rows per hour and per day (~3 ms). Exact
 * at any instant: a slot's whole days come from the day tally, the whole hours of its two partial
 * days from the hour tally, and the partial hours at its two ends from "License" (the expiry index),
 * each counted on the side that leaves out the start of its hour (`tallySlots`).
 *
 * The tally has every column the filter reads except the customer, so the filter's own SQL
 * (`filterConditionsSql`, on alias `l`) runs on it unchanged. A customer or account-manager filter
 * is not served: its licenses are few, and `rollup` counts them in "License" as before.
 */
export function tallyServes(filter: ExpiryFilter): boolean {
  return !filter.customer && !filter.manager;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A compaction at most this often per process: the deltas of a minute of writes are few rows. */
const COMPACT_EVERY_MS = 60_000;
/** pg_try_advisory_xact_lock key: one compaction at a time across instances ("ExTally" in ASCII). */
const COMPACT_LOCK = 0x0045_7854_616c_6c79n;
let lastCompaction = 0;

const at = (d: Date) => Prisma.sql`${d}::timestamp`;

/**
 * Each slot (gt, lte] cut in pieces: the head (gt, headLte] counted in "License"; the whole hours
 * [hourFrom, dayFrom) and [dayTo, hourEnd) of its two partial days from the hour tally; its whole
 * days [dayFrom, dayTo) from the day tally (the pending deltas, per hour, over [hourFrom, hourEnd));
 * less the rest of lte's hour, (lte, hourEnd), counted in "License". Expiries are stored to the
 * millisecond (TIMESTAMP(3)), so "before the hour" is "at or before the hour minus 1 ms". A slot
 * with no whole hour is all head; one with no whole day is all hours.
 *
 * Why the tail is the tally's hour less its rest, not [hourTo, lte] counted: both ends' partial
 * hours are then counted after the slot's bound, never over the start of the hour. Expiries that
 * are dates (a sync, an import) all fall on midnight; with the tail counted, every slot's tail held
 * a whole day of them from 00:00 to 01:00 UTC: 17 slots x ~2,500 licenses per view at 1,000,000
 * (the rollup 2 -> 14 ms, seen on the scaled world whose expiries are at midnight).
 */
export function tallySlots(now: Date) {
  return rollupSlots(now).map((s, slot) => {
    const hourFrom = Math.floor(s.gt.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS; // the first hour starting after gt
    const hourTo = Math.floor(s.lte.getTime() / HOUR_MS) * HOUR_MS; // the last hour bound at or before lte
    if (hourFrom >= hourTo) {
      const none = s.lte;
      return { slot, gt: s.gt, headLte: s.lte, hourFrom: none, dayFrom: none, dayTo: none, hourEnd: none, lte: s.lte };
    }
    let dayFrom = Math.ceil(hourFrom / DAY_MS) * DAY_MS; // the first day bound at or after hourFrom
    let dayTo = Math.floor(hourTo / DAY_MS) * DAY_MS; // the last day bound at or before hourTo
    if (dayFrom >= dayTo) dayFrom = dayTo = hourTo;
    const d = (ms: number) => new Date(ms);
    return { slot, gt: s.gt, headLte: d(hourFrom - 1), hourFrom: d(hourFrom), dayFrom: d(dayFrom), dayTo: d(dayTo), hourEnd: d(hourTo + HOUR_MS), lte: s.lte };
  });
}

/** The same rows as `rollupSql` (slot, productCode, termDays, n) for a filter the tally serves. */
export function talliedRollupSql(filter: ExpiryFilter, now: Date): Prisma.Sql {
  if (!tallyServes(filter)) throw new Error("the expiry tally has no customer: count a customer's or a manager's licenses in \"License\"");
  const where = Prisma.join(filterConditionsSql({ ...filter, bucket: "any" }, now), " AND ");
  const slots = Prisma.join(
    tallySlots(now).map(
      (s) =>
        Prisma.sql`(${s.slot}::int, ${at(s.gt)}, ${at(s.headLte)}, ${at(s.hourFrom)}, ${at(s.dayFrom)}, ${at(s.dayTo)}, ${at(s.hourEnd)}, ${at(s.lte)})`,
    ),
  );
  return Prisma.sql`
    SELECT s.slot, x."productCode", x."termDays", sum(x.n)::int AS n
    FROM (VALUES ${slots}) AS s(slot, gt, "headLte", "hourFrom", "dayFrom", "dayTo", "hourEnd", lte)
    CROSS JOIN LATERAL (
      SELECT l."productCode", NULLIF(l."termDays", 0) AS "termDays", l.n FROM "ExpiryTallyDay" l
       WHERE l."expiryDay" >= s."dayFrom" AND l."expiryDay" < s."dayTo" AND ${where}
      UNION ALL
      SELECT l."productCode", NULLIF(l."termDays", 0), l.n FROM "ExpiryTally" l
       WHERE l."expiryHour" >= s."hourFrom" AND l."expiryHour" < s."dayFrom" AND ${where}
      UNION ALL
      SELECT l."productCode", NULLIF(l."termDays", 0), l.n FROM "ExpiryTally" l
       WHERE l."expiryHour" >= s."dayTo" AND l."expiryHour" < s."hourEnd" AND ${where}
      UNION ALL
      SELECT l."productCode", NULLIF(l."termDays", 0), l.n FROM "ExpiryTallyDelta" l
       WHERE l."expiryHour" >= s."hourFrom" AND l."expiryHour" < s."hourEnd" AND ${where}
      UNION ALL
      SELECT l."productCode", NULLIF(l."termDays", 0), count(*)::int FROM "License" l
       WHERE l."expiresAt" > s.gt AND l."expiresAt" <= s."headLte" AND ${where} GROUP BY 1, 2
      UNION ALL
      SELECT l."productCode", NULLIF(l."termDays", 0), -count(*)::int FROM "License" l
       WHERE l."expiresAt" > s.lte AND l."expiresAt" < s."hourEnd" AND ${where} GROUP BY 1, 2
    ) x
    GROUP BY 1, 2, 3 HAVING sum(x.n) <> 0`;
}

/**
 * Folds the deltas into the hour and the day tally in one statement, when no other compaction runs: the rows it
 * deletes are exactly the rows it adds, and rows committed meanwhile stay for the next one.
 * Returns how many delta rows it folded.
 */
export async function compactExpiryTally(): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${COMPACT_LOCK}) AS locked`;
    if (!lock?.locked) return 0;
    const [result] = await tx.$queryRaw<Array<{ folded: number }>>`
      WITH moved AS (
        DELETE FROM "ExpiryTallyDelta" RETURNING "expiryHour", status, "productCode", "termDays", "autoRenew", n
      ), hours AS (
        INSERT INTO "ExpiryTally" ("expiryHour", status, "productCode", "termDays", "autoRenew", n)
        SELECT "expiryHour", status, "productCode", "termDays", "autoRenew", sum(n)::int FROM moved GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT ("expiryHour", status, "productCode", "termDays", "autoRenew") DO UPDATE SET n = "ExpiryTally".n + excluded.n
        RETURNING 1
      ), days AS (
        INSERT INTO "ExpiryTallyDay" ("expiryDay", status, "productCode", "termDays", "autoRenew", n)
        SELECT date_trunc('day', "expiryHour"), status, "productCode", "termDays", "autoRenew", sum(n)::int FROM moved GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT ("expiryDay", status, "productCode", "termDays", "autoRenew") DO UPDATE SET n = "ExpiryTallyDay".n + excluded.n
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM moved)::int AS folded`;
    // Rows that reached 0 stay: at most one per key, and the reader's HAVING drops zero sums.
    return result?.folded ?? 0;
  });
}

/** After a read, at most once a minute per process: the compaction runs beside the page, never before it. */
export function compactExpiryTallySoon() {
  if (Date.now() - lastCompaction < COMPACT_EVERY_MS) return;
  lastCompaction = Date.now();
  setImmediate(() => {
    compactExpiryTally().catch((error: unknown) => console.error(`[expiry-tally] compaction failed: ${error instanceof Error ? error.message : String(error)}`));
  });
}
