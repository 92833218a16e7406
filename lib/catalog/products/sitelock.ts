/**
 * SiteLock plans and add-ons, ordered through AutoApplyOrder (product ID + `days`); the PlaceOrder
 * codes of seed 002/003 ride along on the matching term for ordering URLs.
 * Sources: reference/sectigo/sitelock-products.md, seeds 001-003. Decisions: lib/catalog/README.md.
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

/** An add-on is ordered for an existing licence: its domain and the customer's email. */
const ADDON_FIELDS = { domainName: "required", appRepEmailAddress: "required", enableAutoRenew: "optional" } as const;

// DECISION D14: add-ons take 30 or 365 days (AutoApplyOrder); the PPP sits on the term PlaceOrder lists.
const ADDON_NOTE = "Only in addition to, and during the validity of, a SiteLock licence.";

function plan(productId: number, key: string, name: string, tier: number, terms: Term[], addOns: number[]): Product {
  return {
    key,
    name,
    family: "sitelock",
    api: "AutoApplyOrder",
    productId,
    terms,
    fields: addOns.length > 0 ? { ...SITELOCK_FIELDS, addOns: "optional" } : SITELOCK_FIELDS,
    rules: addOns.length > 0 ? ["sitelock-addons"] : [],
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
  // DECISION D11: the Business row of the add-on table was not retrieved (sitelock-products.md).
  plan(1062, "sitelock-business", "SiteLock Business", 3, [daysTerm(30, 10052), daysTerm(365, 10053)], [1070, 1071]),
  {
    key: "sitelock-911",
    name: "SiteLock 911",
    family: "sitelock",
    api: "AutoApplyOrder",
    productId: 1082,
    // DECISION D12: a one-off service ordered without `days` (contradictions.md #10).
    terms: [{ label: "One-off", days: null }],
    fields: SITELOCK_FIELDS,
    orderable: true,
    sitelock: { kind: "service", addOns: [] },
  },
  {
    key: "sitelock-ssl-bundle",
    name: "SSL PLUS SiteLock Bundle",
    family: "sitelock",
    api: "AutoApplyOrder",
    productId: 1072,
    // Its term is the SSL certificate's: it cannot be ordered on its own (-124).
    terms: [],
    fields: SITELOCK_FIELDS,
    orderable: false,
    sitelock: { kind: "bundle", tier: 0, addOns: [] },
    note: "Comes with a qualifying SSL certificate; not ordered on its own.",
  },
  // DECISION D1: 25 GB is 10066 (seed 003), not the 10065 that seed 002 repeats from 10 GB.
  addOn(1068, "sitelock-backup-5gb", "5 GB Backup Addon", "5 GB Website Backup - Addon", "backup", 5, [daysTerm(30, 10064), daysTerm(365)]),
  addOn(1069, "sitelock-backup-10gb", "10 GB Backup Addon", "10 GB Website Backup - Addon", "backup", 10, [daysTerm(30, 10065), daysTerm(365)]),
  addOn(1070, "sitelock-backup-25gb", "25 GB Backup Addon", "25 GB Website Backup - Addon", "backup", 25, [daysTerm(30, 10066), daysTerm(365)]),
  addOn(1071, "sitelock-trueshield", "TrueShield Addon", "SiteLock TrueShield: Addon", "trueshield", 1, [daysTerm(30), daysTerm(365, 10067)]),
  // DECISION D13: 10085 = DNS Pro (1078), 10082 = DNS Business (1076), as printed; IDs are not in tier order.
  addOn(1078, "sitelock-dns-pro", "SiteLock DNS - Pro Addon", "SiteLock DNS - Pro Addon", "dns", 1, [daysTerm(30, 10085), daysTerm(365)]),
  addOn(1076, "sitelock-dns-business", "SiteLock DNS - Business Addon", "SiteLock DNS - Business Addon", "dns", 2, [daysTerm(30, 10082), daysTerm(365)]),
];
