import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import type { Prisma } from "@/lib/generated/prisma/client";
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

/** Live figures for the home page: read-only summaries of orders and licenses. */
export async function getDashboard(actor: Actor, now = new Date(), opts: { countCap?: number } = {}) {
  assertCan(actor, "viewOrders");
  assertCan(actor, "viewLicenses");
  const cap = opts.countCap ?? DASHBOARD_COUNT_CAP;
  // Prisma's count with `take` counts a LIMITed subquery: at most cap + 1 rows are read.
  const licenses = (where: Prisma.LicenseWhereInput) => prisma.license.count({ where, take: cap + 1 }).then((n) => capped(n, cap));
  // The one status rule (lib/licenses/rules/status.ts): RENEWABLE by the dates, whatever the
  // stored ACTIVE/EXPIRED says (the daily pass may not have run, or ran on another clock).
  const expiringWhere = licenseStatusWhere("RENEWABLE", now);
  // Not renewed: EXPIRED by the rule, expiry in the last 30 days (the workspace's "expired" bucket).
  const recentlyExpiredWhere = expiryBucketWhere("expired", now);
  const [expiringCount, expiring, recentlyExpired, awaitingCount, activeCount, latestOrders] = await Promise.all([
    licenses(expiringWhere),
    prisma.license.findMany({ where: expiringWhere, orderBy: { expiresAt: "asc" }, take: 8, select: licenseSummarySelect }),
    prisma.license.findMany({ where: recentlyExpiredWhere, orderBy: { expiresAt: "desc" }, take: 8, select: licenseSummarySelect }),
    prisma.order.count({ where: { status: "AWAITING_AUTHORIZATION" }, take: cap + 1 }).then((n) => capped(n, cap)),
    licenses({ status: "ACTIVE", expiresAt: { gt: now } }),
    prisma.order.findMany({ orderBy: { createdAt: "desc" }, take: 8, select: orderSummarySelect }),
  ]);
  return { expiringCount, expiring, recentlyExpired, awaitingCount, activeCount, latestOrders };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
