/**
 * The expiry filter as raw SQL, for the grouped queries Prisma cannot express (GROUP BY a bucket
 * CASE, a week number). Built only from lib/licenses/licence-status.ts and lib/licenses/expiry-filter.ts:
 * the bucket bounds come from `bucketBoundsForSql`, the statuses that count from `anyExpiryBucketWhere`,
 * the tiers from `TIER_PRODUCTS`. tests/integration/expiry-workspace.test.ts holds these totals
 * against `expiryFilterWhere` on a seeded set, so the two translations cannot drift apart.
 */
import { Prisma, type LicenseStatus } from "@/lib/generated/prisma/client";
import { anyExpiryBucketWhere, bucketBoundsForSql, expiryBucketRange } from "@/lib/licenses/licence-status";
import { TIER_PRODUCTS, type ExpiryFilter } from "@/lib/licenses/expiry-filter";

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

/** CASE … END naming the bucket of l."expiresAt" (within the range of every bucket). */
export function bucketCaseSql(now: Date): Prisma.Sql {
  const whens = bucketBoundsForSql(now).map((b) => Prisma.sql`WHEN l."expiresAt" > ${at(b.gt)} AND l."expiresAt" <= ${at(b.lte)} THEN ${b.key}`);
  return Prisma.sql`CASE ${Prisma.join(whens, " ")} END`;
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

/** CASE … END naming the chart week of l."expiresAt" (NULL outside the 13 weeks): plain timestamp comparisons, no arithmetic per row. */
export function weekCaseSql(now: Date): Prisma.Sql {
  const whens = weekBounds(now).map((w) => Prisma.sql`WHEN l."expiresAt" <= ${at(w.lte)} THEN ${w.week}::int`);
  return Prisma.sql`CASE WHEN l."expiresAt" <= ${at(now)} THEN NULL ${Prisma.join(whens, " ")} END`;
}

/** The same week number in TypeScript (tests compare the two). */
export function weekIndexOf(expiresAt: Date, now: Date): number | null {
  const ms = expiresAt.getTime() - now.getTime();
  if (ms <= 0 || ms > CHART_WEEKS * WEEK_MS) return null;
  return Math.ceil(ms / WEEK_MS) - 1;
}
