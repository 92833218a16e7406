import "server-only";
import type { z } from "zod";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import type { setUserPasswordSchema } from "@/lib/users/user-schemas";

/** An admin sets a new password for a user; every session of that user ends. */
export async function setUserPassword(actor: Actor, input: z.output<typeof setUserPasswordSchema>) {
  assertCan(actor, "manageUsers");
  const passwordHash = await hashPassword(input.password);
  return auditedTransaction(async (tx, changes) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash } });
    const ended = await revokeUserSessions(input.userId, "password changed", tx);
    changes.push({ target: `User:${input.userId}`, before: { password: "unchanged" }, after: { password: "changed", sessionsEnded: ended } });
    return { id: input.userId, endedSessions: ended };
  });
}
