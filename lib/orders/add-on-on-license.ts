/**
 * The license rules an add-on on an existing license passes when it comes through the order form (an
 * add-on product with a `licenseId`): the same checks and the same question as the license page's
 * add-on (lib/licenses/actions/add-on-checks.ts). lib/licenses builds on lib/orders, so the form is
 * handed those rules (FormDeps `addOnOnLicense`) rather than importing them; without them the form
 * refuses such an add-on, never places it unchecked.
 */
import type { OrderDeps } from "./order-deps";
import type { Confirmation } from "./server-confirmations";

export interface AddOnOnLicenseRequest {
  licenseId: string;
  productCode: number;
  days: number | null;
  submissionKey: string;
}

export type AddOnOnLicenseAnswer =
  /** Allowed, once these questions are answered (none for a submission already seen). */
  | { ok: true; questions: Confirmation[] }
  /** Refused; `field` is the form's (`licenseId`, `productKey`, `values.term`). */
  | { ok: false; code: "INVALID_INPUT" | "CONFLICT"; message: string; field: string };

export type AddOnOnLicenseRules = (deps: OrderDeps, request: AddOnOnLicenseRequest) => Promise<AddOnOnLicenseAnswer>;
