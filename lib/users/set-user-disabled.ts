import type { z } from "zod";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { setUserDisabledSchema } from "@/lib/users/user-schemas";

/** Disabling takes effect on the user's next request: sessions are checked against the database. */
export async function setUserDisabled(actor: Actor, input: z.output<typeof setUserDisabledSchema>) {
  if (input.userId === actor.id) throw new AppError("FORBIDDEN", "You cannot disable your own account.");
  const user = await prisma.user.findUnique({ where: { id: input.userId }, select: { id: true } });
  if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
  await prisma.user.update({ where: { id: input.userId }, data: { disabled: input.disabled } });
  return { id: input.userId, disabled: input.disabled };
}
