import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { RENEWAL_WINDOW_DAYS } from "@/lib/licenses/renewal-window";
import { licenseSummarySelect } from "@/lib/licenses/license-summary";
import { orderSummarySelect } from "@/lib/orders/order-summary";

const DAY_MS = 86_400_000;

/** Live figures for the home page. Every role may see them (all are read-only summaries). */
export async function getDashboard(_actor: Actor, now = new Date()) {
  const windowEnd = new Date(now.getTime() + RENEWAL_WINDOW_DAYS * DAY_MS);
  const expiringWhere = { status: "ACTIVE" as const, expiresAt: { gt: now, lte: windowEnd } };
  const [expiringCount, expiring, awaitingCount, activeCount, latestOrders] = await Promise.all([
    prisma.license.count({ where: expiringWhere }),
    prisma.license.findMany({
      where: expiringWhere,
      orderBy: { expiresAt: "asc" },
      take: 8,
      select: licenseSummarySelect,
    }),
    prisma.order.count({ where: { status: "AWAITING_AUTHORIZATION" } }),
    prisma.license.count({ where: { status: "ACTIVE", expiresAt: { gt: now } } }),
    prisma.order.findMany({ orderBy: { createdAt: "desc" }, take: 8, select: orderSummarySelect }),
  ]);
  return { expiringCount, expiring, awaitingCount, activeCount, latestOrders };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
