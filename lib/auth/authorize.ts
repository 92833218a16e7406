import { can, type Permission } from "@/lib/auth/roles";
import type { Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

/**
 * Every use case calls this first with the actor it was given: the action wrapper checks the
 * role too, but a job, a script or a page that calls a use case directly must not skip it.
 */
export function assertCan(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (!can(actor.role, permission)) throw new AppError("FORBIDDEN", "Your role does not allow this action.");
}
