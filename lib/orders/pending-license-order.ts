/**
 * One license-changing order at a time (a renewal, plan change, add-on, cancellation or refund).
 *
 * `pendingLicenseOrder` is the early check for a clear answer: while an order on the license has no
 * known outcome (being sent, or its answer was lost), nothing else is offered: it might have
 * happened, and a second one would be a resend by hand. Reconciliation settles it.
 *
 * The check alone is not enough: two tabs pass it at the same moment, or a request passes it just
 * before the first order settles and claims its own order just after (issue 16 #7: a second
 * cancellation reached Sectigo). The database holds the rule (migration *_one_change_per_license_version):
 * every license-changing order records the license's `changeVersion` its request read, the database
 * raises that version when such an order is PLACED, and at most one order that did not fail exists
 * per (license, version). So an order can only be claimed on the license as its request saw it, with
 * nothing open on it, in the claim's own INSERT. (The older index "Order_one_open_change_per_license_key"
 * still holds one open change per license, for orders from before the version.)
 *
 * `licenseChangeConflict` turns the loser's unique violation into the answer, as data: ORDER_PENDING
 * when the other order is still open, CHANGED when it was placed meanwhile (naming it).
 */
import { isUniqueViolation } from "@/lib/db/errors";
import type { OrderKind } from "@/lib/generated/prisma/client";
import type { OrderDeps } from "./order-deps";

export const LICENSE_CHANGE_KINDS = ["RENEWAL", "UPGRADE", "DOWNGRADE", "CANCELLATION", "REFUND", "ADD_ON"] as const satisfies readonly OrderKind[];

export const pendingOrderMessage = (foreignOrderNumber: string) =>
  `Another order on this license (${foreignOrderNumber}) is still waiting for Sectigo's answer; Order Desk is checking with Sectigo. Try again once it is settled.`;

const DONE: Record<(typeof LICENSE_CHANGE_KINDS)[number], string> = {
  RENEWAL: "renewed it",
  UPGRADE: "changed its plan",
  DOWNGRADE: "changed its plan",
  CANCELLATION: "cancelled it",
  REFUND: "refunded and cancelled it",
  ADD_ON: "added an add-on to it",
};

export const changedMessage = (foreignOrderNumber: string, kind: OrderKind) =>
  `Another order on this license (${foreignOrderNumber}) ${DONE[kind as keyof typeof DONE] ?? "changed it"} while this request was being prepared, so nothing was sent to Sectigo. Reload the page to see the license as it is now.`;

/** `exceptKind`: orders of that kind are the caller's own business (a renewal's own key answers them first; the database still holds one change per license). */
export async function pendingLicenseOrder(deps: Pick<OrderDeps, "db">, licenseId: string, exceptKind?: OrderKind): Promise<{ message: string } | null> {
  const open = await deps.db.order.findFirst({
    where: { targetLicenseId: licenseId, status: { in: ["SUBMITTING", "UNKNOWN"] }, ...(exceptKind ? { kind: { not: exceptKind } } : {}) },
    orderBy: { createdAt: "desc" },
    select: { foreignOrderNumber: true },
  });
  return open ? { message: pendingOrderMessage(open.foreignOrderNumber) } : null;
}

export type LicenseChangeConflict = { code: "ORDER_PENDING" | "CHANGED"; message: string };

/**
 * After a unique violation on insert that was not our own submission key (the callers answer that
 * first): the only other unique values a license-changing order can collide on are the two per-license
 * indexes (the foreign order number is random), so another order on this license won. Returns the
 * answer to give, or null when the error was not a unique violation.
 */
export async function licenseChangeConflict(deps: Pick<OrderDeps, "db">, licenseId: string, error: unknown): Promise<LicenseChangeConflict | null> {
  if (!isUniqueViolation(error)) return null;
  const pending = await pendingLicenseOrder(deps, licenseId);
  if (pending) return { code: "ORDER_PENDING", message: pending.message };
  // Not open any more: it was placed (a failed one would not have stood in the way).
  const placed = await deps.db.order.findFirst({
    where: { targetLicenseId: licenseId, status: "PLACED", kind: { in: [...LICENSE_CHANGE_KINDS] } },
    orderBy: [{ placedAt: "desc" }, { createdAt: "desc" }],
    select: { foreignOrderNumber: true, kind: true },
  });
  return placed
    ? { code: "CHANGED", message: changedMessage(placed.foreignOrderNumber, placed.kind) }
    : { code: "CHANGED", message: "Another order on this license got there first, so nothing was sent to Sectigo. Reload the page to see the license as it is now." };
}
