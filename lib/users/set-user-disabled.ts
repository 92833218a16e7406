import "server-only";
import type { z } from "zod";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import type { setUserDisabledSchema } from "@/lib/users/user-schemas";
import { assertAnAdminRemains } from "@/lib/users/keep-an-admin";

/**
 * Disabling ends every session of the user at once; enabling does not bring any back (they
 * sign in again).
 */
export async function setUserDisabled(actor: Actor, input: z.output<typeof setUserDisabledSchema>) {
  assertCan(actor, "manageUsers");
  if (input.userId === actor.id) throw new AppError("FORBIDDEN", "You cannot disable your own account.");
  return auditedTransaction(
    async (tx, changes) => {
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, disabled: true } });
      if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
      await tx.user.update({ where: { id: input.userId }, data: { disabled: input.disabled } });
      await assertAnAdminRemains(tx);
      // Enabling ends sessions too: one that slipped in while the account was being disabled
      // must not come back to life with it.
      const ended = await revokeUserSessions(input.userId, input.disabled ? "account disabled" : "account enabled", tx);
      changes.push({ target: `User:${input.userId}`, before: { disabled: user.disabled }, after: { disabled: input.disabled, sessionsEnded: ended } });
      return { id: input.userId, disabled: input.disabled };
    },
    { serializable: true },
  );
}
