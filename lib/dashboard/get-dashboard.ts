import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { Prisma, type LicenseStatus } from "@/lib/generated/prisma/client";
import { expiryBucketWhere, licenseStatusWhere } from "@/lib/licenses/rules/status";
import { licenseSummarySelect } from "@/lib/licenses/queries/license-summary";
import { orderSummarySelect } from "@/lib/orders/order-summary";

/**
 * The dashboard's counts stop here (issue 19 item 4): past it the figure reads "10,000+". A full
 * count of the active licenses walked ~1,000,000 index entries on every view (22-44 ms of the
 * page's 52 ms at 1,000,000 licenses); a capped count reads at most this many, whatever the size.
 */
export const DASHBOARD_COUNT_CAP = 10_000;

/** A count that stopped at the cap: `capped` means "at least `value`". */
export type CappedCount = { value: number; capped: boolean };

function capped(count: number, cap: number): CappedCount {
  return count > cap ? { value: cap, capped: true } : { value: count, capped: false };
}

/**
 * At most `cap` + 1 licenses counted, in SQL of our own: Prisma's `count({ take })` sorts the
 * subquery by id (ORDER BY "id" LIMIT n), which reads and sorts every match (68-117 ms for the
 * expiring count at 1,000,000 licenses) instead of stopping after n index entries (~2 ms).
 */
async function cappedLicenseCount(statuses: LicenseStatus[], gt: Date, lte: Date | undefined, cap: number): Promise<CappedCount> {
  const upTo = lte ? Prisma.sql`AND "expiresAt" <= ${lte}::timestamp` : Prisma.empty;
  const [row] = await prisma.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM "License" WHERE status = ANY(${statuses}::"LicenseStatus"[]) AND "expiresAt" > ${gt}::timestamp ${upTo} LIMIT ${cap + 1}
    ) x`;
  return capped(row?.n ?? 0, cap);
}

/** The statuses and expiry range of a status rule's filter (lib/licenses/rules/status.ts), for SQL. */
function ruleRange(where: Prisma.LicenseWhereInput): { statuses: LicenseStatus[]; gt: Date; lte: Date | undefined } {
  const status = where.status;
  const expiresAt = where.expiresAt;
  const statuses = typeof status === "string" ? [status] : status && typeof status === "object" && "in" in status && Array.isArray(status.in) ? status.in : null;
  if (!statuses || !expiresAt || typeof expiresAt !== "object" || !("gt" in expiresAt) || !(expiresAt.gt instanceof Date)) {
    throw new Error("the status rule's filter changed shape: update lib/dashboard/get-dashboard.ts");
  }
  return { statuses: statuses as LicenseStatus[], gt: expiresAt.gt, lte: "lte" in expiresAt && expiresAt.lte instanceof Date ? expiresAt.lte : undefined };
}

/** Live figures for the home page: read-only summaries of orders and licenses. */
export async function getDashboard(actor: Actor, now = new Date(), opts: { countCap?: number } = {}) {
  assertCan(actor, "viewOrders");
  assertCan(actor, "viewLicenses");
  const cap = opts.countCap ?? DASHBOARD_COUNT_CAP;
  const licenses = (where: Prisma.LicenseWhereInput) => {
    const r = ruleRange(where);
    return cappedLicenseCount(r.statuses, r.gt, r.lte, cap);
  };
  // The one status rule (lib/licenses/rules/status.ts): RENEWABLE by the dates, whatever the
  // stored ACTIVE/EXPIRED says (the daily pass may not have run, or ran on another clock).
  const expiringWhere = licenseStatusWhere("RENEWABLE", now);
  // Not renewed: EXPIRED by the rule, expiry in the last 30 days (the workspace's "expired" bucket).
  const recentlyExpiredWhere = expiryBucketWhere("expired", now);
  const [expiringCount, expiring, recentlyExpired, awaitingCount, activeCount, latestOrders] = await Promise.all([
    licenses(expiringWhere),
    prisma.license.findMany({ where: expiringWhere, orderBy: { expiresAt: "asc" }, take: 8, select: licenseSummarySelect }),
    prisma.license.findMany({ where: recentlyExpiredWhere, orderBy: { expiresAt: "desc" }, take: 8, select: licenseSummarySelect }),
    prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Order" WHERE status = 'AWAITING_AUTHORIZATION' LIMIT ${cap + 1}) x`.then(([r]) => capped(r?.n ?? 0, cap)),
    licenses({ status: "ACTIVE", expiresAt: { gt: now } }),
    prisma.order.findMany({ orderBy: { createdAt: "desc" }, take: 8, select: orderSummarySelect }),
  ]);
  return { expiringCount, expiring, recentlyExpired, awaitingCount, activeCount, latestOrders };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
