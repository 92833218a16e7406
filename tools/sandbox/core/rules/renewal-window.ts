/**
 * The sandbox's renewal window, written from Sectigo's "Renewing product licenses" page (SiteLock SRA
 * integration guide and partner-portal guide, "Renewing product licenses"): a license "can be renewed
 * manually at any time during the 30-day renewal period before the expiration date"; outside it the call
 * fails (-121 on AutoApplyOrder, -56 on PlaceOrder: contradictions table, row 1). "Maintaining SiteLock
 * products" (partner portal): the product "should renew automatically at expiry".
 *
 * Sandbox decision: the window is [expiry - 30 days, expiry). At the expiry instant the license has expired
 * (auto-renewal runs at that instant) and a renewal by hand is refused: "behaviour after expiry is not
 * documented", and an expired license needs a new order. The app writes the same rule on its side
 * (lib/licenses/rules); tests/sectigo/sandbox/renewal-window.test.ts pins the edges over HTTP.
 */
export const RENEWAL_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** Expired from the expiry instant on. */
export function hasExpired(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime();
}

/** Renewable by hand: expiry - 30 days <= now < expiry. */
export function renewableNow(expiresAt: Date, now: Date): boolean {
  return now.getTime() >= expiresAt.getTime() - RENEWAL_WINDOW_DAYS * DAY_MS && !hasExpired(expiresAt, now);
}
