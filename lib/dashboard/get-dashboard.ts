import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { expiredExpiries, renewableExpiries } from "@/lib/licenses/renewal-window";
import { licenseSummarySelect } from "@/lib/licenses/license-summary";
import { orderSummarySelect } from "@/lib/orders/order-summary";

const DAY_MS = 86_400_000;
/** How far back the home page looks for licenses that ran out without a renewal. */
export const RECENTLY_EXPIRED_DAYS = 30;

/** Live figures for the home page: read-only summaries of orders and licenses. */
export async function getDashboard(actor: Actor, now = new Date()) {
  assertCan(actor, "viewOrders");
  assertCan(actor, "viewLicenses");
  const expiredSince = new Date(now.getTime() - RECENTLY_EXPIRED_DAYS * DAY_MS);
  const expiringWhere = { status: "ACTIVE" as const, expiresAt: renewableExpiries(now) };
  // Not renewed: still ACTIVE (the expiry job has not run yet) or marked EXPIRED.
  const recentlyExpiredWhere = { status: { in: ["ACTIVE" as const, "EXPIRED" as const] }, expiresAt: { gt: expiredSince, ...expiredExpiries(now) } };
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
