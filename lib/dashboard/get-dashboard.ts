import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { expiryBucketWhere, licenseStatusWhere } from "@/lib/licenses/rules/status";
import { licenseSummarySelect } from "@/lib/licenses/queries/license-summary";
import { orderSummarySelect } from "@/lib/orders/order-summary";

/** Live figures for the home page: read-only summaries of orders and licenses. */
export async function getDashboard(actor: Actor, now = new Date()) {
  assertCan(actor, "viewOrders");
  assertCan(actor, "viewLicenses");
  // The one status rule (lib/licenses/rules/status.ts): RENEWABLE by the dates, whatever the
  // stored ACTIVE/EXPIRED says (the daily pass may not have run, or ran on another clock).
  const expiringWhere = licenseStatusWhere("RENEWABLE", now);
  // Not renewed: EXPIRED by the rule, expiry in the last 30 days (the workspace's "expired" bucket).
  const recentlyExpiredWhere = expiryBucketWhere("expired", now);
  const [expiringCount, expiring, recentlyExpired, awaitingCount, activeCount, latestOrders] = await Promise.all([
    prisma.license.count({ where: expiringWhere }),
    prisma.license.findMany({ where: expiringWhere, orderBy: { expiresAt: "asc" }, take: 8, select: licenseSummarySelect }),
    prisma.license.findMany({ where: recentlyExpiredWhere, orderBy: { expiresAt: "desc" }, take: 8, select: licenseSummarySelect }),
    prisma.order.count({ where: { status: "AWAITING_AUTHORIZATION" } }),
    prisma.license.count({ where: { status: "ACTIVE", expiresAt: { gt: now } } }),
    prisma.order.findMany({ orderBy: { createdAt: "desc" }, take: 8, select: orderSummarySelect }),
  ]);
  return { expiringCount, expiring, recentlyExpired, awaitingCount, activeCount, latestOrders };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
