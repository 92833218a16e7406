/**
 * The pro-rated charge of an upgrade or downgrade, one rule for the app and the sandbox (like
 * renewal-rule.ts). Sectigo's "Upgrading or downgrading products": the reseller pays the new product's price for the time left on the
 * existing license minus the unused value of the old one, and the expiry date does not move.
 * Worked example: 1-year Basic $149 -> Pro $249 after 6 months = 249/2 - 149/2 = $50.
 *
 * Decisions [INFERENCE]: both prices are for the license's own term; the time left is capped at one
 * term; a downgrade (negative delta) is charged 0.00 and credits nothing (crediting is not
 * documented). Pure and dependency-free: both sides import it.
 */
const DAY_MS = 86_400_000;

export interface ProRateInput {
  /** Price of the current product for `termDays`. */
  oldPrice: number;
  /** Price of the new product for `termDays`. */
  newPrice: number;
  termDays: number;
  expiresAt: Date;
  now: Date;
}

/** Share of the term still to run, between 0 and 1. */
export function remainingShare(termDays: number, expiresAt: Date, now: Date): number {
  if (termDays <= 0) return 0;
  const remaining = Math.max(0, expiresAt.getTime() - now.getTime()) / (termDays * DAY_MS);
  return Math.min(1, remaining);
}

/** (new - old) x share of the term left, in cents, never below 0. */
export function proRatedDelta(input: ProRateInput): number {
  const delta = (input.newPrice - input.oldPrice) * remainingShare(input.termDays, input.expiresAt, input.now);
  return Math.max(0, Math.round(delta * 100) / 100);
}
