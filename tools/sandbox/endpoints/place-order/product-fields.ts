/**
 * The per-product parameters of a non-SiteLock PlaceOrder item, from the sandbox's own table: the product's
 * "must supply" tags (core/products/place-order-table.ts) and what each tag stands for
 * (core/products/parameters.ts), both transcribed from "The !PlaceOrder API for Resellers" §1 and §7.
 *
 * Decisions:
 * - A required parameter that is absent -> -3 "The 'name' argument is missing!" with errorItem = the parameter
 *   as Sectigo names it: `1_csr` for `x_csr` of item 1, `foreName` for the first name.
 * - loginName/loginPassword are the RESELLER's credentials on every call (the newer SiteLock PlaceOrder page:
 *   "Your account username"): an account-based product's "must supply loginName and loginPassword" asks
 *   nothing more.
 * - isReturningCustomer=Y on an account-based product: the address and names come from Sectigo's records
 *   (§7 HackerGuardian note: "for Returning customers these parameters are taken from database").
 * - Values: a CSR that is not a PEM certificate request -> -4 on `n_csr`; an unsupported key -> -13; a
 *   wildcard product with a single-name CSR or the reverse -> -4 on `n_csr`; a value outside its permitted
 *   values -> -4; a Y/N parameter not Y/N -> -4; an email -> -70; eIDAS identifiers in their documented
 *   structure -> -4; countries -> -7.
 * - Rules: locality or state where an address is required (-3 localityName; §1 "State or Province Name may be
 *   omitted if Locality Name is specified, and vice versa"); PSD2 roles missing or none Y -> -120; a PSD2
 *   identifier not naming the chosen NCA -> -4 organizationIdentifier; HTTP(S) CSR hash DCV on a wildcard
 *   product -> -126; x_orderNumber with replace/renew -> -3 ("Order Number that needs replacing or
 *   renewing"); an eToken-based certificate without the eToken (495) and one shipping code (496-498) in the
 *   order -> -39 ("you must also specify eToken and eToken shipping").
 */
import type { PlaceOrderRow } from "../../core/catalog";
import { isIsoCountry } from "../../core/countries";
import { err, SandboxError } from "../../core/errors";
import { isEmail, type ParamBag } from "../../core/params";
import { keyAccepted, readCsr } from "../../core/products/csr";
import { NCA_CODES, organizationIdentifierOk, psd2Nca, semanticsIdentifierOk } from "../../core/products/eidas";
import { DCV_METHODS, FROM_RETURNING_CUSTOMER, HTTP_DCV_METHODS, paramsOf, PSD2_ROLES, type ParamRule } from "../../core/products/parameters";
import type { PlaceOrderProduct } from "../../core/products/place-order-table";
import type { PlacedItem } from "./items";
import { canonicalName } from "./params";

const ETOKEN_PPP = 495;
const SHIPPING_CODES: readonly number[] = [496, 497, 498];
const SSL_LINES: ReadonlySet<string> = new Set(["ssl"]);

const unsupportedKey = (item: string) => new SandboxError(-13, "The CSR uses an unsupported key size!", item);
const psd2Roles = () => new SandboxError(-120, '"Role" arguments are missing for PSD2 certificate type!', "accountServicingRole");
const wildcardHttpDcv = (item: string) => new SandboxError(-126, "HTTP(S) CSR Hash DCV Methods are not allowed to validate Wildcard Domain!", item);

/** The product a row stands for, when it has parameters of its own (not a companion, eToken or shipping). */
function ownProduct(row: PlaceOrderRow): PlaceOrderProduct | undefined {
  return row.label !== undefined && row.companionOf === undefined && !row.product.companionOnly ? row.product : undefined;
}

/** Item parameters (without `x_`, lower case) the row's product declares, plus its fixed ones. */
export function declaredItemFields(row: PlaceOrderRow): Set<string> {
  const product = ownProduct(row);
  const names = new Set<string>(row.ipAddresses !== undefined ? ["ip addresses"] : []);
  for (const rule of paramsOf(product?.needs ?? [])) if (rule.item) names.add(rule.name.toLowerCase());
  return names;
}

/** Order-level parameters (lower case) the order's non-SiteLock products declare. */
export function declaredOrderParams(items: readonly PlacedItem[]): Set<string> {
  const names = new Set<string>();
  for (const item of items) {
    const product = item.catalog ? ownProduct(item.catalog) : undefined;
    for (const rule of paramsOf(product?.needs ?? [])) if (!rule.item) names.add(rule.name.toLowerCase());
    // disableSWP: "only relevant for SSL certificates" (§1).
    if (product && SSL_LINES.has(product.line)) names.add("disableswp");
  }
  return names;
}

/** The request's name for a parameter of item n (`1_csr`, `foreName`). */
function wireName(rule: Pick<ParamRule, "name" | "item">, n: number): string {
  return canonicalName(rule.item ? `${n}_${rule.name}` : rule.name);
}

function checkValue(product: PlaceOrderProduct, rule: ParamRule, name: string, value: string): void {
  const v = rule.value;
  switch (v.kind) {
    case "country":
      if (!isIsoCountry(value)) throw err.badCountry(value, name);
      return;
    case "dcv": {
      // One parameter, two meanings: a DCV method or the approver's address.
      const method = value.replaceAll(" ", "").toUpperCase();
      if (!(DCV_METHODS as readonly string[]).includes(method) && !isEmail(value)) throw err.invalid(name);
      if (value.length > 255) throw err.invalid(name);
      if (product.wildcard === true && HTTP_DCV_METHODS.includes(method)) throw wildcardHttpDcv(name);
      return;
    }
    case "yn":
      if (!/^[YN]$/i.test(value)) throw err.invalid(name);
      return;
    case "email":
      if (!isEmail(value)) throw err.invalidEmail(name);
      return;
    case "one-of":
      if (!v.values.includes(value)) throw err.invalid(name);
      return;
    case "text":
      if (v.max !== undefined && value.length > v.max) throw err.invalid(name);
      return;
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw err.invalid(name);
      return;
    case "organization-id":
      if (value.length > 100 || !organizationIdentifierOk(value)) throw err.invalid(name);
      return;
    case "semantics-id":
      if (value.length > 100 || !semanticsIdentifierOk(value)) throw err.invalid(name);
      return;
    case "nca":
      if (!NCA_CODES.has(value)) throw err.invalid(name);
      return;
    case "csr":
      checkCsr(product, name, value);
      return;
  }
}

/** Code Signing keys from 3072 bits (CA/Browser Forum Code Signing requirements); others from 2048. */
function checkCsr(product: PlaceOrderProduct, name: string, value: string): void {
  const parsed = readCsr(value);
  if (!parsed.ok) throw err.invalid(name);
  if (!keyAccepted(parsed.key, product.line === "code-signing" ? 3072 : 2048)) throw unsupportedKey(name);
  const wildcardName = (parsed.commonName ?? "").startsWith("*.");
  if (product.wildcard === true && !wildcardName) throw err.invalid(name);
  if (product.wildcard !== true && product.line === "ssl" && wildcardName) throw err.invalid(name);
}

function checkRules(product: PlaceOrderProduct, bag: ParamBag, item: PlacedItem, items: readonly PlacedItem[], required: ReadonlySet<string>): void {
  const n = item.n;
  const yes = (name: string) => bag.get(name)?.toUpperCase() === "Y";
  const itemParam = (p: string) => wireName({ name: p, item: true }, n);
  const needs = product.needs;
  if (needs.includes("company-address") && (required.has("organizationName") || bag.has("streetAddress1")) && !bag.has("localityName") && !bag.has("stateOrProvinceName")) {
    throw err.missing("localityName");
  }
  if (needs.includes("etoken") || (needs.includes("etoken-on-request") && yes(itemParam("smartCardBased")))) {
    const codes = new Set(items.map((i) => i.code));
    if (!codes.has(ETOKEN_PPP) || !SHIPPING_CODES.some((c) => codes.has(c))) throw err.noItem();
  }
  if (needs.includes("pac-options") && (yes(itemParam("replaceOrder")) || yes(itemParam("renewOrder"))) && !bag.has(itemParam("orderNumber"))) {
    throw err.missing(itemParam("orderNumber"));
  }
  if (needs.includes("psd2")) {
    if (PSD2_ROLES.some((r) => !bag.has(r)) || !PSD2_ROLES.some((r) => yes(r))) throw psd2Roles();
    if (psd2Nca(bag.get("organizationIdentifier") ?? "") !== bag.get("ncaIdentifier")) throw err.invalid("organizationIdentifier");
  }
}

/** Required parameters, values and rules of every non-SiteLock item of the order. */
export function checkProductFields(bag: ParamBag, items: readonly PlacedItem[], returningCustomer: boolean): void {
  for (const item of items) {
    const product = item.catalog ? ownProduct(item.catalog) : undefined;
    if (!product) continue;
    const fromRecords = returningCustomer && product.needs.includes("login");
    const required = new Set<string>();
    for (const rule of paramsOf(product.needs)) {
      const isRequired = rule.required && !(fromRecords && FROM_RETURNING_CUSTOMER.has(rule.name));
      if (isRequired) required.add(rule.name);
      const name = wireName(rule, item.n);
      const value = bag.get(name);
      if (value === undefined) {
        if (!isRequired) continue;
        if ((PSD2_ROLES as readonly string[]).includes(rule.name)) throw psd2Roles();
        throw err.missing(name);
      }
      checkValue(product, rule, name, value);
    }
    checkRules(product, bag, item, items, required);
  }
}

/** The domain a certificate item is for: its CSR's common name, when it has one. */
export function certificateDomain(bag: ParamBag, item: PlacedItem): string | undefined {
  const csr = bag.get(`${item.n}_csr`);
  const parsed = csr === undefined ? undefined : readCsr(csr);
  return parsed?.ok ? parsed.commonName : undefined;
}
