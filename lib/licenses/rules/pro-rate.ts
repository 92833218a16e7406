/**
 * What an upgrade or downgrade costs and what it does to the license's dates (Sectigo, "Upgrading or downgrading products"). The
 * charge (same page): the new product's price for the time left minus the unused value of
 * the old one; worked example 1-year Basic $149 -> Pro $249 after 6 months = $50. Decisions
 * [INFERENCE]: both prices are for the license's own term; all the time left counts, as the page says,
 * also when an early renewal made it more than one term (the model-based test found the earlier cap at
 * one term disagreeing with the page); a downgrade is charged 0.00 and credits nothing (not documented). This file also gives the direction and the new
 * dates: the changed license starts on the change date and runs for the
 * time left, so the expiry does not move.
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

/** Time still to run, in terms: 0 at expiry, above 1 when an early renewal added a term. */
export function remainingShare(termDays: number, expiresAt: Date, now: Date): number {
  if (termDays <= 0) return 0;
  return Math.max(0, expiresAt.getTime() - now.getTime()) / (termDays * DAY_MS);
}

/** (new - old) x share of the term left, in cents, never below 0. */
export function proRatedDelta(input: ProRateInput): number {
  const delta = (input.newPrice - input.oldPrice) * remainingShare(input.termDays, input.expiresAt, input.now);
  return Math.max(0, Math.round(delta * 100) / 100);
}


export type PlanChangeDirection = "UPGRADE" | "DOWNGRADE";

export interface PlanChangeQuoteInput {
  oldTier: number;
  newTier: number;
  /** Prices of the two products for the license's term (what Sectigo charges us). */
  oldPrice: number;
  newPrice: number;
  termDays: number;
  expiresAt: Date;
}

export interface PlanChangeQuote {
  direction: PlanChangeDirection;
  /** Pro-rated, in cents; 0.00 for a downgrade (nothing is credited). */
  charge: number;
  startsAt: Date;
  expiresAt: Date;
  /** Whole days left on the license (rounded up: a started day counts). */
  remainingDays: number;
}

export function planChangeDirection(oldTier: number, newTier: number): PlanChangeDirection {
  return newTier >= oldTier ? "UPGRADE" : "DOWNGRADE";
}

export function planChangeQuote(input: PlanChangeQuoteInput, now: Date): PlanChangeQuote {
  const { termDays, expiresAt } = input;
  return {
    direction: planChangeDirection(input.oldTier, input.newTier),
    charge: proRatedDelta({ oldPrice: input.oldPrice, newPrice: input.newPrice, termDays, expiresAt, now }),
    startsAt: now,
    expiresAt,
    remainingDays: Math.ceil(Math.max(0, expiresAt.getTime() - now.getTime()) / DAY_MS),
  };
}
