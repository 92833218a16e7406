/**
 * The AutoApplyOrder inputs (SiteLock, the SSL bundle) as zod schemas built from the catalog's own
 * field definitions: the typed client's input types are `z.infer` of these (lib/sectigo/client/
 * operations/auto-apply-order.ts), so a field added here reaches the client type, and there is no
 * hand-written twin. Names are the client's (camelCase domain names); `CATALOG_FIELD_OF` says which
 * catalog field each one is, and the client's wire table (WIRE_FIELDS.autoApplyOrder) gives the same
 * Sectigo parameter as that field's `param` (tests/sectigo/client/auto-apply-types.test.ts).
 * Formats (e-mail shape, CSR) are the per-product form schemas' job (schema.ts); these are the shapes.
 */
import { z } from "zod";
import { FIELD_SPECS } from "./fields";
import type { FieldKey } from "./types";

/** A text field with the catalog's length limit. */
const text = (key: FieldKey) => {
  const max = FIELD_SPECS[key].maxLength;
  return max === undefined ? z.string() : z.string().max(max);
};
const productCode = z.number().int().positive();

/** SiteLock terms in days (SiteLock 911 has none: DECISION D12). */
export const siteLockDaysSchema = z.union([z.literal(30), z.literal(365)]);

/** What every AutoApplyOrder variant takes besides its own fields. */
export const autoApplyCommonSchema = z.object({
  /** Sent explicitly on every order (the SRA and Partner Portal "Ordering products" pages give different defaults). */
  autoRenew: z.boolean(),
  /** Order Desk's own reference; lets webHostReport find the order after an unknown outcome. */
  foreignOrderNumber: z.string().max(64).optional(),
  /** `test=Y`: Sectigo validates but does not place (must be enabled on the account). */
  testMode: z.boolean().optional(),
  /** 1 = URL-encoded (default; the newline layout varies in the Partner Portal's "Response parameters"), 0 = newline-delimited. Both are parsed. */
  responseFormat: z.union([z.literal(0), z.literal(1)]).optional(),
});

/** The customer ("appRep…") fields of the SiteLock products. */
export const autoApplyContactSchema = z.object({
  contactEmail: text("appRepEmailAddress"),
  contactFirstName: text("appRepForename").optional(),
  contactLastName: text("appRepSurname").optional(),
  contactPhone: text("appRepTelephone").optional(),
});

/** A new customer's organisation (SiteLock plans). */
export const autoApplyOrganizationSchema = z.object({
  organizationName: text("organizationName").optional(),
  streetAddress: text("streetAddress1").optional(),
  stateOrProvince: text("stateOrProvinceName").optional(),
  postalCode: text("postalCode").optional(),
  /** ISO-3166 alpha-2. */
  countryCode: text("countryName").optional(),
});

export const CSR_PRIORITIES = ["csr", "fields", "fieldsOnly", "csrOnly"] as const;

/** The certificate rows of "Ordering SSL PLUS SiteLock Bundle with SSL" (Sectigo's "Ordering products"). */
export const sslCertificateSchema = z.object({
  csr: z.string().optional(),
  /** Web server software id; Sectigo's default is -1 (Other). */
  serverSoftware: z.number().int().optional(),
  organizationName: text("organizationName").optional(),
  locality: text("localityName").optional(),
  stateOrProvince: text("stateOrProvinceName").optional(),
  countryCode: text("countryName").optional(),
  customerValidated: z.boolean().optional(),
  /** Which values win when given both in the CSR and as fields. Sectigo's default: "csr". */
  csrPriority: z.enum(CSR_PRIORITIES).optional(),
});

const siteLockBase = autoApplyCommonSchema.extend(autoApplyContactSchema.shape).extend({ domainName: text("domainName") });
const previousOrderNumber = text("previousOrderNumber");

export const newCustomerOrderSchema = siteLockBase.extend(autoApplyOrganizationSchema.shape).extend({
  kind: z.literal("newCustomer"),
  productCode,
  addOnCodes: z.array(productCode).optional(),
  days: siteLockDaysSchema,
  /** SiteLock dashboard login; Sectigo uses the e-mail when absent. */
  siteLockLoginName: z.string().max(50).optional(),
  siteLockLoginPassword: z.string().max(50).optional(),
});

/** New license (new domain) on an existing SiteLock account, identified by one of its orders. */
export const existingCustomerOrderSchema = siteLockBase.extend({
  kind: z.literal("existingCustomer"),
  previousOrderNumber,
  productCode,
  addOnCodes: z.array(productCode).optional(),
  days: siteLockDaysSchema,
});

/** Add-on(s) for an existing license; `domainName` identifies the license. */
export const addOnOrderSchema = siteLockBase.extend({
  kind: z.literal("addOn"),
  previousOrderNumber,
  addOnCodes: z.tuple([productCode], productCode),
  days: siteLockDaysSchema,
});

/** Renewal inside the 30-day window; products and domain must equal the original order. */
export const renewalOrderSchema = siteLockBase.extend({
  kind: z.literal("renewal"),
  previousOrderNumber,
  productCodes: z.tuple([productCode], productCode),
  days: siteLockDaysSchema,
});

/** Upgrade or downgrade to `productCode` (pro-rated by Sectigo; expiry unchanged). */
export const planChangeOrderSchema = siteLockBase.extend({
  kind: z.literal("planChange"),
  previousOrderNumber,
  productCode,
  addOnCodes: z.array(productCode).optional(),
  days: siteLockDaysSchema,
});

/** SiteLock 911 (1082): `days` is omitted ("Ordering products"; the AutoApplyOrder reference asks for it). */
export const siteLock911OrderSchema = siteLockBase.extend({
  kind: z.literal("siteLock911"),
  previousOrderNumber: previousOrderNumber.optional(),
});

/** An SSL certificate that brings the free SSL PLUS SiteLock Bundle unless disabled. */
export const sslBundleOrderSchema = siteLockBase.extend(sslCertificateSchema.shape).extend({
  kind: z.literal("sslBundle"),
  /** SSL product code(s); the bundle (1072) may be listed too, never alone (-124). */
  productCodes: z.tuple([productCode], productCode),
  days: z.number().int().positive(),
  /** true = SSL only, no SiteLock bundle. */
  disableSiteLock: z.boolean().optional(),
});

export const autoApplyOrderSchema = z.discriminatedUnion("kind", [
  newCustomerOrderSchema,
  existingCustomerOrderSchema,
  addOnOrderSchema,
  renewalOrderSchema,
  planChangeOrderSchema,
  siteLock911OrderSchema,
  sslBundleOrderSchema,
]);

/**
 * The catalog field each client field is: the order form's field -> the client's name. Fields the
 * client names differently from the form (`contactEmail` is the form's `appRepEmailAddress`).
 */
export const CATALOG_FIELD_OF = {
  contactEmail: "appRepEmailAddress",
  contactFirstName: "appRepForename",
  contactLastName: "appRepSurname",
  contactPhone: "appRepTelephone",
  organizationName: "organizationName",
  streetAddress: "streetAddress1",
  locality: "localityName",
  stateOrProvince: "stateOrProvinceName",
  postalCode: "postalCode",
  countryCode: "countryName",
  domainName: "domainName",
  previousOrderNumber: "previousOrderNumber",
  autoRenew: "enableAutoRenew",
  csr: "csr",
  serverSoftware: "webserverSoftwareId",
  customerValidated: "customerValidated",
  csrPriority: "csrPriority",
  productCodes: "sslProductId",
} as const satisfies Record<string, FieldKey>;
