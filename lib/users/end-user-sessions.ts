import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { revokeSession, revokeUserSessions } from "@/lib/auth/sessions";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import type { endUserSessionsSchema } from "@/lib/users/user-schemas";

/** An admin ends one session of a user, or all of them. */
export async function endUserSessions(actor: Actor, input: z.output<typeof endUserSessionsSchema>) {
  assertCan(actor, "manageUsers");
  return auditedTransaction(async (tx, changes) => {
    const now = new Date();
    const ended = input.sessionId
      ? await revokeSession(input.sessionId, "ended by an admin", { userId: input.userId, now, db: tx })
      : await revokeUserSessions(input.userId, "ended by an admin", tx, now);
    if (input.sessionId && ended === 0) throw new AppError("NOT_FOUND", "That session has already ended.");
    // The session's id is its credential's other half: the entry names the user, not the session.
    changes.push({ target: `User:${input.userId}`, before: { liveSessionsEnded: 0 }, after: { liveSessionsEnded: ended, which: input.sessionId ? "one session" : "all sessions" } });
    return { ended };
  });
}
