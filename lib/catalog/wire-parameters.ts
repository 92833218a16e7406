/**
 * The ONE map between the order form's fields and Sectigo's wire parameters, owned by the catalog.
 * Forward: the parameter a form field is sent as (lib/orders/place-order-input.ts sends by it). Backward: the
 * form field a wire parameter named in a Sectigo error belongs to (SectigoError.parameters, spelled
 * as Sectigo spells them), so a refusal lands beside the field the user typed it in.
 *
 * A field's parameter is its FIELD_SPECS `param`, read for the operation the order goes through:
 * - PlaceOrder: `x_` marks a per-item parameter, sent as `1_csr`, `2_csr`, ... ("The !PlaceOrder API for Resellers" §1);
 * - AutoApplyOrder has no items: `x_csr` is `csr`, and "Ordering products"' SSL table calls the web server
 *   software `serverSoftware`;
 * - SiteLock through PlaceOrder ("Sectigo charges the customer", the PlaceOrder document "SiteLock license"): the form's `appRep*`
 *   contact is PlaceOrder's customer (`emailAddress`, `foreName`, ...).
 * The term is sent as the item's `PPP` (PlaceOrder) or as `days` (AutoApplyOrder).
 * Names compare case-insensitively (PlaceOrder documents them so), with or without the item prefix
 * (`1_`, and `_1_` as in "SiteLock license"'s sample).
 */
import { FIELD_SPECS } from "./fields";
import { chargesCustomer } from "./sitelock-place-order";
import type { FieldKey, Product } from "./types";

export type OrderOperation = "placeOrder" | "autoApplyOrder";
/** A form field: a catalog field, or the term select every product has. */
export type FormField = FieldKey | "term";

/**
 * Never sent under their own name: the end customer's account (staff orders use the reseller's login,
 * DECISION D25; `loginName`/`loginPassword` on the wire are always the reseller's) and what becomes an
 * item's code (the eToken shipping method).
 */
const NOT_A_PARAMETER: ReadonlySet<FieldKey> = new Set(["loginName", "loginPassword", "shipping"]);

/** Per operation, the fields whose parameter is not their `param` (see the header). */
const SPELLING: Record<OrderOperation, Partial<Record<FieldKey, string>>> = {
  autoApplyOrder: { webserverSoftwareId: "serverSoftware" },
  placeOrder: {},
};
const SITELOCK_THROUGH_PLACE_ORDER: Partial<Record<FieldKey, string>> = {
  appRepEmailAddress: "emailAddress",
  appRepForename: "foreName",
  appRepSurname: "surName",
  appRepTelephone: "telephoneNumber",
};
/**
 * SiteLock through PlaceOrder: PlaceOrder has no auto-renew nor previous order (the schema refuses them
 * with this choice), and the add-ons go as further items (their `x_PPP`), not as a parameter.
 */
const NOT_ON_PLACE_ORDER: ReadonlySet<FieldKey> = new Set(["enableAutoRenew", "previousOrderNumber", "addOns"]);
/** "Sectigo charges the customer" is PlaceOrder's `reseller=N`; on AutoApplyOrder it is not a parameter. */
const PLACE_ORDER_ONLY: ReadonlySet<FieldKey> = new Set(["sectigoChargesCustomer"]);

/** Other spellings Sectigo's documents use for a parameter (read direction only). */
const READ_ALIASES: Record<string, string> = {
  // "Renewing product licenses": its prose says previousOrder, its tables previousOrderNumber.
  previousorder: "previousOrderNumber",
  // "The !PlaceOrder API for Resellers" writes `country` for countryName.
  country: "countryName",
};

/** Which operation this product's order goes through with these values. */
export function orderOperationFor(product: Product, values: { sectigoChargesCustomer?: unknown } = {}): OrderOperation {
  if (product.api === "PlaceOrder") return "placeOrder";
  return chargesCustomer(product, { sectigoChargesCustomer: values.sectigoChargesCustomer === true }) ? "placeOrder" : "autoApplyOrder";
}

/**
 * The wire parameter a form field of this product is sent as (`x_csr` = each item's `N_csr`), or
 * undefined when it is not sent under a name of its own.
 */
export function wireParameterOf(product: Product, operation: OrderOperation, field: FormField): string | undefined {
  // SiteLock 911 is ordered without `days` ("Ordering products"; the AutoApplyOrder reference asks for it).
  if (field === "term") return operation === "placeOrder" ? "x_PPP" : product.sitelock?.kind === "service" ? undefined : "days";
  if (!(field in product.fields) || NOT_A_PARAMETER.has(field) || FIELD_SPECS[field].secret) return undefined;
  const siteLockPlaceOrder = operation === "placeOrder" && product.api === "AutoApplyOrder";
  if (siteLockPlaceOrder && NOT_ON_PLACE_ORDER.has(field)) return undefined;
  if (operation === "autoApplyOrder" && PLACE_ORDER_ONLY.has(field)) return undefined;
  const spelled = (siteLockPlaceOrder ? SITELOCK_THROUGH_PLACE_ORDER[field] : undefined) ?? SPELLING[operation][field];
  if (spelled) return spelled;
  const param = FIELD_SPECS[field].param;
  return operation === "autoApplyOrder" ? param.replace(/^x_/, "") : param;
}

/** The form fields of this product that go on the wire, in the form's order, with their parameter. */
export function wireParametersOf(product: Product, operation: OrderOperation): Array<{ field: FormField; parameter: string }> {
  const fields: FormField[] = ["term", ...(Object.keys(product.fields) as FieldKey[])];
  return fields.flatMap((field) => {
    const parameter = wireParameterOf(product, operation, field);
    return parameter ? [{ field, parameter }] : [];
  });
}

/**
 * The form field a wire parameter Sectigo named belongs to, among the fields of these products (the
 * one on screen first, then a cart's others). `x_dcvEmailAddress` is the approver e-mail or, for a
 * file or DNS check, the method's name: `values` says which the form sent.
 */
export function formFieldOf(
  products: readonly Product[],
  operation: OrderOperation,
  parameter: string,
  values: { dcvMethod?: unknown } = {},
): FormField | undefined {
  const name = bare(parameter);
  for (const product of products) {
    const matches = wireParametersOf(product, operation).filter((p) => bare(p.parameter) === name).map((p) => p.field);
    if (matches.length === 0) continue;
    if (matches.includes("dcvMethod") && matches.includes("dcvEmailAddress")) {
      const method = typeof values.dcvMethod === "string" ? values.dcvMethod : "";
      return method !== "" && method !== "EMAIL" ? "dcvMethod" : "dcvEmailAddress";
    }
    return matches[0];
  }
  return undefined;
}

/** `1_csr`, `_2_CSR` and `x_csr` -> `csr`; a documented alias to its name; lower case. */
function bare(parameter: string): string {
  const name = parameter.trim().replace(/^_?(\d+|x)_/i, "").toLowerCase();
  // Sectigo's text is input: `constructor` or `__proto__` must not reach Object.prototype.
  return (Object.hasOwn(READ_ALIASES, name) ? READ_ALIASES[name]! : name).toLowerCase();
}
