import { prisma } from "@/lib/db";

/**
 * Failed sign-ins per email: after MAX_FAILURES attempts within WINDOW_MS the email is locked
 * for LOCK_MS. Every attempt is counted atomically *before* the password is checked, so a burst
 * of parallel guesses cannot slip past the limit; a successful sign-in clears the count.
 * (Per email only: a lock also keeps the real owner out for LOCK_MS. Per-IP limits belong in
 * front of the app.)
 */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

export type ThrottleState = { locked: false; attempt: number } | { locked: true; retryAfterMs: number };

/** Counts this attempt. `locked` means refuse it without checking the password. */
export async function countAttempt(email: string, now = new Date()): Promise<ThrottleState> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCK_MS);
  const [row] = await prisma.$queryRaw<Array<{ failures: number; lockedUntil: Date | null }>>`
    INSERT INTO "SignInThrottle" (email, failures, "windowStart", "lockedUntil", "updatedAt")
    VALUES (${email}, 1, ${now}, NULL, ${now})
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE
        WHEN "SignInThrottle"."lockedUntil" IS NOT NULL AND "SignInThrottle"."lockedUntil" > ${now} THEN "SignInThrottle".failures
        WHEN "SignInThrottle"."windowStart" < ${windowStart} THEN 1
        ELSE "SignInThrottle".failures + 1 END,
      "windowStart" = CASE
        WHEN "SignInThrottle"."lockedUntil" IS NOT NULL AND "SignInThrottle"."lockedUntil" > ${now} THEN "SignInThrottle"."windowStart"
        WHEN "SignInThrottle"."windowStart" < ${windowStart} THEN ${now}
        ELSE "SignInThrottle"."windowStart" END,
      "updatedAt" = ${now}
    RETURNING failures, "lockedUntil"`;
  if (!row) throw new Error("sign-in throttle: no row returned");
  if (row.lockedUntil && row.lockedUntil > now) {
    return { locked: true, retryAfterMs: row.lockedUntil.getTime() - now.getTime() };
  }
  if (row.failures > MAX_FAILURES) {
    // Attempts beyond the limit that raced past the lock: lock now and refuse.
    await lock(email, lockUntil);
    return { locked: true, retryAfterMs: LOCK_MS };
  }
  return { locked: false, attempt: row.failures };
}

/** After a wrong password: the attempt that reaches the limit locks the email. */
export async function afterFailure(email: string, state: { attempt: number }, now = new Date()): Promise<ThrottleState> {
  if (state.attempt < MAX_FAILURES) return { locked: false, attempt: state.attempt };
  await lock(email, new Date(now.getTime() + LOCK_MS));
  return { locked: true, retryAfterMs: LOCK_MS };
}

async function lock(email: string, until: Date): Promise<void> {
  await prisma.signInThrottle.update({ where: { email }, data: { lockedUntil: until } });
}

export async function clearFailures(email: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { email } });
}

export function throttleMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
