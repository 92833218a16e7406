/**
 * The license side of a cancellation or refund that Sectigo confirmed: the base license becomes
 * REFUNDED (AutoRefund) or CANCELLED (CANCELLICENCE), and its add-ons go with it (Sectigo's "Canceling orders":
 * cancelling the main product cancels all its add-ons). Only live rows move, so settling twice
 * changes nothing. An UNKNOWN one is reconciled from the license's status at Sectigo.
 */
import type { Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SectigoClient } from "@/lib/sectigo/client";
import type { OrderDeps } from "./order-deps";
import { eventData, OPEN_STATUSES, transition } from "./settle-order";

type Tx = Prisma.TransactionClient;

export async function settleCancellation(tx: Tx, licenseId: string, outcome: "REFUNDED" | "CANCELLED"): Promise<void> {
  await tx.license.updateMany({ where: { id: licenseId, status: { in: ["ACTIVE", "EXPIRED", "PENDING"] } }, data: { status: outcome } });
  await tx.addOn.updateMany({ where: { licenseId: licenseId, status: "ACTIVE" }, data: { status: outcome } });
}

export type CancellationReconcileResult =
  | { outcome: "PLACED"; orderNumber: string }
  | { outcome: "NOT_PLACED" }
  | { outcome: "NOT_YET"; reason: string }
  | { outcome: "SETTLED_ALREADY" };

interface UnknownCancellation {
  id: string;
  createdAt: Date;
  kind: string;
  targetLicenseId: string | null;
  request: unknown;
}

/**
 * An UNKNOWN refund or cancellation (its answer was lost): never sent again; the license's status
 * at Sectigo (WebHostReport of its order) says whether it happened. Still active there after the
 * settle window -> not done (FAILED, safe to try again); before it -> look again later.
 */
export async function reconcileCancellation(
  deps: OrderDeps,
  order: UnknownCancellation,
  actor: Actor,
  client: Pick<SectigoClient, "webHostReport">,
  opts: { now: Date; settleWindowMs: number },
): Promise<CancellationReconcileResult> {
  const { db } = deps;
  const request = order.request as { input?: { orderNumber?: string } } | null;
  const orderNumber = request?.input?.orderNumber;
  const license = order.targetLicenseId ? await db.license.findUnique({ where: { id: order.targetLicenseId }, select: { id: true, productCode: true } }) : null;
  if (!orderNumber || !license) throw new AppError("CONFLICT", "This cancellation has no recorded license to reconcile.");
  const note = async (message: string): Promise<CancellationReconcileResult> => {
    const text = `Reconciliation: ${message}`;
    const last = await db.orderEvent.findFirst({ where: { orderId: order.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { message: true } });
    if (last?.message !== text) await db.orderEvent.create({ data: eventData(order.id, actor, { kind: "NOTE", message: text }) });
    return { outcome: "NOT_YET", reason: message };
  };
  const report = await client.webHostReport({ orderNumbers: [orderNumber] });
  if (!report.ok) return note(report.error.userMessage);
  const row = report.value.rows.find((r) => r.orderNumber === orderNumber);
  const status = (row?.items.find((i) => i.productCode === license.productCode)?.status ?? "").toLowerCase();
  if (status === "refunded" || status === "cancelled") {
    const outcome = status === "refunded" ? "REFUNDED" : "CANCELLED";
    const moved = await db.$transaction(async (tx) => {
      const ok = await transition(tx, order.id, actor, {
        from: OPEN_STATUSES,
        to: "PLACED",
        changes: { placedAt: opts.now, errorMessage: null },
        event: { kind: "RECONCILED", message: `Sectigo shows the license of order ${orderNumber} as ${status}.`, data: { orderNumber } },
      });
      if (ok) await settleCancellation(tx, license.id, outcome);
      return ok;
    });
    return moved ? { outcome: "PLACED", orderNumber } : { outcome: "SETTLED_ALREADY" };
  }
  if (opts.now.getTime() - order.createdAt.getTime() < opts.settleWindowMs) {
    return note(`Sectigo still shows the license of order ${orderNumber} as "${status || "not found"}"; Order Desk looks again.`);
  }
  const message = `Sectigo shows the license of order ${orderNumber} as "${status || "not found"}": it was not ${order.kind === "REFUND" ? "refunded" : "cancelled"}. It is safe to try again.`;
  const moved = await db.$transaction((tx) =>
    transition(tx, order.id, actor, { from: OPEN_STATUSES, to: "FAILED", changes: { errorMessage: message, errorCode: null, errorField: null }, event: { kind: "RECONCILED", message } }),
  );
  return moved ? { outcome: "NOT_PLACED" } : { outcome: "SETTLED_ALREADY" };
}
