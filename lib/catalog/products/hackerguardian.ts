/** HackerGuardian (PCI scanning, IP packs, SAQ), HackerProof and Payment Credential CVC ("The !PlaceOrder API for Resellers" §7). */
import { CONTACT, CUSTOMER_LOGIN, FULL_COMPANY_ADDRESS } from "../fields-sets";
import { daysTerm, years } from "../terms";
import type { Product, Term } from "../types";

/** "loginName and loginPassword. streetAddress1, localityName, foreName and surName are also required" (v1.24). */
const HG_FIELDS = {
  ...CONTACT,
  ...CUSTOMER_LOGIN,
  ...FULL_COMPANY_ADDRESS,
  localityName: "required",
  forename: "required",
  surname: "required",
} as const;

const LOGIN_AND_COMPANY = { ...CONTACT, ...CUSTOMER_LOGIN, ...FULL_COMPANY_ADDRESS } as const;

/** Paying PCI customers get a free, invisible Payment Credential CVC item (`y_PPP`, `y_visibility=0`). */
function withCvc(terms: Term[], cvcCodes: number[]): Term[] {
  return terms.map((term, i) => ({ ...term, companions: [{ ppp: cvcCodes[i] as number, visibility: 0 as const }] }));
}

const IP_PACK_SIZES: ReadonlyArray<[number, number]> = [
  [3482, 1],
  [3483, 5],
  [3484, 10],
  [3485, 50],
  [3486, 100],
  [3487, 500],
  [3488, 1000],
];

const FREE_FOR_PCI = "Free for HackerGuardian PCI customers only.";

export const HACKERGUARDIAN_PRODUCTS: readonly Product[] = [
  {
    key: "hackerguardian-trial",
    name: "Sectigo HackerGuardian Trial PCI Scanning Service",
    family: "hackerguardian",
    api: "PlaceOrder",
    terms: [{ ...daysTerm(45, 3460), label: "45-day full license" }],
    fields: HG_FIELDS,
    rules: ["address-locality-or-state"],
    orderable: true,
  },
  {
    key: "hackerguardian-pci",
    name: "Sectigo HackerGuardian PCI Scan Control Center",
    family: "hackerguardian",
    api: "PlaceOrder",
    // DECISION D17: the free CVC codes skip x1 (3450, 3452, 3453) in both PCI products: kept as printed.
    terms: withCvc(years(3461, 3462, 3463), [3450, 3452, 3453]),
    fields: HG_FIELDS,
    rules: ["address-locality-or-state"],
    orderable: true,
  },
  {
    key: "hackerguardian-pci-enterprise",
    name: "Sectigo HackerGuardian PCI Scan Control Center Enterprise",
    family: "hackerguardian",
    api: "PlaceOrder",
    terms: withCvc(years(3473, 3474, 3475), [3430, 3432, 3433]),
    fields: HG_FIELDS,
    rules: ["address-locality-or-state"],
    orderable: true,
  },
  {
    key: "hackerguardian-ip-pack",
    name: "HackerGuardian Additional IP Addresses Pack",
    family: "hackerguardian",
    api: "PlaceOrder",
    // DECISION D18: no duration since v1.24 (it follows the scanning license): each pack size is an option.
    terms: IP_PACK_SIZES.map(([ppp, count]) => ({
      label: count === 1 ? "1 IP address" : `${count} IP addresses`,
      days: null,
      ppp,
      itemParams: { "IP Addresses": String(count) },
    })),
    fields: HG_FIELDS,
    rules: ["address-locality-or-state"],
    orderable: true,
    note: "Only for an existing, paid HackerGuardian account (-58, -59).",
  },
  {
    key: "hackerguardian-saq",
    name: "Comodo HackerGuardian SAQ License",
    family: "hackerguardian",
    api: "PlaceOrder",
    terms: years(5100),
    fields: HG_FIELDS,
    rules: ["address-locality-or-state"],
    orderable: true,
  },
  {
    key: "hackerproof",
    name: "Comodo HackerProof Trust Mark including Daily Vulnerability Scanning",
    family: "hackerproof",
    api: "PlaceOrder",
    // DECISION D19: 3 years is 510 (not 505) as printed.
    terms: years(503, 504, 510),
    fields: LOGIN_AND_COMPANY,
    rules: ["address-locality-or-state"],
    orderable: true,
  },
  {
    key: "payment-credential-cvc",
    name: "Payment Credential CVC",
    family: "payment-credential-cvc",
    api: "PlaceOrder",
    terms: [
      { ...daysTerm(30, 4300), label: "30-day trial" },
      { label: "1 year, 1 logo", days: 365, ppp: 4000 },
      { label: "2 years, 1 logo", days: 730, ppp: 4010 },
      { label: "3 years, 1 logo", days: 1095, ppp: 4020 },
      { label: "1 year, 3 logos", days: 365, ppp: 4100 },
      { label: "1 year, 3 logos (HackerGuardian PCI)", days: 365, ppp: 4107, restriction: FREE_FOR_PCI },
      { label: "2 years, 3 logos", days: 730, ppp: 4110 },
      { label: "2 years, 3 logos (HackerGuardian PCI)", days: 730, ppp: 4117, restriction: FREE_FOR_PCI },
      { label: "3 years, 3 logos", days: 1095, ppp: 4120 },
      { label: "3 years, 3 logos (HackerGuardian PCI)", days: 1095, ppp: 4127, restriction: FREE_FOR_PCI },
      { label: "1 year, wildcard logos", days: 365, ppp: 4200 },
      { label: "2 years, wildcard logos", days: 730, ppp: 4210 },
      { label: "3 years, wildcard logos", days: 1095, ppp: 4220 },
    ],
    fields: LOGIN_AND_COMPANY,
    rules: ["address-locality-or-state"],
    orderable: true,
  },
];

/** The free CVC items that ride with PCI licenses: codes that exist only as companions. */
export const PCI_CVC_COMPANION_CODES: readonly number[] = [3450, 3452, 3453, 3430, 3432, 3433];
