/**
 * `!AutoRefund`: refund AND cancel, only inside the refund period (14 days from purchase or last
 * renewal, annual licenses only). Add-on-only orders must use modifyThirdPartyDetails instead
 * ("Canceling orders"; the AutoRefund overview only says it supports SiteLock). Source: Sectigo's
 * "Canceling orders" and the AutoRefund reference.
 */
import { FormBody } from "../wire/form";
import { WIRE_FIELDS } from "../wire/fields";

/** `refundReasonCode` values 1–11. */
export const REFUND_REASONS = {
  unableToValidate: 1,
  domainOrOrganizationInactive: 2,
  wantsDifferentProduct: 3,
  failedBrandValidation: 4,
  rejectedBySectigo: 5,
  revokedMalware: 6,
  revokedPhishing: 7,
  revokedSafeBrowsing: 8,
  movingToAnotherCa: 9,
  betterPriceElsewhere: 10,
  other: 11,
} as const;

export type RefundReason = keyof typeof REFUND_REASONS;

export interface AutoRefundInput {
  orderNumber: string;
  /** The SRA guide uses `other` (11) for SiteLock. */
  reason: RefundReason;
}

export interface RefundedOrder {
  orderNumber: string;
}

export function encodeAutoRefund(input: AutoRefundInput, auth: { loginName: string; loginPassword: string }): FormBody {
  const W = WIRE_FIELDS.autoRefund;
  return new FormBody()
    .set(W.loginName, auth.loginName)
    .set(W.loginPassword, auth.loginPassword)
    .set(W.orderNumber, input.orderNumber.trim())
    .set(W.reason, REFUND_REASONS[input.reason]);
}
