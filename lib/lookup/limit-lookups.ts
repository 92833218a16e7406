import "server-only";
import type { Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { isForeignKeyViolation } from "@/lib/db/errors";
import { LOOKUP_RATE_LIMIT, takeToken } from "@/lib/http/session-rate-limit";

/** A lookup refused by the session's rate limit: the sentence the search box shows, and when to try again. */
export class LookupRateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", `Too many searches in a short time. Wait ${retryAfterSeconds} s, then search again.`);
    this.name = "LookupRateLimitedError";
  }
}

/**
 * Counts one lookup (the search box's /api/lookup and the /lookup page share the bucket):
 * generous for a person typing, firm for a script (LOOKUP_RATE_LIMIT). Throws
 * LookupRateLimitedError past the limit. A signed-in request always has a session; an actor
 * without one (a script calling the use case, a test) is not an HTTP client and is not counted here.
 */
export async function limitLookups(actor: Actor, now = new Date()): Promise<void> {
  if (!actor.sessionId) return;
  try {
    const decision = await takeToken(actor.sessionId, LOOKUP_RATE_LIMIT, now);
    if (!decision.allowed) throw new LookupRateLimitedError(decision.retryAfterSeconds);
  } catch (error) {
    // The session row went between the sign-in check and this write (signed out meanwhile).
    if (isForeignKeyViolation(error)) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    throw error;
  }
}
