/**
 * What a form generator needs to draw each order field: label, help, input kind, group, limits, options,
 * and the Sectigo parameter it becomes (`x_` = per item: `1_csr`, `2_csr`, ...), read per operation by
 * wire-parameters.ts (the one map both ways, so a Sectigo error naming a parameter lands on its field).
 * Limits are those of "The !PlaceOrder API for Resellers" §1.
 */
import { countryOptions } from "./countries";
import { NCAS } from "./eidas";
import { SHIPPING, SHIPPING_METHODS } from "./products/etoken";
import { BUNDLE_CERTIFICATES } from "./products/sitelock";
import type { FieldKey } from "./types";

export type InputKind = "text" | "email" | "password" | "tel" | "date" | "textarea" | "select" | "checkbox" | "checkboxes";

export type FieldGroup =
  | "customer"
  | "customer-account"
  | "organisation"
  | "organisation-address"
  | "ev"
  | "sitelock"
  | "certificate"
  | "personal-authentication"
  | "eidas"
  | "psd2"
  | "etoken"
  | "payment";

export const GROUP_LABELS: Record<FieldGroup, string> = {
  customer: "Customer",
  "customer-account": "Customer's Sectigo account",
  organisation: "Organisation",
  "organisation-address": "Organisation address",
  ev: "Extended validation",
  sitelock: "SiteLock",
  certificate: "Certificate",
  "personal-authentication": "Replacement and key options",
  eidas: "eIDAS identity",
  psd2: "PSD2",
  etoken: "eToken delivery",
  payment: "Who pays Sectigo",
};

export interface Option {
  value: string;
  label: string;
}

export interface FieldSpec {
  key: FieldKey;
  label: string;
  help?: string;
  input: InputKind;
  group: FieldGroup;
  /** Sectigo's parameter name; `x_` marks a per-item parameter. */
  param: string;
  maxLength?: number;
  options?: readonly Option[];
  /** Never echoed, logged or kept in the browser after a submit. */
  secret?: boolean;
}

type Spec = Omit<FieldSpec, "key">;

const text = (label: string, group: FieldGroup, param: string, maxLength: number, help?: string): Spec =>
  help === undefined ? { label, input: "text", group, param, maxLength } : { label, input: "text", group, param, maxLength, help };
const yesNo = (label: string, group: FieldGroup, param: string, help?: string): Spec =>
  help === undefined ? { label, input: "checkbox", group, param } : { label, input: "checkbox", group, param, help };

const COUNTRY_OPTIONS = countryOptions();

export const SIGNATURE_HASHES = ["NO_PREFERENCE", "INFER_FROM_CSR", "PREFER_SHA2", "PREFER_SHA1", "REQUIRE_SHA2"] as const;
export const DCV_METHODS = ["EMAIL", "HTTPCSRHASH", "HTTPSCSRHASH", "CNAMECSRHASH"] as const;
export const HTTP_DCV_METHODS: readonly string[] = ["HTTPCSRHASH", "HTTPSCSRHASH"];

/** x_webserverSoftwareID (v1.35); -1 is Sectigo's recommended default. */
export const WEBSERVER_SOFTWARE: readonly Option[] = [
  { value: "-1", label: "Other" },
  { value: "2", label: "Apache" },
  { value: "10", label: "Java-based servers" },
  { value: "14", label: "Microsoft IIS 5.x to 6.x" },
  { value: "35", label: "Microsoft IIS 7.x and later" },
  { value: "36", label: "nginx" },
  { value: "18", label: "Oracle" },
  { value: "30", label: "Plesk" },
  { value: "31", label: "WHM/cPanel" },
];

export const FIELD_SPECS: Readonly<Record<FieldKey, FieldSpec>> = Object.fromEntries(
  Object.entries({
    emailAddress: { label: "Email address", input: "email", group: "customer", param: "emailAddress", maxLength: 255 },
    title: text("Title", "customer", "title", 64, "Mr, Mrs, Dr, …"),
    forename: text("First name", "customer", "forename", 64),
    surname: text("Last name", "customer", "surname", 64),
    telephoneNumber: { label: "Telephone", input: "tel", group: "customer", param: "telephoneNumber", maxLength: 32 },
    // DECISION D25: the end customer's Sectigo account, not the reseller's API login.
    loginName: text("Account login name", "customer-account", "loginName", 64, "The customer's Sectigo account (case sensitive); created for a new customer."),
    loginPassword: { label: "Account password", input: "password", group: "customer-account", param: "loginPassword", maxLength: 128, secret: true },
    organizationName: text("Company name", "organisation", "organizationName", 64),
    organizationalUnitName: text("Department", "organisation", "organizationalUnitName", 64),
    companyNumber: text("Company registration number", "organisation", "companyNumber", 64),
    dunsNumber: text("DUNS number", "organisation", "dunsNumber", 20),
    postOfficeBox: text("PO box", "organisation-address", "postOfficeBox", 40),
    streetAddress1: text("Street address", "organisation-address", "streetAddress1", 128),
    streetAddress2: text("Street address (line 2)", "organisation-address", "streetAddress2", 128),
    streetAddress3: text("Street address (line 3)", "organisation-address", "streetAddress3", 128),
    localityName: text("City", "organisation-address", "localityName", 128, "City, or state/province: at least one of the two."),
    stateOrProvinceName: text("State or province", "organisation-address", "stateOrProvinceName", 128),
    postalCode: text("Postal code", "organisation-address", "postalCode", 40),
    countryName: { label: "Country", input: "select", group: "organisation-address", param: "countryName", maxLength: 2, options: COUNTRY_OPTIONS },
    joiLocalityName: text("Incorporation city", "ev", "joiLocalityName", 128),
    joiStateOrProvinceName: text("Incorporation state or province", "ev", "joiStateOrProvinceName", 128),
    joiCountryName: { label: "Incorporation country", input: "select", group: "ev", param: "joiCountryName", maxLength: 2, options: COUNTRY_OPTIONS },
    dateOfIncorporation: { label: "Date of incorporation", input: "date", group: "ev", param: "dateOfIncorporation", maxLength: 10, help: "YYYY-MM-DD" },
    assumedName: text("Trading name (d/b/a)", "ev", "assumedName", 64),
    businessCategory: {
      label: "Business category",
      input: "select",
      group: "ev",
      param: "BusinessCategory",
      options: [
        { value: "b", label: "Private organisation" },
        { value: "c", label: "Government entity" },
        { value: "d", label: "Business entity" },
      ],
    },
    domainName: text("Domain name", "sitelock", "domainName", 64, "The site the license protects, e.g. example.com."),
    previousOrderNumber: text("Previous order number", "sitelock", "previousOrderNumber", 20, "For an existing SiteLock customer: an earlier order of theirs."),
    enableAutoRenew: yesNo("Renew automatically", "sitelock", "enableAutoRenew"),
    appRepEmailAddress: { label: "Customer email address", input: "email", group: "customer", param: "appRepEmailAddress", maxLength: 255 },
    appRepForename: text("First name", "customer", "appRepForename", 64),
    appRepSurname: text("Last name", "customer", "appRepSurname", 64),
    appRepTelephone: { label: "Telephone", input: "tel", group: "customer", param: "appRepTelephone", maxLength: 32 },
    // Seed 002 (SiteLock PlaceOrder) `reseller`: N = "Sectigo will charge the end-customer". Unticked, the
    // order goes through AutoApplyOrder and our account is debited when Sectigo accepts it.
    sectigoChargesCustomer: yesNo(
      "Sectigo charges the customer (reseller=N)",
      "payment",
      "reseller",
      "Sectigo bills the customer and our account is not debited; the license does not renew from our funds. Unticked: debit our account (Sectigo debits it when it accepts the order).",
    ),
    addOns: { label: "Add-ons", input: "checkboxes", group: "sitelock", param: "product", help: "Only the add-ons this plan can take are listed." },
    // The SSL PLUS SiteLock Bundle's own rows ("Ordering products", AutoApplyOrder for SSL).
    sslProductId: {
      label: "SSL certificate",
      input: "select",
      group: "certificate",
      param: "product",
      options: BUNDLE_CERTIFICATES.map((c) => ({ value: String(c.productId), label: c.name })),
    },
    customerValidated: yesNo("Applicant verified by us", "certificate", "isCustomerValidated", "Whether we (the reseller) have verified the applicant."),
    csrPriority: {
      label: "When the CSR and the fields disagree",
      input: "select",
      group: "certificate",
      param: "prioritiseCSRValues",
      options: [
        { value: "csr", label: "Prefer the CSR's values (Sectigo's default)" },
        { value: "fields", label: "Prefer the fields' values" },
        { value: "fieldsOnly", label: "Use only the fields" },
        { value: "csrOnly", label: "Use only the CSR" },
      ],
    },
    // A real CSR is a few kilobytes; 32 KB leaves room for hundreds of SANs and keeps a pasted 600 KB
    // blob (20,000 SANs, found by the issue 17 review) out of the request we store and send.
    csr: { label: "CSR", input: "textarea", group: "certificate", param: "x_csr", maxLength: 32_768, help: "The certificate signing request, PEM (Base-64) format." },
    signatureHash: {
      label: "Signature hash",
      input: "select",
      group: "certificate",
      param: "x_signatureHash",
      options: SIGNATURE_HASHES.map((value) => ({ value, label: value.replaceAll("_", " ").toLowerCase() })),
    },
    webserverSoftwareId: { label: "Web server software", input: "select", group: "certificate", param: "x_webserverSoftwareID", options: WEBSERVER_SOFTWARE },
    dcvMethod: {
      label: "Domain control validation",
      input: "select",
      group: "certificate",
      param: "x_dcvEmailAddress",
      options: [
        { value: "EMAIL", label: "Email" },
        { value: "HTTPCSRHASH", label: "HTTP file (CSR hash)" },
        { value: "HTTPSCSRHASH", label: "HTTPS file (CSR hash)" },
        { value: "CNAMECSRHASH", label: "DNS CNAME (CSR hash)" },
      ],
    },
    // DECISION D23: checked at 255 although the table prints 32 for x_dcvEmailAddress.
    dcvEmailAddress: { label: "Approver email", input: "email", group: "certificate", param: "x_dcvEmailAddress", maxLength: 255, help: "e.g. admin@ your domain; Sectigo offers a list when empty." },
    privateKeyFilename: text("Private key (.PVK) file name", "certificate", "x_privateKeyFilename", 255),
    contactEmailAddress: { label: "Contact email in the certificate", input: "email", group: "certificate", param: "x_contactEmailAddress", maxLength: 255 },
    smartCardBased: yesNo("Deliver on an eToken", "etoken", "x_smartCardBased", "The key and certificate are provisioned on a token, shipped to the customer."),
    shipping: {
      label: "eToken shipping",
      input: "select",
      group: "etoken",
      param: "x_PPP",
      options: SHIPPING_METHODS.map((m) => ({ value: m, label: SHIPPING[m].label })),
    },
    replaceOrder: yesNo("Replaces an earlier order", "personal-authentication", "x_replaceOrder"),
    renewOrder: yesNo("Renews an earlier order", "personal-authentication", "x_renewOrder"),
    orderNumber: text("Order number to replace or renew", "personal-authentication", "x_orderNumber", 20),
    revokeOldOrder: yesNo("Revoke the old certificate", "personal-authentication", "x_revokeOldOrder"),
    isKeyProtected: yesNo("Protect the private key", "personal-authentication", "x_isKeyProtected"),
    isKeyExportable: yesNo("Private key exportable", "personal-authentication", "x_isKeyExportable"),
    cspName: text("Cryptographic service provider", "personal-authentication", "x_cspName", 255, "Default: Microsoft Enhanced Cryptographic Provider v1.0"),
    organizationIdentifier: text("Organisation identifier", "eidas", "organizationIdentifier", 100, "e.g. VATBE-0876866; for PSD2: PSDFI-FINFSA-1234567-8."),
    semanticsIdentifier: text("Person identifier", "eidas", "semanticsIdentifier", 100, "e.g. PNOBE-12345678 (PAS, IDC, PNO or TIN + country + \"-\" + number)."),
    applicationName: text("System or department name", "eidas", "applicationName", 64),
    ncaIdentifier: {
      label: "National competent authority",
      input: "select",
      group: "psd2",
      param: "ncaIdentifier",
      maxLength: 100,
      options: NCAS.map((n) => ({ value: n.id, label: `${n.name} (${n.id})` })),
    },
    ncaName: text("Authority name", "psd2", "ncaName", 100, "Filled in by Sectigo from the authority when empty."),
    accountServicingRole: yesNo("Account servicing (PSP_AS)", "psd2", "accountServicingRole"),
    paymentInitiationRole: yesNo("Payment initiation (PSP_PI)", "psd2", "paymentInitiationRole"),
    accountInformationRole: yesNo("Account information (PSP_AI)", "psd2", "accountInformationRole"),
    paymentServiceRole: yesNo("Issuing of card-based payment instruments (PSP_IC)", "psd2", "paymentServiceRole"),
  } satisfies Record<FieldKey, Spec>).map(([key, spec]) => [key, { key, ...spec }]),
) as Record<FieldKey, FieldSpec>;
