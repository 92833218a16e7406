/**
 * SiteLock plans and add-ons, ordered through AutoApplyOrder (product ID + `days`); the PlaceOrder
 * codes of the PlaceOrder documents ride along on the matching term for ordering URLs.
 * Sources: Sectigo's "SRA integration API overview" (products and add-ons), "Ordering products", and the
 * PlaceOrder documents "SiteLock license" and "The !PlaceOrder API for Resellers". Decisions: lib/catalog/README.md.
 */
import { daysTerm } from "../terms";
import type { AddOnFamily, Product, Term } from "../types";

const SITELOCK_FIELDS = {
  domainName: "required",
  appRepEmailAddress: "required",
  appRepForename: "optional",
  appRepSurname: "optional",
  appRepTelephone: "optional",
  organizationName: "optional",
  streetAddress1: "optional",
  stateOrProvinceName: "optional",
  postalCode: "optional",
  countryName: "optional",
  enableAutoRenew: "optional",
  previousOrderNumber: "optional",
} as const;

/**
 * "Ordering SSL PLUS SiteLock Bundle with SSL" ("Ordering products"): exactly the rows of its request table, minus
 * what Order Desk sets itself (login, `days` from the term, `disableSiteLock`: this choice is the bundle).
 * The e-mail is "required" in the table and the prose says the bundle is not ordered without it.
 */
const BUNDLE_FIELDS = {
  sslProductId: "required",
  domainName: "required",
  appRepEmailAddress: "required",
  csr: "optional",
  webserverSoftwareId: "optional",
  organizationName: "optional",
  localityName: "optional",
  stateOrProvinceName: "optional",
  countryName: "optional",
  customerValidated: "optional",
  csrPriority: "optional",
  enableAutoRenew: "optional",
} as const;

/** The bundle's name on the license it creates (the order's choice is named after the certificate + bundle). */
export const BUNDLE_LICENSE_NAME = "SSL PLUS SiteLock Bundle";

export interface BundleCertificate {
  /** AutoApplyOrder SSL product ID (`product`). */
  productId: number;
  name: string;
  wildcard: boolean;
  days: readonly number[];
}

/**
 * SSL products that carry the bundle. DECISION D29: the SRA list of qualifying IDs was not retrieved;
 * 287 (PositiveSSL) is "Ordering products"' example, 289 (PositiveSSL Wildcard) and the terms are the sandbox's
 * (tools/sandbox/core/catalog.ts), which tests/unit/catalog-integrity.test.ts keeps in step.
 */
export const BUNDLE_CERTIFICATES: readonly BundleCertificate[] = [
  { productId: 287, name: "PositiveSSL", wildcard: false, days: [90, 365, 730] },
  { productId: 289, name: "PositiveSSL Wildcard", wildcard: true, days: [365, 730] },
];

/** An add-on is ordered for an existing license: its domain and the customer's email. */
const ADDON_FIELDS = { domainName: "required", appRepEmailAddress: "required", enableAutoRenew: "optional" } as const;

// DECISION D14: add-ons take 30 or 365 days (AutoApplyOrder); the PPP sits on the term PlaceOrder lists.
const ADDON_NOTE = "Only in addition to, and during the validity of, a SiteLock license.";

/**
 * A plan: AutoApplyOrder (our account debited), or through PlaceOrder with reseller=N when staff tick
 * "Sectigo charges the customer" ("SiteLock license": every plan term has its `x_PPP`, so every plan offers it).
 */
function plan(productId: number, key: string, name: string, tier: number, terms: Term[], addOns: number[]): Product {
  const placeOrder = terms.every((t) => t.ppp !== undefined);
  return {
    key,
    name,
    family: "sitelock",
    api: "AutoApplyOrder",
    productId,
    terms,
    fields: {
      ...SITELOCK_FIELDS,
      ...(addOns.length > 0 ? { addOns: "optional" } : {}),
      ...(placeOrder ? { sectigoChargesCustomer: "optional" } : {}),
    },
    rules: [...(addOns.length > 0 ? (["sitelock-addons"] as const) : []), ...(placeOrder ? (["sitelock-place-order"] as const) : [])],
    orderable: true,
    sitelock: { kind: "base", tier, addOns },
  };
}

function addOn(productId: number, key: string, name: string, placeOrderName: string, family: AddOnFamily, capacity: number, terms: Term[]): Product {
  return {
    key,
    name,
    placeOrderName,
    family: "sitelock-addons",
    api: "AutoApplyOrder",
    productId,
    terms,
    fields: ADDON_FIELDS,
    orderable: true,
    sitelock: { kind: "addon", addOnFamily: family, capacity },
    note: ADDON_NOTE,
  };
}

export const SITELOCK_PRODUCTS: readonly Product[] = [
  plan(1059, "sitelock-monitor", "SiteLock Monitor", 0, [daysTerm(365, 10047)], []),
  plan(1060, "sitelock-basic", "SiteLock Basic", 1, [daysTerm(30, 10048), daysTerm(365, 10049)], [1068, 1069, 1070, 1071, 1078, 1076]),
  // DECISION D2: "x_PPP= 10050" (with a space) is 10050.
  plan(1061, "sitelock-pro", "SiteLock Pro", 2, [daysTerm(30, 10050), daysTerm(365, 10051)], [1069, 1070, 1071, 1076]),
  // DECISION D11: the Business row of the add-on table was not retrieved (our copy of Sectigo's "SRA integration API overview" stops inside it).
  plan(1062, "sitelock-business", "SiteLock Business", 3, [daysTerm(30, 10052), daysTerm(365, 10053)], [1070, 1071]),
  {
    key: "sitelock-911",
    name: "SiteLock 911",
    family: "sitelock",
    api: "AutoApplyOrder",
    productId: 1082,
    // DECISION D12: a one-off service ordered without `days` ("Ordering products"; the AutoApplyOrder reference asks for it).
    terms: [{ label: "One-off", days: null }],
    fields: SITELOCK_FIELDS,
    orderable: true,
    sitelock: { kind: "service", addOns: [] },
  },
  {
    key: "sitelock-ssl-bundle",
    name: "SSL with the SSL PLUS SiteLock Bundle",
    family: "sitelock",
    api: "AutoApplyOrder",
    productId: 1072,
    // DECISION D28: the bundle's term is the certificate's ("a purchased 90-day, one-year, or multi-year
    // certificate", "Ordering products"); BUNDLE_CERTIFICATES says which certificate sells which term.
    terms: [daysTerm(90), daysTerm(365), daysTerm(730)],
    fields: BUNDLE_FIELDS,
    rules: ["ssl-bundle"],
    csr: { minRsaBits: 2048 },
    orderable: true,
    sitelock: { kind: "bundle", tier: 0, addOns: [] },
    note: "An SSL certificate that brings a free SiteLock license for its domain (no add-ons).",
  },
  // DECISION D1: 25 GB is 10066 ("The !PlaceOrder API for Resellers"), not the 10065 that "SiteLock license" repeats from 10 GB.
  addOn(1068, "sitelock-backup-5gb", "5 GB Backup Addon", "5 GB Website Backup - Addon", "backup", 5, [daysTerm(30, 10064), daysTerm(365)]),
  addOn(1069, "sitelock-backup-10gb", "10 GB Backup Addon", "10 GB Website Backup - Addon", "backup", 10, [daysTerm(30, 10065), daysTerm(365)]),
  addOn(1070, "sitelock-backup-25gb", "25 GB Backup Addon", "25 GB Website Backup - Addon", "backup", 25, [daysTerm(30, 10066), daysTerm(365)]),
  addOn(1071, "sitelock-trueshield", "TrueShield Addon", "SiteLock TrueShield: Addon", "trueshield", 1, [daysTerm(30), daysTerm(365, 10067)]),
  // DECISION D13: 10085 = DNS Pro (1078), 10082 = DNS Business (1076), as printed; IDs are not in tier order.
  addOn(1078, "sitelock-dns-pro", "SiteLock DNS - Pro Addon", "SiteLock DNS - Pro Addon", "dns", 1, [daysTerm(30, 10085), daysTerm(365)]),
  addOn(1076, "sitelock-dns-business", "SiteLock DNS - Business Addon", "SiteLock DNS - Business Addon", "dns", 2, [daysTerm(30, 10082), daysTerm(365)]),
];
