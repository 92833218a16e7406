/**
 * `!modifyThirdPartyDetails`. Source: Sectigo's modifyThirdPartyDetails reference and "Canceling orders".
 * - `action=CANCELLICENCE` (documented): always cancels (product → cascades to add-ons; add-on →
 *   just that add-on) and refunds only inside the refund period ("Canceling orders": "always cancel").
 * - `action=AUTORENEW` with `autoRenew=Y|N` (decision, lib/sectigo/README.md "Auto-renew on an
 *   existing license"): switches auto-renew on a live license. The page documents "change account
 *   details of a third-party license" by order number + product + action, and a SiteLock-only row
 *   whose name and values are not legible; the names here are our inference, kept in one place
 *   (`ACTIONS`, WIRE_FIELDS) so a correction is one line.
 */
import { FormBody } from "../wire/form";
import { WIRE_FIELDS } from "../wire/fields";

export interface CancelLicenseInput {
  action: "cancelLicense";
  orderNumber: string;
  /** The license on that order to cancel: base product, add-on, or 1072 bundle ("Canceling orders"; the reference's own product list is shorter). */
  productCode: number;
}

export interface SetAutoRenewInput {
  action: "setAutoRenew";
  orderNumber: string;
  /** The license's product on that order (its base product for the license itself). */
  productCode: number;
  autoRenew: boolean;
}

export type ModifyThirdPartyDetailsInput = CancelLicenseInput | SetAutoRenewInput;

export interface CancelledLicense {
  orderNumber: string;
  productCode: number;
}

const ACTIONS = { cancelLicense: "CANCELLICENCE", setAutoRenew: "AUTORENEW" } as const;

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
    .set(W.action, ACTIONS[input.action])
    .set(W.autoRenew, input.action === "setAutoRenew" ? (input.autoRenew ? "Y" : "N") : undefined);
}
