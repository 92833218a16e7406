import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";

/** The reseller accounts staff can order with (no credentials), the default first; never a disabled one. */
export async function listOrderAccounts(actor: Actor) {
  assertCan(actor, "placeOrders");
  return prisma.resellerAccount.findMany({
    where: { disabledAt: null },
    orderBy: [{ isDefault: "desc" }, { label: "asc" }],
    select: { id: true, label: true, mode: true, isDefault: true, autoRenewDefault: true },
  });
}
