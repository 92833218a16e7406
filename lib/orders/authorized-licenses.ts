/**
 * The license side of deciding a reseller=Y order (AutoAuthorize / AutoReject), written in the same
 * transaction as the order's move, so Order Desk never shows PENDING a license that Sectigo shows
 * active, nor waits for the next sync to find out (issue 16 #8).
 *
 * - Authorized: the licenses Order Desk already holds for the order (PENDING while it waited: the
 *   demo world, the scaled worlds) become ACTIVE and keep their dates, which are Sectigo's: the term
 *   runs from when Sectigo placed the order, not from its authorization (the sandbox's rule,
 *   tools/sandbox/endpoints/place-order/plan.ts; the documents say nothing, and the sync
 *   corrects a license if Sectigo ever disagrees). An order with none gets them recorded by
 *   settle-order.ts from that same start (`Placement.termStartsAt`).
 * - Rejected: its PENDING licenses and their add-ons become CANCELLED (Sectigo shows them
 *   "rejected", which the sync reads as CANCELLED).
 */
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** Activates the order's PENDING licenses; returns how many licenses Order Desk holds for the order (0: record them). */
export async function activateAuthorizedLicenses(tx: Tx, orderId: string, ids: { siteLockUserId?: string; siteLockSiteId?: string }): Promise<number> {
  const held = await tx.license.count({ where: { orderId } });
  if (held === 0) return 0;
  await tx.license.updateMany({
    where: { orderId, status: "PENDING" },
    // Sectigo returns the SiteLock IDs only when one SiteLock license is the whole order.
    data: { status: "ACTIVE", ...(ids.siteLockUserId ? { slUserId: ids.siteLockUserId } : {}), ...(ids.siteLockSiteId ? { slSiteId: ids.siteLockSiteId } : {}) },
  });
  return held;
}

export async function cancelRejectedLicenses(tx: Tx, orderId: string): Promise<void> {
  const pending = (await tx.license.findMany({ where: { orderId, status: "PENDING" }, select: { id: true } })).map((l) => l.id);
  if (pending.length === 0) return;
  await tx.license.updateMany({ where: { id: { in: pending } }, data: { status: "CANCELLED" } });
  await tx.addOn.updateMany({ where: { licenseId: { in: pending }, status: "ACTIVE" }, data: { status: "CANCELLED" } });
}
