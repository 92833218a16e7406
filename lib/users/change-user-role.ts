import "server-only";
import type { z } from "zod";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import type { changeUserRoleSchema } from "@/lib/users/user-schemas";
import { assertAnAdminRemains } from "@/lib/users/keep-an-admin";

/** A new role ends the user's sessions: they sign in again and see what the new role allows. */
export async function changeUserRole(actor: Actor, input: z.output<typeof changeUserRoleSchema>) {
  assertCan(actor, "manageUsers");
  // An admin demoting themselves could leave nobody able to manage users.
  if (input.userId === actor.id) throw new AppError("FORBIDDEN", "You cannot change your own role.", "role");
  await auditedTransaction(
    async (tx, changes) => {
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true } });
      if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
      if (user.role === input.role) return;
      await tx.user.update({ where: { id: input.userId }, data: { role: input.role } });
      await assertAnAdminRemains(tx, "role");
      const ended = await revokeUserSessions(input.userId, "role changed", tx);
      changes.push({ target: `User:${input.userId}`, before: { role: user.role }, after: { role: input.role, sessionsEnded: ended } });
    },
    { serializable: true },
  );
  return { id: input.userId, role: input.role };
}
