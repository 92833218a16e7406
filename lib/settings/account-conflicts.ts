import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export const LOGIN_TAKEN = "Another account already uses this login name at this API base URL.";

/** The unique (apiBaseUrl, loginName) pair, as a field error instead of a 500. */
export function isLoginConflict(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

export function loginTaken(): AppError {
  return new AppError("CONFLICT", LOGIN_TAKEN, "loginName");
}

/**
 * Exactly one default account. Call inside the transaction that saves `accountId`: making it the
 * default clears every other; a database with no default (the first account) gets this one.
 */
export async function settleDefaultAccount(tx: Prisma.TransactionClient, accountId: string, wantsDefault: boolean): Promise<boolean> {
  if (wantsDefault) {
    await tx.resellerAccount.updateMany({ where: { isDefault: true, id: { not: accountId } }, data: { isDefault: false } });
    await tx.resellerAccount.update({ where: { id: accountId }, data: { isDefault: true } });
    return true;
  }
  const others = await tx.resellerAccount.count({ where: { isDefault: true, id: { not: accountId } } });
  if (others === 0) {
    await tx.resellerAccount.update({ where: { id: accountId }, data: { isDefault: true } });
    return true;
  }
  return false;
}
