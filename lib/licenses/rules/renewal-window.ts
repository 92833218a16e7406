/**
 * The renewal window: SiteLock licenses renew only inside the 30 days before expiry (Sectigo answers
 * -121/-56 otherwise). Sectigo, "Renewing product licenses": a license renews "at any time during the
 * 30-day renewal period *before* the expiration date"; Sectigo, "Ordering products":
 * auto-renewal happens "at expiry". So the window is half-open, [expiry − 30 days, expiry): it opens
 * at the instant 30 days before expiry, and at the expiry instant itself the license has expired and
 * can no longer be renewed by hand (Sectigo's auto-renewal runs at that instant instead).
 * The sandbox has its own copy written from the same documents (tools/sandbox/core/rules/), and
 * tests/sectigo/sandbox/rules-agreement.test.ts holds the two to the same edges.
 */
const DAY_MS = 86_400_000;
export const RENEWAL_WINDOW_DAYS = 30;
export const RENEWAL_WINDOW_MS = RENEWAL_WINDOW_DAYS * DAY_MS;

/** Expired from the expiry instant on. */
export function isExpiredAt(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

/** When the window opens for a license expiring at `expiresAt`. */
export function renewalOpensAt(expiresAt: Date): Date {
  return new Date(expiresAt.getTime() - RENEWAL_WINDOW_MS);
}

/** Renewable by hand: expiry − 30 days ≤ now < expiry. */
export function isInsideRenewalWindow(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= renewalOpensAt(expiresAt).getTime() && !isExpiredAt(expiresAt, now);
}


export type RenewalState =
  | { state: "not-yet"; opensAt: Date; daysToExpiry: number }
  | { state: "open"; daysToExpiry: number }
  | { state: "expired"; daysSinceExpiry: number }
  | { state: "no-expiry" };

export function renewalWindow(expiresAt: Date | null, now: Date): RenewalState {
  if (!expiresAt) return { state: "no-expiry" };
  const msLeft = expiresAt.getTime() - now.getTime();
  if (isExpiredAt(expiresAt, now)) return { state: "expired", daysSinceExpiry: Math.floor(-msLeft / DAY_MS) };
  const daysToExpiry = Math.ceil(msLeft / DAY_MS);
  if (isInsideRenewalWindow(expiresAt, now)) return { state: "open", daysToExpiry };
  return { state: "not-yet", opensAt: renewalOpensAt(expiresAt), daysToExpiry };
}

/**
 * The same rule as filters on `expiresAt`, for lists and counts in the database: renewable now
 * iff now < expiry ≤ now + 30 days (expiry − 30 days ≤ now < expiry); expired iff expiry ≤ now.
 */
export function renewableExpiries(now: Date): { gt: Date; lte: Date } {
  return { gt: now, lte: new Date(now.getTime() + RENEWAL_WINDOW_MS) };
}

export function expiredExpiries(now: Date): { lte: Date } {
  return { lte: now };
}
