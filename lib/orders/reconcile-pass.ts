/**
 * The background reconciliation pass: every order whose outcome is unknown (and every order stuck
 * in SUBMITTING past the call's budget) is reconciled by Order Desk itself, a bounded batch per
 * run, least recently tried first (`Order.lastReconciledAt`, then oldest): orders that never settle
 * (Sectigo cannot be asked, or keeps answering "not yet") go to the back of the queue instead of
 * taking every pass. Orders that need a person (several candidates) are left to the person.
 */
import { systemActor } from "@/lib/auth/system-actor";
import type { OrderDeps } from "./order-deps";
import { reconcileOrder, staleSubmittingMs, type ReconcileResult } from "./reconcile-order";

export const PASS_BATCH = 50;

export async function reconcileOpenOrders(deps: OrderDeps, opts: { batch?: number } = {}): Promise<Record<ReconcileResult["outcome"] | "ERROR", number>> {
  const actor = systemActor("reconciliation");
  const now = deps.now?.() ?? new Date();
  const open = await deps.db.order.findMany({
    where: {
      OR: [
        { status: "UNKNOWN", NOT: { events: { some: { kind: "CANDIDATES" } } } },
        { status: "SUBMITTING", createdAt: { lt: new Date(now.getTime() - staleSubmittingMs(deps)) } },
      ],
    },
    orderBy: [{ lastReconciledAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    take: opts.batch ?? PASS_BATCH,
    select: { id: true, foreignOrderNumber: true },
  });
  // Marked before trying: an attempt that fails (or a worker that dies) still moves them back.
  if (open.length) await deps.db.order.updateMany({ where: { id: { in: open.map((o) => o.id) } }, data: { lastReconciledAt: now } });
  const counts: Record<string, number> = {};
  for (const order of open) {
    let outcome: string;
    try {
      outcome = (await reconcileOrder(actor, { orderId: order.id }, deps)).outcome;
    } catch (error) {
      console.error(`reconciliation of ${order.foreignOrderNumber} failed: ${error instanceof Error ? error.message : String(error)}`);
      outcome = "ERROR";
    }
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts as Record<ReconcileResult["outcome"] | "ERROR", number>;
}
