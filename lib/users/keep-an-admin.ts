import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Refuses a change that would leave no enabled ADMIN (nobody could manage users any more).
 * Call inside a serializable transaction, after applying the change, so two admins demoting
 * each other at the same moment cannot both succeed.
 */
export async function assertAnAdminRemains(tx: Prisma.TransactionClient, field?: string): Promise<void> {
  const admins = await tx.user.count({ where: { role: "ADMIN", disabled: false } });
  if (admins === 0) throw new AppError("CONFLICT", "Order Desk needs at least one enabled admin.", field);
}
