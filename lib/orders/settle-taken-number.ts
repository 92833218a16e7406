/**
 * Reconciliation found our order at Sectigo under an order number Order Desk already records on
 * another order (Order.orderNumber is unique: settling would throw, and the order stayed UNKNOWN for
 * good, holding the license; review i18).
 *
 * - The other order is the sync's record of "Sectigo's automatic renewal" of the same license
 *   (follow-auto-renewals.ts, reference `sectigo-auto-renewal-<number>`): it was our renewal all along,
 *   found now by our own reference. Our order takes the number, the money and the period start the
 *   sync recorded (its date is the period's start, what the refund window reads), the stand-in goes
 *   (it only has its line and story, created by the sync), and the license is NOT renewed again: the
 *   sync already moved it by this very order. Nothing is sent to Sectigo.
 * - Anything else: two of our orders claim one Sectigo order. Not for a program to pick: the order
 *   stays open with a note naming the other order, for a person (settle-unknown-order.ts).
 */
import type { Actor } from "@/lib/auth/session";
import type { OrderDeps } from "./order-deps";
import { OPEN_STATUSES, transition } from "./settle-order";

/** The reference the sync gives the order it records for Sectigo's own auto-renewal. */
export const AUTO_RENEWAL_REFERENCE_PREFIX = "sectigo-auto-renewal-";

/** Rolls the merge back when it cannot complete (the stand-in or our open order changed meanwhile). */
class NotMoved extends Error {}

export type TakenNumber =
  /** No other order has the number: settle as usual. */
  | { kind: "FREE" }
  /** Our order replaced the sync's stand-in (moved: whether this call settled it). */
  | { kind: "MERGED"; moved: boolean; message: string }
  /** Another order of ours has it: a person decides. */
  | { kind: "TAKEN"; message: string };

export async function settleTakenNumber(
  deps: Pick<OrderDeps, "db">,
  order: { id: string; targetLicenseId: string | null },
  actor: Actor,
  placement: { orderNumber: string; cost?: number; via: string },
): Promise<TakenNumber> {
  const { db } = deps;
  const holder = await db.order.findUnique({
    where: { orderNumber: placement.orderNumber },
    select: { id: true, foreignOrderNumber: true, targetLicenseId: true, totalCost: true, placedAt: true },
  });
  if (!holder || holder.id === order.id) return { kind: "FREE" };
  const standIn = holder.foreignOrderNumber === `${AUTO_RENEWAL_REFERENCE_PREFIX}${placement.orderNumber}` && order.targetLicenseId !== null && holder.targetLicenseId === order.targetLicenseId;
  if (!standIn) {
    return {
      kind: "TAKEN",
      message: `Sectigo shows this order as ${placement.orderNumber} (${placement.via}), but Order Desk already records that number on order ${holder.foreignOrderNumber}. A person must settle which order it is; nothing was sent to Sectigo.`,
    };
  }
  const message = `Sectigo placed this order as ${placement.orderNumber} (${placement.via}). The sync had recorded that order as Sectigo's automatic renewal (${holder.foreignOrderNumber}) and moved the license by it already: that record is replaced by this order, and the license is not renewed a second time.`;
  const moved = await db
    .$transaction(async (tx) => {
      // Only the stand-in as the sync wrote it (its line and events go with it, onDelete: Cascade).
      const gone = await tx.order.deleteMany({ where: { id: holder.id, foreignOrderNumber: holder.foreignOrderNumber } });
      if (gone.count === 0) throw new NotMoved();
      const settled = await transition(tx, order.id, actor, {
        from: OPEN_STATUSES,
        to: "PLACED",
        changes: {
          pendingAction: null,
          orderNumber: placement.orderNumber,
          totalCost: placement.cost ?? holder.totalCost,
          placedAt: holder.placedAt,
          errorCode: null,
          errorMessage: null,
          errorField: null,
        },
        event: { kind: "RECONCILED", message, data: { orderNumber: placement.orderNumber, cost: placement.cost ?? null, replaced: holder.foreignOrderNumber } },
      });
      // Settled meanwhile by someone else: the stand-in stays (the whole transaction rolls back).
      if (!settled) throw new NotMoved();
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof NotMoved) return false;
      throw error;
    });
  return { kind: "MERGED", moved, message };
}

