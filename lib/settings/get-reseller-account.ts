import "server-only";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { resellerAccountSelect, type resellerAccountIdSchema } from "@/lib/settings/reseller-account-schemas";

/** One account for the edit form, without its password (the form leaves it empty: "keep it"). */
export async function getResellerAccount(actor: Actor, input: z.output<typeof resellerAccountIdSchema>) {
  assertCan(actor, "manageSettings");
  return prisma.resellerAccount.findUnique({ where: { id: input.id }, select: resellerAccountSelect });
}
