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

/**
 * Verified user (with the password hash that was checked, for createSession), or an Error whose
 * message is safe to show on the sign-in form.
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
  if (!attempt.allowed) throw new Error(throttleMessage(attempt.retryAfterMs));

  const user = await prisma.user.findUnique({ where: { email } });
  // Compare against a dummy hash when the user is unknown so timing does not reveal accounts.
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    await forgetOldCounters();
    throw new Error(user?.disabled && ok ? "This account is disabled. Ask an admin." : WRONG_CREDENTIALS);
  }
  await recordSuccess(keys);
  return { id: user.id, email: user.email, name: user.name, role: user.role, verifiedPasswordHash: user.passwordHash };
}

const DUMMY_HASH = "$2b$10$iIjvWlrP4dHRJGFKmhOfTuY54bjXVCGa94SAU7QR2MHnHoaxawGhy";
