/**
 * `!modifyThirdPartyDetails` with `action=CANCELLICENCE`: always cancels (product → cascades to
 * add-ons; add-on → just that add-on) and refunds only inside the refund period (contradictions
 * #21). Other actions are not documented legibly and are not offered. Source: reference
 * modify-third-party-details.md.
 */
import { FormBody } from "../wire/form";
import { WIRE_FIELDS } from "../wire/fields";

export interface CancelLicenceInput {
  action: "cancelLicence";
  orderNumber: string;
  /** The licence on that order to cancel: base product, add-on, or 1072 bundle (contradictions #17). */
  productCode: number;
}

export type ModifyThirdPartyDetailsInput = CancelLicenceInput;

export interface CancelledLicence {
  orderNumber: string;
  productCode: number;
}

const ACTIONS = { cancelLicence: "CANCELLICENCE" } as const;

export function encodeModifyThirdPartyDetails(
  input: ModifyThirdPartyDetailsInput,
  auth: { loginName: string; loginPassword: string },
): FormBody {
  const W = WIRE_FIELDS.modifyThirdPartyDetails;
  return new FormBody()
    .set(W.loginName, auth.loginName)
    .set(W.loginPassword, auth.loginPassword)
    .set(W.orderNumber, input.orderNumber.trim())
    .set(W.productCode, input.productCode)
    .set(W.action, ACTIONS[input.action]);
}
