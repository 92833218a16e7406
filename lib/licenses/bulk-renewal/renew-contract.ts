/**
 * What a bulk run needs from the single-license renewal (lib/licenses/actions/renew.ts and
 * lib/licenses/rules/renewal-eligibility.ts): the same rule decides what the preview accepts and what the
 * job renews, and one renewal per license and period reaches Sectigo whoever asks (its submission
 * key is derived from the license and its current expiry). Injected so tests and the benchmark can
 * stand in for parts of it.
 */
import type { Actor } from "@/lib/auth/session";
import type { LicenseStatus, OrderStatus } from "@/lib/generated/prisma/client";
import type { Limiter } from "./limiter";

/** The license fields the eligibility rule reads (the preview and the job select these). */
export interface EligibilityLicense {
  id: string;
  status: LicenseStatus;
  expiresAt: Date | null;
  autoRenew: boolean;
  productCode: number;
  termDays: number | null;
  /** From the creating order (lib/licenses/rules/payer.ts), read in one batch by the preview. */
  sectigoBillsCustomer: boolean;
}

export type Eligibility = { ok: true } | { ok: false; code: string; message: string; opensAt?: Date; orderId?: string };
export type EligibilityFn = (license: EligibilityLicense, now: Date) => Eligibility;

export type RenewOutcome = { ok: true; orderId: string; status: OrderStatus | string } | { ok: false; code: string; message: string; opensAt?: Date; orderId?: string };
/**
 * `callSlot`: the process's limit on calls to Sectigo. The renewal holds a slot only for its call,
 * not for its database work before and after, so C slots keep C calls in flight.
 */
export type RenewFn = (actor: Actor, input: { licenseId: string }, callSlot?: Limiter) => Promise<RenewOutcome>;

/** The columns of an `EligibilityLicense` (its `sectigoBillsCustomer` comes from `ordersBillingCustomer` on `orderId`). */
export const ELIGIBILITY_SELECT = { id: true, status: true, expiresAt: true, autoRenew: true, productCode: true, termDays: true, orderId: true } as const;
