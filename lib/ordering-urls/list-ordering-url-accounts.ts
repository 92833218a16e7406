import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";

/**
 * The reseller accounts an ordering URL can be made for: their brand (`ap`) and API base URL, the
 * default first. Never the login or the password: an ordering URL is published on a website.
 */
export async function listOrderingUrlAccounts(actor: Actor) {
  assertCan(actor, "placeOrders");
  return prisma.resellerAccount.findMany({
    // A disabled account takes no new orders: no ordering URL is made for it.
    where: { disabledAt: null },
    orderBy: [{ isDefault: "desc" }, { label: "asc" }],
    select: { id: true, label: true, apBrand: true, apiBaseUrl: true, mode: true },
  });
}

export type OrderingUrlAccount = Awaited<ReturnType<typeof listOrderingUrlAccounts>>[number];
