/**
 * One run's progress: its counters, the items still open, and the latest results (index
 * RenewalRunItem(runId, updatedAt)). An item left UNKNOWN shows its order's status now, so a
 * renewal the reconciliation pass has settled since reads as such.
 */
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const LATEST_ITEMS = 100;

export async function getRenewalRun(actor: Actor | null, runId: string, db: PrismaClient) {
  assertCan(actor, "viewLicenses");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(runId)) return null;
  const run = await db.renewalRun.findUnique({
    where: { id: runId },
    select: {
      id: true, createdAt: true, status: true, total: true, placed: true, refused: true, failed: true, unknown: true, finishedAt: true,
      currency: true, sellTotal: true, buyTotal: true, createdBy: { select: { name: true, email: true } },
    },
  });
  if (!run) return null;
  const [open, items] = await Promise.all([
    db.renewalRunItem.groupBy({ by: ["status"], where: { runId, status: { in: ["PENDING", "RUNNING"] } }, _count: { _all: true } }),
    db.renewalRunItem.findMany({
      where: { runId },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: LATEST_ITEMS,
      select: { id: true, status: true, message: true, attempts: true, orderId: true, updatedAt: true, license: { select: { id: true, domainName: true, productName: true } } },
    }),
  ]);
  const unknownOrders = items.filter((i) => i.status === "UNKNOWN" && i.orderId).map((i) => i.orderId!);
  const orders = unknownOrders.length ? await db.order.findMany({ where: { id: { in: unknownOrders } }, select: { id: true, status: true } }) : [];
  const orderStatus = new Map(orders.map((o) => [o.id, o.status]));
  const count = (s: "PENDING" | "RUNNING") => open.find((o) => o.status === s)?._count._all ?? 0;
  return {
    ...run,
    sellTotal: run.sellTotal?.toFixed(2) ?? null,
    buyTotal: run.buyTotal?.toFixed(2) ?? null,
    pending: count("PENDING"),
    running: count("RUNNING"),
    done: run.placed + run.refused + run.failed + run.unknown,
    items: items.map((i) => ({ ...i, orderStatusNow: i.orderId ? (orderStatus.get(i.orderId) ?? null) : null })),
  };
}
export type RenewalRunView = NonNullable<Awaited<ReturnType<typeof getRenewalRun>>>;
