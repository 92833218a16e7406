/**
 * What a bulk run needs from the single-licence renewal (lib/orders/renew-license.ts and
 * lib/licenses/renewal-eligibility.ts): the same rule decides what the preview accepts and what the
 * job renews, and one renewal per licence and period reaches Sectigo whoever asks (its submission
 * key is derived from the licence and its current expiry). Injected so tests and the benchmark can
 * stand in for parts of it.
 */
import type { Actor } from "@/lib/auth/session";
import type { LicenseStatus, OrderStatus } from "@/lib/generated/prisma/client";
import type { Limiter } from "./limiter";

/** The licence fields the eligibility rule reads (the preview and the job select these). */
export interface EligibilityLicence {
  id: string;
  status: LicenseStatus;
  expiresAt: Date | null;
  autoRenew: boolean;
  productCode: number;
  termDays: number | null;
  /** From the creating order (lib/licenses/licence-payer.ts), read in one batch by the preview. */
  sectigoBillsCustomer: boolean;
}

export type Eligibility = { ok: true } | { ok: false; code: string; message: string; opensAt?: Date; orderId?: string };
export type EligibilityFn = (licence: EligibilityLicence, now: Date) => Eligibility;

export type RenewOutcome = { ok: true; orderId: string; status: OrderStatus | string } | { ok: false; code: string; message: string; opensAt?: Date; orderId?: string };
/**
 * `callSlot`: the process's limit on calls to Sectigo. The renewal holds a slot only for its call,
 * not for its database work before and after, so C slots keep C calls in flight.
 */
export type RenewFn = (actor: Actor, input: { licenceId: string }, callSlot?: Limiter) => Promise<RenewOutcome>;

/** The columns of an `EligibilityLicence` (its `sectigoBillsCustomer` comes from `ordersBillingCustomer` on `orderId`). */
export const ELIGIBILITY_SELECT = { id: true, status: true, expiresAt: true, autoRenew: true, productCode: true, termDays: true, orderId: true } as const;
