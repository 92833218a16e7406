/**
 * What an upgrade or downgrade costs and what it does to the license's dates (Sectigo's "Upgrading or downgrading products"). The
 * charge is the one rule the sandbox charges by (lib/licenses/rules/pro-rate-rule.ts); this file adds
 * the direction and the new dates: the changed license starts on the change date and runs for the
 * time left, so the expiry does not move.
 */
import { proRatedDelta } from "@/lib/licenses/rules/pro-rate-rule";

const DAY_MS = 86_400_000;

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
    remainingDays: Math.min(termDays, Math.ceil(Math.max(0, expiresAt.getTime() - now.getTime()) / DAY_MS)),
  };
}
