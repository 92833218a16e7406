import "server-only";
import bcrypt from "bcryptjs";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { countAttempt, forgetOldCounters, recordSuccess, throttleKeys, throttleMessage } from "@/lib/auth/sign-in-throttle";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const WRONG_CREDENTIALS = "Wrong email or password.";
export const SIGN_IN_BROKE = "Signing in failed on our side. Try again in a moment.";

/** A refusal whose message is meant for the sign-in form. */
export class SignInRefused extends Error {
  override name = "SignInRefused";
  constructor(
    message: string,
    /** Set when the refusal belongs in the audit log (an attempt past the throttle's limit). */
    readonly audit?: { outcome: "THROTTLED" | "WRONG_CREDENTIALS" | "DISABLED"; email: string },
  ) {
    super(message);
  }
}

/**
 * What the sign-in form may show for an error thrown while signing in: a refusal as it is,
 * anything else (a database fault, a bug) as one sentence, logged by its name only (an
 * internal message may carry details nobody outside should read).
 */
export function publicSignInError(error: unknown): SignInRefused {
  if (error instanceof SignInRefused) return error;
  console.error(`[auth] sign-in failed: ${error instanceof Error ? error.name : typeof error}`);
  return new SignInRefused(SIGN_IN_BROKE);
}

/**
 * Verified user (with the password hash that was checked, for createSession), or a
 * SignInRefused whose message is safe to show on the sign-in form.
 */
export async function verifyCredentials(
  emailInput: string,
  password: string,
  clientAddress: string,
  /** The attempt's instant (tests pass one; the throttle's waits are counted from it). */
  now: Date = new Date(),
): Promise<SessionUser & { verifiedPasswordHash: string }> {
  const email = emailInput.trim().toLowerCase();
  const keys = throttleKeys(email, clientAddress);
  const attempt = await countAttempt(keys, now);
  if (!attempt.allowed) throw new SignInRefused(throttleMessage(attempt.retryAfterMs), attempt.pastLimit ? { outcome: "THROTTLED", email } : undefined);

  const user = await prisma.user.findUnique({ where: { email } });
  // Compare against a dummy hash when the user is unknown so timing does not reveal accounts.
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    await forgetOldCounters();
    const disabled = !!user?.disabled && ok;
    throw new SignInRefused(disabled ? "This account is disabled. Ask an admin." : WRONG_CREDENTIALS, attempt.pastLimit || disabled ? { outcome: disabled ? "DISABLED" : "WRONG_CREDENTIALS", email } : undefined);
  }
  await recordSuccess(keys);
  return { id: user.id, email: user.email, name: user.name, role: user.role, verifiedPasswordHash: user.passwordHash };
}

const DUMMY_HASH = "$2b$10$iIjvWlrP4dHRJGFKmhOfTuY54bjXVCGa94SAU7QR2MHnHoaxawGhy";
