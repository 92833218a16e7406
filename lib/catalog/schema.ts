/**
 * One zod schema per product, shared by the react-hook-form form (zodResolver) and the server action.
 * Built from the catalog: the product's fields with their types, limits and allowed values, plus the
 * conditional rules the source documents (lib/catalog/README.md lists them).
 */
import { z } from "zod";
import { addOnsFor, productById, termByValue, termValue } from "./catalog";
import { isCountryCode } from "./countries";
import { checkCsrKey, parseCsr } from "./csr";
import { checkOrganizationIdentifier, checkSemanticsIdentifier, parsePsd2Identifier } from "./eidas";
import { FIELD_SPECS, HTTP_DCV_METHODS, type FieldSpec } from "./fields";
import { BUNDLE_CERTIFICATES } from "./products/sitelock";
import { addOnPlaceOrderTerm } from "./sitelock-place-order";
import type { FieldKey, Product, Requirement } from "./types";
import { unsafeSecretProblem, unsafeTextProblem } from "../validation/text";

export interface SchemaOptions {
  /**
   * The customer already has a Sectigo account (isReturningCustomer=Y): for account-based products the
   * company address and HackerGuardian's person fields come from Sectigo's records and become optional.
   */
  returningCustomer?: boolean;
  /**
   * "staff" (default): Order Desk places the order with the reseller's own login, so the end
   * customer's account login/password ("The !PlaceOrder API for Resellers", "User Login Details") are not asked (DECISION D25).
   * "orderingUrl": a form the end customer fills on the reseller's website, with their own account.
   */
  channel?: "staff" | "orderingUrl";
}

/** Fields only an end customer fills (their own Sectigo account): never in the staff form. */
const CUSTOMER_ACCOUNT_FIELDS: readonly FieldKey[] = ["loginName", "loginPassword"];

/** What the form holds: text inputs are strings, checkboxes booleans, the add-on list an array of IDs. */
export type OrderFormInput = { term: string } & Partial<Record<FieldKey, string | boolean | string[]>>;
/** After parsing: trimmed, empty strings dropped, checkboxes false when unticked. */
export type OrderFormValues = { term: string } & Partial<Record<FieldKey, string | boolean | string[]>>;

export type OrderSchema = z.ZodType<OrderFormValues, OrderFormInput>;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN_RE = /^(?=.{1,64}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const DIGITS_RE = /^\d{1,20}$/;

/** Fields taken from the account of a returning customer ("The !PlaceOrder API for Resellers" §1 and the HackerGuardian note). */
const FROM_ACCOUNT: readonly FieldKey[] = ["organizationName", "streetAddress1", "localityName", "postalCode", "countryName", "forename", "surname"];

/** The product's fields and whether each is required, after the options. */
export function fieldRequirements(product: Product, options: SchemaOptions = {}): [FieldKey, Requirement][] {
  const relax = options.returningCustomer === true && product.fields.loginName !== undefined;
  const staff = (options.channel ?? "staff") === "staff";
  return (Object.entries(product.fields) as [FieldKey, Requirement][])
    .filter(([key]) => !(staff && CUSTOMER_ACCOUNT_FIELDS.includes(key)))
    .map(([key, req]) => [key, relax && FROM_ACCOUNT.includes(key) ? "optional" : req]);
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() <= Date.now();
}

/** Format checks of a non-empty value, per field; undefined = fine. */
function formatProblem(spec: FieldSpec, value: string, product: Product): string | undefined {
  if (spec.options && !spec.options.some((o) => o.value === value)) return `Choose one of the listed values for ${spec.label.toLowerCase()}.`;
  switch (spec.key) {
    case "countryName":
    case "joiCountryName":
      return isCountryCode(value) ? undefined : "Choose a country from the list.";
    case "emailAddress":
    case "appRepEmailAddress":
    case "dcvEmailAddress":
    case "contactEmailAddress":
      return EMAIL_RE.test(value) ? undefined : "Enter a valid email address, such as name@example.com.";
    case "domainName":
      // A wildcard certificate's name (the ssl-bundle rule checks that a wildcard certificate was chosen).
      return DOMAIN_RE.test(product.rules?.includes("ssl-bundle") ? value.replace(/^\*\./, "") : value) ? undefined : "Enter a domain name such as example.com (no http://, no path).";
    case "previousOrderNumber":
    case "orderNumber":
      return DIGITS_RE.test(value) ? undefined : "An order number is digits only.";
    case "dateOfIncorporation":
      return isRealDate(value) ? undefined : "Enter a past date as YYYY-MM-DD.";
    case "organizationIdentifier":
      return checkOrganizationIdentifier(value);
    case "semanticsIdentifier":
      return checkSemanticsIdentifier(value);
    case "csr": {
      const parsed = parseCsr(value);
      if (!parsed.ok) return parsed.message;
      const keyProblem = checkCsrKey(parsed.key, product.csr?.minRsaBits ?? 2048);
      if (keyProblem) return keyProblem;
      const cn = parsed.commonName ?? "";
      if (product.wildcard === true && !cn.startsWith("*.")) return `A wildcard certificate needs a CSR for *.your-domain; this one is for "${cn}".`;
      if (product.wildcard === false && cn.startsWith("*.")) return "This CSR is for a wildcard name: choose a wildcard product.";
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Characters no field may hold (lib/validation/text.ts); a secret may hold anything else. */
function textProblem(spec: FieldSpec, value: string): string | undefined {
  return spec.secret ? unsafeSecretProblem(value) : unsafeTextProblem(value, spec.label.toLowerCase(), { multiline: spec.input === "textarea" });
}

function fieldSchema(spec: FieldSpec, requirement: Requirement, product: Product): z.ZodType {
  const label = spec.label;
  if (spec.input === "checkbox") return z.boolean({ error: `${label}: tick or untick.` }).optional().transform((v) => v ?? false);
  if (spec.input === "checkboxes") {
    // A browser form gives false (none ticked), one string (one box of a single-option group) or a list.
    return z
      .preprocess((v) => (v === false || v === null ? [] : typeof v === "string" ? [v] : v), z.array(z.string(), { error: `${label}: choose from the list.` }).optional())
      .transform((v) => v ?? []);
  }
  const max = spec.maxLength;
  const base = z
    .string({ error: `${label} must be text.` })
    .optional()
    .transform((v) => (spec.key === "domainName" ? (v ?? "").trim().toLowerCase() : spec.secret ? (v ?? "") : (v ?? "").trim()))
    .superRefine((v, ctx) => {
      if (v === "") {
        if (requirement === "required") ctx.addIssue({ code: "custom", message: `${label} is required.` });
        return;
      }
      if (max !== undefined && v.length > max) ctx.addIssue({ code: "custom", message: `${label} can be at most ${max} characters.` });
      else if (textProblem(spec, v)) ctx.addIssue({ code: "custom", message: textProblem(spec, v)! });
      else {
        const problem = formatProblem(spec, v, product);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }
    });
  return base.transform((v) => (v === "" ? undefined : v));
}

type Values = Record<string, unknown>;
type Issue = { path: FieldKey | "term"; message: string };

function ruleProblems(product: Product, v: Values, required: ReadonlyMap<FieldKey, Requirement>): Issue[] {
  const issues: Issue[] = [];
  const has = (k: FieldKey) => v[k] !== undefined && v[k] !== "" && v[k] !== false;
  for (const rule of product.rules ?? []) {
    switch (rule) {
      case "address-locality-or-state":
        if ((required.get("organizationName") === "required" || has("streetAddress1")) && !has("localityName") && !has("stateOrProvinceName")) {
          issues.push({ path: "localityName", message: "Give the city or the state/province (at least one)." });
        }
        break;
      case "etoken-always":
        break; // shipping is a required field
      case "etoken-if-smartcard":
        if (v.smartCardBased === true && !has("shipping")) issues.push({ path: "shipping", message: "Choose how the eToken is shipped." });
        break;
      case "wildcard-no-http-dcv":
        if (HTTP_DCV_METHODS.includes(String(v.dcvMethod))) {
          issues.push({ path: "dcvMethod", message: "A wildcard domain cannot be validated by an HTTP(S) file: choose email or DNS CNAME." });
        }
        break;
      case "order-number-for-replace-or-renew":
        if ((v.replaceOrder === true || v.renewOrder === true) && !has("orderNumber")) {
          issues.push({ path: "orderNumber", message: "Give the order number of the certificate being replaced or renewed." });
        }
        break;
      case "psd2": {
        const id = typeof v.organizationIdentifier === "string" ? v.organizationIdentifier : undefined;
        const psd2 = id ? parsePsd2Identifier(id) : undefined;
        if (id && !psd2) issues.push({ path: "organizationIdentifier", message: "A PSD2 certificate needs PSD + country + \"-\" + NCA id + \"-\" + authorisation number, e.g. PSDFI-FINFSA-1234567-8." });
        else if (psd2 && has("ncaIdentifier") && `${psd2.country}-${psd2.nca}` !== v.ncaIdentifier) {
          issues.push({ path: "organizationIdentifier", message: `The identifier names ${psd2.country}-${psd2.nca}, but the authority chosen is ${String(v.ncaIdentifier)}.` });
        }
        const roles: FieldKey[] = ["accountServicingRole", "paymentInitiationRole", "accountInformationRole", "paymentServiceRole"];
        if (!roles.some(has)) issues.push({ path: "accountServicingRole", message: "Tick at least one PSD2 role." });
        break;
      }
      case "ssl-bundle": {
        const certificate = BUNDLE_CERTIFICATES.find((c) => String(c.productId) === v.sslProductId);
        const days = termByValue(product, String(v.term))?.days;
        if (certificate && days && !certificate.days.includes(days)) {
          issues.push({ path: "term", message: `${certificate.name} is not sold for this term: choose ${certificate.days.map((d) => termByValue(product, String(d))?.label ?? `${d} days`).join(" or ")}.` });
        }
        const wildcardName = typeof v.domainName === "string" && v.domainName.startsWith("*.");
        if (certificate && wildcardName !== certificate.wildcard) {
          issues.push({ path: "domainName", message: certificate.wildcard ? "A wildcard certificate is for *.your-domain, e.g. *.example.com." : "A *. name needs a wildcard certificate: choose one, or enter the bare domain." });
        }
        break;
      }
      case "sitelock-place-order": {
        if (v.sectigoChargesCustomer !== true) break;
        if (has("previousOrderNumber")) {
          issues.push({ path: "previousOrderNumber", message: "Sectigo charges the customer only on a new SiteLock account (PlaceOrder takes no previous order): clear the order number, or untick \"Sectigo charges the customer\"." });
        }
        if (v.enableAutoRenew === true) {
          issues.push({ path: "enableAutoRenew", message: "Sectigo charges the customer, so the license is not renewed from our funds: untick \"Renew automatically\"." });
        }
        const term = termByValue(product, String(v.term));
        for (const id of Array.isArray(v.addOns) ? (v.addOns as string[]) : []) {
          const addOn = productById(Number(id));
          if (!addOn || !term || addOnPlaceOrderTerm(addOn, term.days)) continue;
          const sold = addOn.terms.filter((t) => t.ppp !== undefined).map((t) => t.label).join(" or ");
          issues.push({ path: "addOns", message: `When Sectigo charges the customer, ${addOn.name} is sold for ${sold} only: choose that term, or untick "Sectigo charges the customer".` });
        }
        break;
      }
      case "sitelock-addons": {
        const allowed = addOnsFor(product);
        const chosen = Array.isArray(v.addOns) ? (v.addOns as string[]) : [];
        const families = new Set<string>();
        for (const id of chosen) {
          const addOn = productById(Number(id));
          if (!addOn || !allowed.includes(addOn)) {
            issues.push({ path: "addOns", message: `${addOn?.name ?? `Add-on ${id}`} cannot be added to ${product.name}.` });
            continue;
          }
          const family = addOn.sitelock?.addOnFamily ?? "";
          if (families.has(family)) issues.push({ path: "addOns", message: `Choose one ${family === "dns" ? "DNS" : family} add-on only.` });
          families.add(family);
        }
        break;
      }
    }
  }
  if (has("dcvEmailAddress") && has("dcvMethod") && v.dcvMethod !== "EMAIL") {
    issues.push({ path: "dcvEmailAddress", message: "An approver email is only used with email validation." });
  }
  return issues;
}

/** The zod schema of an order for `product` (one item; a cart holds one per item). */
export function orderSchemaFor(product: Product, options: SchemaOptions = {}): OrderSchema {
  if (!product.orderable) throw new Error(`${product.name} is not ordered on its own.`);
  const requirements = fieldRequirements(product, options);
  const shape: Record<string, z.ZodType> = {
    term: z
      .string({ error: "Choose a term." })
      .refine((value) => termByValue(product, value) !== undefined, "Choose one of the listed terms."),
  };
  for (const [key, req] of requirements) shape[key] = fieldSchema(FIELD_SPECS[key], req, product);
  const required = new Map(requirements);
  // Unknown keys are dropped, not refused: a form keeps the values of a product the user switched away from,
  // and an error on a field that is not shown would block the submit invisibly.
  return z
    .object(shape)
    .superRefine((values, ctx) => {
      for (const issue of ruleProblems(product, values, required)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
    }) as unknown as OrderSchema;
}

/** Field metadata for a form generator, in catalog order, with the product's required/optional resolved. */
export function formFieldsFor(product: Product, options: SchemaOptions = {}): (FieldSpec & { required: boolean })[] {
  return fieldRequirements(product, options).map(([key, req]) => {
    const spec = FIELD_SPECS[key];
    if (key === "localityName" && !product.rules?.includes("address-locality-or-state")) {
      // The "city or state" help describes a rule this product does not have (the SSL bundle's L field).
      const { help: _help, ...rest } = spec;
      return { ...rest, required: req === "required" };
    }
    if (key !== "addOns") return { ...spec, required: req === "required" };
    return { ...spec, required: false, options: addOnsFor(product).map((a) => ({ value: String(a.productId), label: a.name })) };
  });
}

/** Term options for the term select. */
export function termOptionsFor(product: Product): { value: string; label: string }[] {
  return product.terms.map((t) => ({ value: termValue(product, t), label: t.restriction ? `${t.label} (restricted)` : t.label }));
}
