/**
 * SiteLock licenses renew only inside the 30 days before expiry (Sectigo's "Renewing product licenses"; Sectigo answers
 * -121/-56 otherwise). The rule itself is lib/licenses/rules/renewal-rule.ts, shared with the sandbox;
 * this is its shape for the UI, the use cases and the tests.
 */
import { isExpiredAt, isInsideRenewalWindow, RENEWAL_WINDOW_MS, renewalOpensAt } from "@/lib/licenses/rules/renewal-rule";

export { RENEWAL_WINDOW_DAYS } from "@/lib/licenses/rules/renewal-rule";
const DAY_MS = 86_400_000;

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
