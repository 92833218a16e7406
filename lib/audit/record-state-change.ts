import { currentAuditContext, recordChange } from "@/lib/audit/audit-scope";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The before/after of an action whose change is made by a call to Sectigo and the settling that
 * follows (decisions, reconciliation, license changes): the record is read just before and just
 * after the work, so the audit entry shows what really moved, whichever path settled it. Only
 * inside a person's action (a job records nothing, and reads nothing for it), and only when
 * `madeIt` says this request made the change: a request that lost a race (already decided,
 * another change of the license got there first) must not be credited with the winner's change.
 */
type Db = Pick<PrismaClient, "order" | "license">;

async function withStateRecorded<T>(target: string, read: () => Promise<unknown>, run: () => Promise<T>, madeIt: (result: T) => boolean): Promise<T> {
  if (!currentAuditContext()) return run();
  const before = await read();
  const result = await run();
  if (!madeIt(result)) return result;
  const after = await read();
  if (before && after && JSON.stringify(before) !== JSON.stringify(after)) recordChange({ target, before, after });
  return result;
}

export function withOrderStateRecorded<T>(db: Db, orderId: string, run: () => Promise<T>, madeIt: (result: T) => boolean): Promise<T> {
  const read = () =>
    db.order.findUnique({
      where: { id: orderId },
      select: { status: true, orderNumber: true, pendingAction: true, licenses: { select: { id: true, status: true, expiresAt: true }, orderBy: { id: "asc" }, take: 20 } },
    });
  return withStateRecorded(`Order:${orderId}`, read, run, madeIt);
}

export function withLicenseStateRecorded<T>(db: Db, licenseId: string, run: () => Promise<T>, madeIt: (result: T) => boolean): Promise<T> {
  const read = () =>
    db.license.findUnique({
      where: { id: licenseId },
      select: { status: true, productCode: true, productName: true, expiresAt: true, autoRenew: true, currentOrderNumber: true, addOns: { select: { productCode: true, status: true }, orderBy: { id: "asc" } } },
    });
  return withStateRecorded(`License:${licenseId}`, read, run, madeIt);
}
