/**
 * The expiry filter as raw SQL, for the grouped query Prisma cannot express (counts per expiry slot
 * of the buckets and chart weeks, per plan). Built only from lib/licenses/rules/status.ts and lib/licenses/expiry-workspace/filter.ts:
 * the bucket bounds come from `bucketBoundsForSql`, the statuses that count from `anyExpiryBucketWhere`,
 * the tiers from `TIER_PRODUCTS`. tests/integration/expiry-workspace.test.ts holds these totals
 * against `expiryFilterWhere` on a seeded set, so the two translations cannot drift apart.
 */
import { Prisma, type LicenseStatus } from "@/lib/generated/prisma/client";
import { anyExpiryBucketWhere, bucketBoundsForSql, expiryBucket, expiryBucketRange, type ExpiryBucketKey } from "@/lib/licenses/rules/status";
import { TIER_PRODUCTS, type ExpiryFilter } from "@/lib/licenses/expiry-workspace/filter";

/** The stored statuses the buckets count, read from the rule's own Prisma filter. */
export function liveStatuses(now: Date): LicenseStatus[] {
  const status = anyExpiryBucketWhere(now).status;
  if (!status || typeof status !== "object" || !("in" in status) || !Array.isArray(status.in)) {
    throw new Error("anyExpiryBucketWhere no longer filters by a status list: update expiry-workspace-sql.ts");
  }
  return status.in as LicenseStatus[];
}

const at = (d: Date) => Prisma.sql`${d}::timestamp`;

/** Every condition of the filter except the bucket, on `l` ("License"). */
export function filterConditionsSql(filter: ExpiryFilter, now: Date): Prisma.Sql[] {
  const out: Prisma.Sql[] = [Prisma.sql`l.status = ANY(${liveStatuses(now)}::"LicenseStatus"[])`];
  if (filter.customer) out.push(Prisma.sql`l."customerId" = ${filter.customer}`);
  if (filter.product !== undefined) out.push(Prisma.sql`l."productCode" = ${filter.product}`);
  if (filter.tier !== undefined) out.push(Prisma.sql`l."productCode" = ANY(${TIER_PRODUCTS.get(filter.tier) ?? []}::int[])`);
  if (filter.autoRenew !== "any") out.push(Prisma.sql`l."autoRenew" = ${filter.autoRenew === "on"}`);
  if (filter.manager === "none") out.push(Prisma.sql`l."customerId" IN (SELECT c.id FROM "Customer" c WHERE c."accountManagerId" IS NULL)`);
  else if (filter.manager) out.push(Prisma.sql`l."customerId" IN (SELECT c.id FROM "Customer" c WHERE c."accountManagerId" = ${filter.manager})`);
  return out;
}

/** The expiry range of the filter's bucket ("any": every bucket). */
export function bucketRangeSql(filter: ExpiryFilter, now: Date): Prisma.Sql {
  const bounds = bucketBoundsForSql(now);
  const range = filter.bucket === "any" ? { gt: bounds[0]!.gt, lte: bounds.at(-1)!.lte } : expiryBucketRange(filter.bucket, now);
  return Prisma.sql`l."expiresAt" > ${at(range.gt)} AND l."expiresAt" <= ${at(range.lte)}`;
}

export const WEEK_MS = 7 * 86_400_000;
export const CHART_WEEKS = 13;

/** The chart's week bounds: week k (0-based) is the half-open interval (now + 7k days, now + 7(k+1) days], like the buckets. */
export function weekBounds(now: Date): Array<{ week: number; gt: Date; lte: Date }> {
  return Array.from({ length: CHART_WEEKS }, (_, week) => ({
    week,
    gt: new Date(now.getTime() + week * WEEK_MS),
    lte: new Date(now.getTime() + (week + 1) * WEEK_MS),
  }));
}

/**
 * The cards' and the chart's slots: the interval from the oldest bucket bound to the end of week 13,
 * cut at every bucket bound and every week bound, so each slot (gt, lte] lies inside one bucket (or
 * none) and one chart week (or none). The bucket and the week are the rule's own (`expiryBucket`,
 * `weekIndexOf`) at the slot's end, which stands for every instant of the slot. Counting per slot is
 * one index range per slot with no per-row CASE (issue 9 p95: the two CASE chains cost as much as
 * the scan itself).
 */
export function rollupSlots(now: Date): Array<{ gt: Date; lte: Date; bucket: ExpiryBucketKey | null; week: number | null }> {
  const cuts = [...bucketBoundsForSql(now).flatMap((b) => [b.gt, b.lte]), ...weekBounds(now).flatMap((w) => [w.gt, w.lte])];
  const times = [...new Set(cuts.map((d) => d.getTime()))].sort((a, b) => a - b);
  return times.slice(0, -1).map((t, i) => {
    const lte = new Date(times[i + 1]!);
    return { gt: new Date(t), lte, bucket: expiryBucket({ status: "ACTIVE", expiresAt: lte }, now), week: weekIndexOf(lte, now) };
  });
}

/** The slots as a VALUES list `(slot, gt, lte)` for a LATERAL join. */
export function rollupSlotsSql(now: Date): Prisma.Sql {
  return Prisma.join(rollupSlots(now).map((s, i) => Prisma.sql`(${i}::int, ${at(s.gt)}, ${at(s.lte)})`));
}

/** The same week number in TypeScript (tests compare the two). */
export function weekIndexOf(expiresAt: Date, now: Date): number | null {
  const ms = expiresAt.getTime() - now.getTime();
  if (ms <= 0 || ms > CHART_WEEKS * WEEK_MS) return null;
  return Math.ceil(ms / WEEK_MS) - 1;
}

/** The list's sort columns on `l` ("License") and `c` (its "Customer"): the page's list and the CSV export. */
export const SORT_COLUMN: Record<"expiresAt" | "domainName" | "customer", Prisma.Sql> = {
  expiresAt: Prisma.raw(`l."expiresAt"`),
  domainName: Prisma.raw(`l."domainName"`),
  customer: Prisma.raw(`c.name`),
};

/**
 * Rows strictly after (value, id) in the order (column dir, l.id dir): the plain bound lets
 * PostgreSQL use the column's index, the row comparison settles ties by id.
 */
export function afterCursorSql(column: Prisma.Sql, dir: "asc" | "desc", value: Prisma.Sql, id: string): Prisma.Sql[] {
  const [bound, after] = dir === "asc" ? [">=", ">"] : ["<=", "<"];
  return [Prisma.sql`${column} ${Prisma.raw(bound)} ${value}`, Prisma.sql`(${column}, l.id) ${Prisma.raw(after)} (${value}, ${id})`];
}
