/**
 * An order on this licence whose outcome is not known yet (being sent, or its answer was lost).
 * While there is one, no new plan change, cancellation or add-on is offered: it might have happened,
 * and a second one would be a resend by hand. Reconciliation settles it (lib/orders/README.md).
 *
 * The check alone is not enough (two tabs both pass it): the database holds at most one open
 * licence-changing order per licence (partial unique index "Order_one_open_change_per_licence_key",
 * migration 20261122105228). The use cases turn that index's violation into the same answer
 * (`openOrderConflict`).
 */
import { isUniqueViolation } from "@/lib/db/errors";
import type { OrderKind } from "@/lib/generated/prisma/client";
import type { OrderDeps } from "./order-deps";

export const OPEN_ORDER_INDEX = "Order_one_open_change_per_licence_key";

export const pendingOrderMessage = (foreignOrderNumber: string) =>
  `Another order on this licence (${foreignOrderNumber}) is still waiting for Sectigo's answer; Order Desk is checking with Sectigo. Try again once it is settled.`;

/** `exceptKind`: orders of that kind are the caller's own business (a renewal's own key answers them first; the index still holds one open order per licence). */
export async function pendingLicenceOrder(deps: Pick<OrderDeps, "db">, licenceId: string, exceptKind?: OrderKind): Promise<{ message: string } | null> {
  const open = await deps.db.order.findFirst({
    where: { targetLicenseId: licenceId, status: { in: ["SUBMITTING", "UNKNOWN"] }, ...(exceptKind ? { kind: { not: exceptKind } } : {}) },
    orderBy: { createdAt: "desc" },
    select: { foreignOrderNumber: true },
  });
  return open ? { message: pendingOrderMessage(open.foreignOrderNumber) } : null;
}

/**
 * After a unique violation on insert that was not our own submission key (the callers answer that
 * first): the only other unique value an order of an existing customer can collide on is this index
 * (the foreign order number is random), so it is the race the index closes. Returns the answer to
 * give, or null when the error was not a unique violation.
 */
export async function openOrderConflict(deps: Pick<OrderDeps, "db">, licenceId: string, error: unknown): Promise<{ message: string } | null> {
  if (!isUniqueViolation(error)) return null;
  // The other order may have settled in between: it still was open when ours was refused.
  return (await pendingLicenceOrder(deps, licenceId)) ?? { message: "Another order on this licence was still waiting for Sectigo's answer. Reload the page to see its outcome before trying again." };
}
