import bcrypt from "bcryptjs";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { afterFailure, clearFailures, countAttempt, throttleMessage } from "@/lib/auth/sign-in-throttle";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const WRONG_CREDENTIALS = "Wrong email or password.";

/** Verified user, or an Error whose message is safe to show on the sign-in form. */
export async function verifyCredentials(emailInput: string, password: string): Promise<SessionUser> {
  const email = emailInput.trim().toLowerCase();
  const attempt = await countAttempt(email);
  if (attempt.locked) throw new Error(throttleMessage(attempt.retryAfterMs));

  const user = await prisma.user.findUnique({ where: { email } });
  // Compare against a dummy hash when the user is unknown so timing does not reveal accounts.
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    const after = await afterFailure(email, attempt);
    if (after.locked) throw new Error(throttleMessage(after.retryAfterMs));
    throw new Error(user?.disabled && ok ? "This account is disabled. Ask an admin." : WRONG_CREDENTIALS);
  }
  await clearFailures(email);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

const DUMMY_HASH = "$2b$10$iIjvWlrP4dHRJGFKmhOfTuY54bjXVCGa94SAU7QR2MHnHoaxawGhy";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}
