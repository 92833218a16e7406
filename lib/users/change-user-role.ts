import "server-only";
import type { z } from "zod";
import { serializable } from "@/lib/db/serializable";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import type { changeUserRoleSchema } from "@/lib/users/user-schemas";
import { assertAnAdminRemains } from "@/lib/users/keep-an-admin";
import { recordChange } from "@/lib/audit/audit-scope";

/** A new role ends the user's sessions: they sign in again and see what the new role allows. */
export async function changeUserRole(actor: Actor, input: z.output<typeof changeUserRoleSchema>) {
  assertCan(actor, "manageUsers");
  // An admin demoting themselves could leave nobody able to manage users.
  if (input.userId === actor.id) throw new AppError("FORBIDDEN", "You cannot change your own role.", "role");
  const before = await serializable(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true } });
    if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
    if (user.role === input.role) return user.role;
    await tx.user.update({ where: { id: input.userId }, data: { role: input.role } });
    await assertAnAdminRemains(tx, "role");
    await revokeUserSessions(input.userId, "role changed", tx);
    return user.role;
  });
  // After the transaction: a serialization retry must not record the change twice.
  if (before !== input.role) recordChange({ target: `User:${input.userId}`, before: { role: before }, after: { role: input.role } });
  return { id: input.userId, role: input.role };
}
