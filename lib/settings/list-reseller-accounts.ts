import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { resellerAccountSelect } from "@/lib/settings/reseller-account-schemas";

/** Reseller accounts without their credentials (the encrypted password never leaves the server); disabled ones last. */
export async function listResellerAccounts(actor: Actor) {
  assertCan(actor, "manageSettings");
  return prisma.resellerAccount.findMany({
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { isDefault: "desc" }, { label: "asc" }],
    select: resellerAccountSelect,
  });
}
