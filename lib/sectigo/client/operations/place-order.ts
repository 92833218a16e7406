/**
 * `!PlaceOrder` (resellers), server-to-server: numbered item parameters (`1_PPP`, `2_ID`, ...),
 * company/personal details with their conditional rules. Sources: the PlaceOrder documents "SiteLock license" (web
 * page) and "The !PlaceOrder API for Resellers" (PDF).
 *
 * Catalog products carry their own fields (lib/catalog): the order form passes them by their Sectigo
 * parameter names in `params` (order level) and `items[n].params` (item level, `x_` dropped). The
 * client owns the credentials, the brand, `reseller`, `isReturningCustomer` and the numbered item keys,
 * and refuses params that would override them, any name containing "password" (Order Desk never sends
 * a customer's password: lib/sectigo/README.md), and a name already set by a typed field.
 * Companions (`y_PPP=3450&y_visibility=0`, "The !PlaceOrder API for Resellers" §7: `y` is just the next item number) are further
 * items with `visible: false`.
 */
import { type CallContext, validationError } from "../errors/map-error";
import type { OrderContext, SectigoError } from "../types";
import { FormBody } from "../wire/form";
import { PLACE_ORDER_ITEM_FIELDS, WIRE_FIELDS, wireNameOf } from "../wire/fields";
import { type ParsedBody, nonEmpty } from "../wire/response";
import { checkDomain, checkEmail, checkLength } from "./validate";

const W = WIRE_FIELDS.placeOrder;
const I = PLACE_ORDER_ITEM_FIELDS;

export const OFFER_CODES = ["FREE_EV_UPGRADE", "FREE_EV_UPGRADE_REQUIRED", "EVSSLPREREGISTRATIONOFFER", "FREE_HP_UPGRADE"] as const;
export type OfferCode = (typeof OFFER_CODES)[number];

/** Exactly one of productId (`x_ID`) or pricingCode (`x_PPP`, e.g. 10053 = SiteLock Business 1-year). */
type ItemProduct = { productId: number; pricingCode?: never } | { pricingCode: number; productId?: never };

export type PlaceOrderItem = ItemProduct & {
  days?: number;
  /** x_visibility: true → -1 (visible, Sectigo's default), false → 0. */
  visible?: boolean;
  /** The quantity that affects pricing; its parameter name depends on the product. */
  quantity?: { unit: "seats" | "users" | "servers" | "quantity"; count: number };
  zones?: number;
  /** Item-level domain (`1_domainName`, as in "SiteLock license"'s curl sample). */
  domainName?: string;
  showCollectionCode?: boolean;
  dcvEmailAddress?: string;
  ipAddress?: string;
  macAddress?: string;
  webServerSoftwareId?: number;
  csr?: string;
  signatureHash?: "NO_PREFERENCE" | "INFER_FROM_CSR" | "PREFER_SHA2" | "PREFER_SHA1" | "REQUIRE_SHA2";
  smartCardBased?: boolean;
  /**
   * Further item parameters by their Sectigo names without `x_` (`csr`, `dcvEmailAddress`,
   * `IP Addresses`), sent as `${n}_${name}`: the catalog's per-item fields.
   */
  params?: Readonly<Record<string, string>>;
};

/** `name` XOR `foreName`/`surName` ("The !PlaceOrder API for Resellers": never both). */
export type PersonName = { fullName: string; firstName?: never; lastName?: never } | { fullName?: never; firstName?: string; lastName?: string };

export type PersonDetails = PersonName & { title?: string; telephone?: string; fax?: string };

export type PlaceOrderCustomer =
  | { kind: "new"; contactEmail: string; person?: PersonDetails }
  | { kind: "returning"; contactEmail?: string; person?: PersonDetails };

export interface CompanyDetails {
  organizationName?: string;
  organizationalUnitName?: string;
  postOfficeBox?: string;
  streetAddress?: string;
  streetAddress2?: string;
  streetAddress3?: string;
  locality?: string;
  stateOrProvince?: string;
  postalCode?: string;
  /** ISO-3166 alpha-2; Sectigo defaults to US when omitted. */
  countryCode?: string;
  dunsNumber?: string;
  companyNumber?: string;
  businessCategory?: "private" | "government" | "business";
}

export interface PlaceOrderInput {
  /** Reseller brand name (`ap`). */
  brand: string;
  /** true (`reseller=Y`): we charge the customer and Sectigo debits us after AutoAuthorize. */
  resellerPays: boolean;
  customer: PlaceOrderCustomer;
  items: [PlaceOrderItem, ...PlaceOrderItem[]];
  /** Order-level SiteLock domain (`domainName`, as in the parameter tables). */
  domainName?: string;
  offerCode?: OfferCode;
  region?: string;
  company?: CompanyDetails;
  licenceCode?: string;
  /**
   * Order-level catalog fields by their Sectigo parameter names (`organizationName`, `joiCountryName`,
   * `organizationIdentifier`, `accountServicingRole`: "Y"), for the product's own fields.
   */
  params?: Readonly<Record<string, string>>;
}

export interface PlaceOrderResult {
  orderNumber: string;
}

const BUSINESS_CATEGORY = { private: "b", government: "c", business: "d" } as const;

export function validatePlaceOrder(input: PlaceOrderInput, ctx: CallContext): SectigoError | undefined {
  if (!input.brand?.trim()) return validationError(ctx, "brand", "MISSING_FIELD", "The reseller brand name is required.");
  if (input.items.length === 0) return validationError(ctx, "items", "MISSING_FIELD", "Add at least one product to the order.");
  for (const [index, item] of input.items.entries()) {
    const both = item.productId !== undefined && item.pricingCode !== undefined;
    const code = item.productId ?? item.pricingCode;
    if (both || code === undefined || !Number.isInteger(code) || code <= 0) {
      return validationError(ctx, `items[${index}].pricingCode`, "INVALID_FIELD", `Item ${index + 1} needs exactly one product or pricing code.`);
    }
    if (item.domainName !== undefined) {
      const bad = checkDomain(ctx, item.domainName);
      if (bad) return { ...bad, parameters: [wireNameOf(ctx.operation, `items[${index}].domainName`)] };
    }
  }
  const badParams = checkParams(input, ctx);
  if (badParams) return badParams;
  const c = input.customer;
  if (c.kind === "new" || c.contactEmail !== undefined) {
    const bad = checkEmail(ctx, "contactEmail", c.contactEmail);
    if (bad) return bad;
  }
  if (c.person && "fullName" in c.person && c.person.fullName !== undefined && (c.person.firstName || c.person.lastName)) {
    return validationError(ctx, "fullName", "INVALID_FIELD", "Give either the full name or first/last name, not both.");
  }
  const co = input.company;
  if (co?.countryCode !== undefined && !/^[A-Za-z]{2}$/.test(co.countryCode)) {
    return validationError(ctx, "countryCode", "INVALID_FIELD", "Please choose a valid two-letter country.");
  }
  // Seed 002/003: locality OR state/province is needed only where a product requires an address,
  // and no SiteLock product does. Which products do is catalog data (lib/catalog), checked there.
  return (
    (input.domainName !== undefined ? checkDomain(ctx, input.domainName) : undefined) ??
    checkLength(ctx, "brand", input.brand, 64) ??
    checkLength(ctx, "organizationName", co?.organizationName, 64)
  );
}

/** Names the client sets itself: never taken from `params`. */
const OWNED_NAMES: ReadonlySet<string> = new Set([W.loginName, W.loginPassword, W.brand, W.resellerPays, W.returningCustomer].map((n) => n.toLowerCase()));
/** A plausible Sectigo parameter name (letters first; spaces as in `IP Addresses`). */
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_ ]{0,63}$/;
const NUMBERED = /^_?\d+_/;

function refusedName(name: string, level: "order" | "item"): string | undefined {
  const lower = name.toLowerCase();
  if (!PARAM_NAME.test(name) || NUMBERED.test(name)) return `"${name.slice(0, 64)}" is not a parameter name the order can carry.`;
  if (lower.includes("password")) return `"${name}" cannot be sent: Order Desk never sends a password in an order.`;
  if (level === "order" && OWNED_NAMES.has(lower)) return `"${name}" is set by Order Desk itself and cannot be given.`;
  return undefined;
}

/** params: no owned, numbered, password or duplicate names; values are text (nothing is sent otherwise). */
function checkParams(input: PlaceOrderInput, ctx: CallContext): SectigoError | undefined {
  const typed = encodePlaceOrder({ ...input, params: undefined, items: input.items.map((i) => ({ ...i, params: undefined })) as PlaceOrderInput["items"] }, { loginName: "", loginPassword: "" });
  const taken = new Set(typed.entries().map(([name]) => name.toLowerCase()));
  const lists: Array<[string, Readonly<Record<string, string>> | undefined, (name: string) => string, "order" | "item"]> = [
    ["params", input.params, (name) => name, "order"],
    ...input.items.map((item, index) => [`items[${index}].params`, item.params, (name: string) => `${index + 1}_${name}`, "item"] as [string, Readonly<Record<string, string>> | undefined, (name: string) => string, "item"]),
  ];
  for (const [field, params, wire, level] of lists) {
    for (const [name, value] of Object.entries(params ?? {})) {
      const refusal = refusedName(name, level);
      if (refusal) return validationError(ctx, `${field}.${name.slice(0, 64)}`, "INVALID_FIELD", refusal);
      if (typeof value !== "string") return validationError(ctx, `${field}.${name}`, "INVALID_FIELD", `The value of "${name}" must be text.`);
      if (taken.has(wire(name).toLowerCase())) return validationError(ctx, `${field}.${name}`, "INVALID_FIELD", `"${name}" is given twice.`);
      taken.add(wire(name).toLowerCase());
    }
  }
  return undefined;
}

export function encodePlaceOrder(input: PlaceOrderInput, auth: { loginName: string; loginPassword: string }): FormBody {
  const c = input.customer;
  const person = c.person;
  const co = input.company ?? {};
  const body = new FormBody()
    .set(W.loginName, auth.loginName)
    .set(W.loginPassword, auth.loginPassword)
    .set(W.returningCustomer, c.kind === "returning")
    .set(W.brand, input.brand)
    .set(W.resellerPays, input.resellerPays)
    .set(W.region, input.region)
    .set(W.offerCode, input.offerCode)
    .set(W.organizationName, co.organizationName)
    .set(W.organizationalUnitName, co.organizationalUnitName)
    .set(W.postOfficeBox, co.postOfficeBox)
    .set(W.streetAddress, co.streetAddress)
    .set(W.streetAddress2, co.streetAddress2)
    .set(W.streetAddress3, co.streetAddress3)
    .set(W.locality, co.locality)
    .set(W.stateOrProvince, co.stateOrProvince)
    .set(W.postalCode, co.postalCode)
    .set(W.countryCode, co.countryCode?.toUpperCase())
    .set(W.dunsNumber, co.dunsNumber)
    .set(W.companyNumber, co.companyNumber)
    .set(W.businessCategory, co.businessCategory ? BUSINESS_CATEGORY[co.businessCategory] : undefined)
    .set(W.title, person?.title)
    .set(W.fullName, person?.fullName)
    .set(W.firstName, person?.firstName)
    .set(W.lastName, person?.lastName)
    .set(W.contactEmail, c.contactEmail)
    .set(W.telephone, person?.telephone)
    .set(W.fax, person?.fax)
    .set(W.licenceCode, input.licenceCode)
    .set(W.domainName, input.domainName);
  for (const [name, value] of Object.entries(input.params ?? {})) body.set(name, value);

  input.items.forEach((item, index) => {
    const key = (name: string) => `${index + 1}_${name}`;
    body
      .set(key(I.productId), item.productId)
      .set(key(I.pricingCode), item.pricingCode)
      .set(key(I.days), item.days)
      .set(key(I.visibility), item.visible === undefined ? undefined : item.visible ? -1 : 0)
      .set(item.quantity ? key(I[item.quantity.unit]) : "", item.quantity?.count)
      .set(key(I.zones), item.zones)
      .set(key(I.domainName), item.domainName)
      .set(key(I.showCollectionCode), item.showCollectionCode)
      .set(key(I.dcvEmailAddress), item.dcvEmailAddress)
      .set(key(I.ipAddress), item.ipAddress)
      .set(key(I.macAddress), item.macAddress)
      .set(key(I.webServerSoftwareId), item.webServerSoftwareId)
      .set(key(I.csr), item.csr)
      .set(key(I.signatureHash), item.signatureHash)
      .set(key(I.smartCardBased), item.smartCardBased);
    for (const [name, value] of Object.entries(item.params ?? {})) body.set(key(name), value);
  });
  return body;
}

export function placeOrderContext(input: PlaceOrderInput): OrderContext {
  const domain = input.domainName ?? input.items.find((i) => i.domainName)?.domainName;
  return domain ? { operation: "placeOrder", domainName: domain } : { operation: "placeOrder" };
}

export function decodePlaceOrder(body: ParsedBody): PlaceOrderResult | undefined {
  if (body.status !== 0) return undefined;
  const orderNumber = body.format === "lines" ? nonEmpty(body.lines[1]) : nonEmpty(body.fields.get("orderNumber"));
  if (!orderNumber || orderNumber.length > 128 || /\s/.test(orderNumber)) return undefined;
  return { orderNumber };
}
