/**
 * The renewal window, one rule for the app and the sandbox (decision in lib/sectigo/README.md).
 *
 * Sectigo's "Renewing product licenses": a license renews "at any time during the 30-day renewal period *before* the
 * expiration date"; "Ordering products": auto-renewal happens "at expiry". So the window is half-open,
 * [expiry − 30 days, expiry): it opens at the instant 30 days before expiry, and at the expiry
 * instant itself the license has expired and can no longer be renewed by hand (Sectigo's
 * auto-renewal runs at that instant instead). Pure and dependency-free: both sides import it.
 */
export const RENEWAL_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
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
