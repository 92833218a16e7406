/**
 * The per-product parameters of a non-SiteLock PlaceOrder item, derived from lib/catalog (the product's
 * `fields`, their FIELD_SPECS parameter names and kinds, and its rules): no second list here.
 *
 * Decisions:
 * - A required field that is absent -> -3 "The 'name' argument is missing!" with errorItem = the parameter
 *   as Sectigo names it: `1_csr` for `x_csr` of item 1, `foreName` for the first name.
 * - loginName/loginPassword are the RESELLER's credentials on every call (seed 002; see lib/sectigo/README.md):
 *   the catalog's customer-account fields are not asked again.
 * - isReturningCustomer=Y on an account-based product: the address and names come from Sectigo's records
 *   (seed 003 §7 HackerGuardian note) -> the catalog's own relaxation (fieldRequirements) applies.
 * - Values: a CSR that is not a PEM certificate request -> -4 on `n_csr`; an unsupported key -> -13
 *   (catalog rule D27); a wildcard product with a single-name CSR or the reverse -> -4 on `n_csr`
 *   [sandbox decision]; a select value outside its options -> -4; a Y/N field not Y/N -> -4; an email
 *   -> -70; eIDAS identifiers in their documented structure -> -4; countries -> -7.
 * - Rules: locality or state where an address is required (-3 localityName); PSD2 roles missing or none
 *   Y -> -120 (seed 003); PSD2 identifier not naming the chosen NCA -> -4 organizationIdentifier; HTTP(S)
 *   CSR hash DCV on a wildcard product -> -126; x_orderNumber with replace/renew -> -3; an eToken-based
 *   certificate without the eToken (495) and one shipping code (496-498) in the order -> -39.
 */
import { ETOKEN_PPP, FIELD_SPECS, SHIPPING, checkCsrKey, fieldRequirements, parseCsr, type FieldKey, type Product } from "../../../../lib/catalog/index";
import { checkOrganizationIdentifier, checkSemanticsIdentifier, parsePsd2Identifier } from "../../../../lib/catalog/eidas";
import { DCV_METHODS, HTTP_DCV_METHODS } from "../../../../lib/catalog/fields";
import type { PlaceOrderRow } from "../../core/catalog";
import { isIsoCountry } from "../../core/countries";
import { err, SandboxError } from "../../core/errors";
import { isEmail, type ParamBag } from "../../core/params";
import type { PlacedItem } from "./items";
import { canonicalName } from "./params";

/** The reseller's own credentials, never the customer's (decision in lib/sectigo/README.md). */
const RESELLER_OWNED: ReadonlySet<FieldKey> = new Set(["loginName", "loginPassword"]);
const PSD2_ROLES: readonly FieldKey[] = ["accountServicingRole", "paymentInitiationRole", "accountInformationRole", "paymentServiceRole"];
const SHIPPING_CODES: ReadonlySet<number> = new Set(Object.values(SHIPPING).map((s) => s.ppp));

const unsupportedKey = (item: string) => new SandboxError(-13, "The CSR uses an unsupported key size!", item);
const psd2Roles = () => new SandboxError(-120, '"Role" arguments are missing for PSD2 certificate type!', "accountServicingRole");
const wildcardHttpDcv = (item: string) => new SandboxError(-126, "HTTP(S) CSR Hash DCV Methods are not allowed to validate Wildcard Domain!", item);

/** The product a row stands for, when it has fields of its own (not a companion, eToken or shipping). */
function ownProduct(row: PlaceOrderRow): Product | undefined {
  return row.term !== undefined && row.companionOf === undefined && row.product.orderable ? row.product : undefined;
}

/** Item parameters (without `x_`, lower case) the row's product declares, plus its fixed ones. */
export function declaredItemFields(row: PlaceOrderRow): Set<string> {
  const product = ownProduct(row);
  const names = new Set(Object.keys(row.term?.itemParams ?? {}).map((k) => k.toLowerCase()));
  for (const key of Object.keys(product?.fields ?? {}) as FieldKey[]) {
    const param = FIELD_SPECS[key].param;
    if (param.startsWith("x_") && param !== "x_PPP") names.add(param.slice(2).toLowerCase());
  }
  return names;
}

/** Order-level parameters (lower case) the order's non-SiteLock products declare. */
export function declaredOrderParams(items: readonly PlacedItem[]): Set<string> {
  const names = new Set<string>();
  for (const item of items) {
    const product = item.catalog ? ownProduct(item.catalog) : undefined;
    for (const key of Object.keys(product?.fields ?? {}) as FieldKey[]) {
      const param = FIELD_SPECS[key].param;
      if (!param.startsWith("x_")) names.add(param.toLowerCase());
    }
    // disableSWP: "only relevant for SSL certificates" (seed 003 §1).
    if (product?.fields.csr !== undefined && ["sectigossl", "enterprisessl", "positivessl"].includes(product.family)) names.add("disableswp");
  }
  return names;
}

/** The request's name for a field of item n (`1_csr`, `foreName`). */
function wireName(key: FieldKey, n: number): string {
  const param = FIELD_SPECS[key].param;
  return canonicalName(param.startsWith("x_") ? `${n}_${param.slice(2)}` : param);
}

function checkValue(product: Product, key: FieldKey, name: string, value: string): void {
  const spec = FIELD_SPECS[key];
  if (key === "countryName" || key === "joiCountryName") {
    if (!isIsoCountry(value)) throw err.badCountry(value, name);
    return;
  }
  if (key === "dcvMethod" || key === "dcvEmailAddress") {
    // One parameter, two meanings: a DCV method or the approver's address.
    const method = value.replaceAll(" ", "").toUpperCase();
    if (!(DCV_METHODS as readonly string[]).includes(method) && !isEmail(value)) throw err.invalid(name);
    if (product.rules?.includes("wildcard-no-http-dcv") && HTTP_DCV_METHODS.includes(method)) throw wildcardHttpDcv(name);
    return;
  }
  if (spec.input === "checkbox") {
    if (!/^[YN]$/i.test(value)) throw err.invalid(name);
    return;
  }
  if (spec.input === "email") {
    if (!isEmail(value)) throw err.invalidEmail(name);
    return;
  }
  if (spec.options && key !== "shipping" && !spec.options.some((o) => o.value === value)) throw err.invalid(name);
  if (spec.maxLength !== undefined && value.length > spec.maxLength) throw err.invalid(name);
  if (spec.input === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw err.invalid(name);
  if (key === "organizationIdentifier" && checkOrganizationIdentifier(value)) throw err.invalid(name);
  if (key === "semanticsIdentifier" && checkSemanticsIdentifier(value)) throw err.invalid(name);
  if (key === "csr") checkCsr(product, name, value);
}

function checkCsr(product: Product, name: string, value: string): void {
  const parsed = parseCsr(value);
  if (!parsed.ok) throw err.invalid(name);
  if (checkCsrKey(parsed.key, product.csr?.minRsaBits ?? 2048)) throw unsupportedKey(name);
  const wildcardName = (parsed.commonName ?? "").startsWith("*.");
  if (product.wildcard === true && !wildcardName) throw err.invalid(name);
  if (product.wildcard === false && wildcardName) throw err.invalid(name);
}

function checkRules(product: Product, bag: ParamBag, item: PlacedItem, items: readonly PlacedItem[], required: ReadonlyMap<FieldKey, string>): void {
  const n = item.n;
  const yes = (key: FieldKey) => bag.get(wireName(key, n))?.toUpperCase() === "Y";
  for (const rule of product.rules ?? []) {
    switch (rule) {
      case "address-locality-or-state":
        if ((required.get("organizationName") === "required" || bag.has("streetAddress1")) && !bag.has("localityName") && !bag.has("stateOrProvinceName")) {
          throw err.missing("localityName");
        }
        break;
      case "etoken-always":
      case "etoken-if-smartcard":
        if (rule === "etoken-always" || yes("smartCardBased")) {
          const codes = new Set(items.map((i) => i.code));
          if (!codes.has(ETOKEN_PPP) || ![...SHIPPING_CODES].some((c) => codes.has(c))) throw err.noItem();
        }
        break;
      case "order-number-for-replace-or-renew":
        if ((yes("replaceOrder") || yes("renewOrder")) && !bag.has(wireName("orderNumber", n))) throw err.missing(wireName("orderNumber", n));
        break;
      case "psd2": {
        if (PSD2_ROLES.some((r) => !bag.has(wireName(r, n))) || !PSD2_ROLES.some(yes)) throw psd2Roles();
        const psd2 = parsePsd2Identifier(bag.get("organizationIdentifier") ?? "");
        if (!psd2 || `${psd2.country}-${psd2.nca}` !== bag.get("ncaIdentifier")) throw err.invalid("organizationIdentifier");
        break;
      }
      default:
        break;
    }
  }
}

/** Required fields, values and rules of every non-SiteLock item of the order. */
export function checkProductFields(bag: ParamBag, items: readonly PlacedItem[], returningCustomer: boolean): void {
  for (const item of items) {
    const product = item.catalog ? ownProduct(item.catalog) : undefined;
    if (!product) continue;
    const requirements = fieldRequirements(product, { returningCustomer });
    for (const [key, requirement] of requirements) {
      if (RESELLER_OWNED.has(key) || key === "shipping" || key === "addOns") continue;
      const name = wireName(key, item.n);
      const value = bag.get(name);
      if (value === undefined) {
        if (requirement !== "required") continue;
        if (PSD2_ROLES.includes(key)) throw psd2Roles();
        throw err.missing(name);
      }
      checkValue(product, key, name, value);
    }
    checkRules(product, bag, item, items, new Map(requirements));
  }
}

/** The domain a certificate item is for: its CSR's common name, when it has one. */
export function certificateDomain(bag: ParamBag, item: PlacedItem): string | undefined {
  const csr = bag.get(`${item.n}_csr`);
  const parsed = csr === undefined ? undefined : parseCsr(csr);
  return parsed?.ok ? parsed.commonName : undefined;
}
