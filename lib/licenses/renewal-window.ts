/**
 * SiteLock licenses renew only inside the 30 days before expiry (seed 004; Sectigo answers
 * -121/-56 otherwise). One definition, used by the UI, the use cases and the tests.
 */
export const RENEWAL_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export type RenewalState =
  | { state: "not-yet"; opensAt: Date; daysToExpiry: number }
  | { state: "open"; daysToExpiry: number }
  | { state: "expired"; daysSinceExpiry: number }
  | { state: "no-expiry" };

export function renewalWindow(expiresAt: Date | null, now: Date): RenewalState {
  if (!expiresAt) return { state: "no-expiry" };
  const msLeft = expiresAt.getTime() - now.getTime();
  if (msLeft <= 0) return { state: "expired", daysSinceExpiry: Math.floor(-msLeft / DAY_MS) };
  const daysToExpiry = Math.ceil(msLeft / DAY_MS);
  if (msLeft <= RENEWAL_WINDOW_DAYS * DAY_MS) return { state: "open", daysToExpiry };
  return { state: "not-yet", opensAt: new Date(expiresAt.getTime() - RENEWAL_WINDOW_DAYS * DAY_MS), daysToExpiry };
}
