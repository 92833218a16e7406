import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { revokeSession, revokeUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import type { endUserSessionsSchema } from "@/lib/users/user-schemas";

/** An admin ends one session of a user, or all of them. */
export async function endUserSessions(actor: Actor, input: z.output<typeof endUserSessionsSchema>) {
  assertCan(actor, "manageUsers");
  if (!input.sessionId) return { ended: await revokeUserSessions(input.userId, "ended by an admin") };
  const count = await revokeSession(input.sessionId, "ended by an admin", { userId: input.userId });
  if (count === 0) throw new AppError("NOT_FOUND", "That session has already ended.");
  return { ended: count };
}
