import { prisma } from "@/lib/db";

/** After MAX_FAILURES failed sign-ins within WINDOW_MS, the email is locked for LOCK_MS. */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

export type ThrottleState = { locked: false } | { locked: true; retryAfterMs: number };

export async function checkThrottle(email: string, now = new Date()): Promise<ThrottleState> {
  const row = await prisma.signInThrottle.findUnique({ where: { email } });
  if (row?.lockedUntil && row.lockedUntil > now) {
    return { locked: true, retryAfterMs: row.lockedUntil.getTime() - now.getTime() };
  }
  return { locked: false };
}

export async function recordFailure(email: string, now = new Date()): Promise<ThrottleState> {
  const row = await prisma.signInThrottle.findUnique({ where: { email } });
  const windowExpired = !row || now.getTime() - row.windowStart.getTime() > WINDOW_MS;
  const failures = windowExpired ? 1 : row.failures + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
  await prisma.signInThrottle.upsert({
    where: { email },
    create: { email, failures, windowStart: now, lockedUntil },
    update: { failures, windowStart: windowExpired ? now : undefined, lockedUntil },
  });
  return lockedUntil ? { locked: true, retryAfterMs: LOCK_MS } : { locked: false };
}

export async function clearFailures(email: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { email } });
}

export function throttleMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
