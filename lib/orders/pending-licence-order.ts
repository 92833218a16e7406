/**
 * An order on this licence whose outcome is not known yet (being sent, or its answer was lost).
 * While there is one, no new plan change or cancellation is offered: it might have happened, and a
 * second one would be a resend by hand. Reconciliation settles it (lib/orders/README.md).
 */
import type { OrderKind } from "@/lib/generated/prisma/client";
import type { OrderDeps } from "./order-deps";

/** `exceptKind`: orders of that kind are the caller's own business (a renewal's own key answers them). */
export async function pendingLicenceOrder(deps: Pick<OrderDeps, "db">, licenceId: string, exceptKind?: OrderKind): Promise<{ message: string } | null> {
  const open = await deps.db.order.findFirst({
    where: { targetLicenseId: licenceId, status: { in: ["SUBMITTING", "UNKNOWN"] }, ...(exceptKind ? { kind: { not: exceptKind } } : {}) },
    orderBy: { createdAt: "desc" },
    select: { foreignOrderNumber: true },
  });
  return open
    ? { message: `Order ${open.foreignOrderNumber} on this licence has no known outcome yet; Order Desk is checking with Sectigo. Try again once it is settled.` }
    : null;
}
