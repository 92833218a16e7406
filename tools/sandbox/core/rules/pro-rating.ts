/**
 * What the sandbox charges for a plan change, written from Sectigo's "Upgrading or downgrading products"
 * page (SiteLock SRA integration guide, "Pricing"): the reseller pays "a pro-rated price of the new license
 * for the time remaining on the existing license", the unused value of the old license credited, and "the
 * new license runs only for the time left on the previous license" (the expiry does not move). The page's
 * example: a 1-year Basic at $149 upgraded after 6 months to Pro at $249 costs 249/2 - 149/2 = $50.
 *
 * Sandbox decisions (the page says nothing more): both prices are the license's own term's; the time left
 * is counted in milliseconds, all of it, as the page says (after an early renewal it can be more than
 * one term); a downgrade costs 0.00 and credits nothing (whether Sectigo credits a downgrade is not
 * documented).
 */
const DAY_MS = 86_400_000;

/** (new price - old price) x (time left / term), rounded to cents, never below 0. */
export function planChangeCharge(oldPrice: number, newPrice: number, termDays: number, expiresAt: Date, now: Date): number {
  if (termDays <= 0) return 0;
  const left = Math.max(0, expiresAt.getTime() - now.getTime()) / (termDays * DAY_MS);
  return Math.max(0, Math.round((newPrice - oldPrice) * left * 100) / 100);
}
