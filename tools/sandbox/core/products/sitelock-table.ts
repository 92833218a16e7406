/**
 * The sandbox's SiteLock products, transcribed from Sectigo's documents (not from the app):
 * - "SiteLock products": the product codes of AutoApplyOrder's `product` (sps "AutoApplyOrder / SiteLock"),
 *   the SRA overview's "Products & add-ons" table (tier, term, possible add-ons), and the upgrading page
 *   ("Free < Basic < Pro < Business");
 * - "The !PlaceOrder API for Resellers" §7 and the newer "SiteLock license" PlaceOrder page, "Product-specific
 *   parameters": the x_PPP code of each plan and add-on term.
 *
 * Readings where the documents are incomplete or disagree (each is a sandbox decision):
 * - Business (1062): its add-on row was not retrieved. The overview's pattern is "an add-on must exceed what
 *   the plan includes" (Basic includes 2 GB, takes 5/10/25 GB; Pro includes 5 GB, takes 10/25 GB and only
 *   DNS Business): Business takes the 25 GB backup and TrueShield.
 * - 911 (1082): "omit days" (SRA and partner-portal ordering pages) against "days required, 30 or 365" (sps):
 *   a one-off service ordered without `days` (contradictions table, row 10).
 * - Add-on terms: AutoApplyOrder sells every SiteLock product for 30 or 365 days; PlaceOrder prints one code
 *   per add-on (30 days; TrueShield 1 year): both terms are sold, the code sits on the term printed.
 * - 25 GB backup: the SiteLock PlaceOrder page prints 10065 for both 10 GB and 25 GB; §7 prints 10066 for
 *   25 GB: 10066. "x_PPP= 10050" (with a space) is 10050. DNS Pro is 10085 and DNS Business 10082, as printed.
 * - The bundle (1072) "depends on the SSL product" and "comes with a purchased 90-day, one-year, or multi-year
 *   certificate" (AutoApplyOrder "SSL certificates"): it is sold for the terms of the certificates below.
 * - The certificates that carry the bundle: the SRA list of qualifying IDs was not retrieved; 287 is the ID of
 *   the AutoApplyOrder example, 289 (its wildcard) and both price lists are the sandbox's own.
 *
 * PRICES ARE THE SANDBOX'S OWN INVENTION (plausible USD-like numbers, applied in every account currency):
 * Sectigo publishes no price list. tools/demo-world/scaled-world.ts uses the same numbers for the demo's costs.
 */
export type ProductKind = "base" | "addon" | "bundle" | "service" | "ssl";
export type AddOnFamily = "backup" | "dns" | "trueshield";

export interface SiteLockRow {
  code: number;
  /** As printed in the product list. */
  name: string;
  kind: ProductKind;
  /** Free 0 < Basic 1 < Pro 2 < Business 3 ("Upgrading or downgrading products"). */
  tier?: number;
  /** Sold terms: days -> the sandbox's price. Key 0 = ordered without `days` (911). */
  prices: Readonly<Record<number, number>>;
  /** PlaceOrder x_PPP per term (days), where a PlaceOrder page prints one. */
  ppp?: Readonly<Record<number, number>>;
  /** The name a PlaceOrder page prints for it, when it differs. */
  placeOrderName?: string;
  family?: AddOnFamily;
  /** Backup GB, or DNS level (Pro 1 < Business 2): within a family a larger value replaces a smaller one. */
  capacity?: number;
  /** "Possible add-ons" column. */
  addOns?: readonly number[];
  wildcard?: boolean;
}

export const SITELOCK_TABLE: readonly SiteLockRow[] = [
  { code: 1072, name: "SSL PLUS SiteLock Bundle", kind: "bundle", tier: 0, prices: { 90: 0, 365: 0, 730: 0 }, addOns: [] },
  { code: 1059, name: "SiteLock Monitor", kind: "base", tier: 0, prices: { 365: 0 }, ppp: { 365: 10047 }, addOns: [] },
  { code: 1060, name: "SiteLock Basic", kind: "base", tier: 1, prices: { 30: 9.99, 365: 99.99 }, ppp: { 30: 10048, 365: 10049 }, addOns: [1071, 1068, 1069, 1070, 1078, 1076] },
  { code: 1061, name: "SiteLock Pro", kind: "base", tier: 2, prices: { 30: 29.99, 365: 299.99 }, ppp: { 30: 10050, 365: 10051 }, addOns: [1071, 1069, 1070, 1076] },
  { code: 1062, name: "SiteLock Business", kind: "base", tier: 3, prices: { 30: 59.99, 365: 599.99 }, ppp: { 30: 10052, 365: 10053 }, addOns: [1070, 1071] },
  { code: 1082, name: "SiteLock 911", kind: "service", prices: { 0: 249.0 }, addOns: [] },
  { code: 1068, name: "5 GB Backup Addon", placeOrderName: "5 GB Website Backup - Addon", kind: "addon", family: "backup", capacity: 5, prices: { 30: 4.99, 365: 49.99 }, ppp: { 30: 10064 } },
  { code: 1069, name: "10 GB Backup Addon", placeOrderName: "10 GB Website Backup - Addon", kind: "addon", family: "backup", capacity: 10, prices: { 30: 7.99, 365: 79.99 }, ppp: { 30: 10065 } },
  { code: 1070, name: "25 GB Backup Addon", placeOrderName: "25 GB Website Backup - Addon", kind: "addon", family: "backup", capacity: 25, prices: { 30: 12.99, 365: 129.99 }, ppp: { 30: 10066 } },
  { code: 1071, name: "TrueShield Addon", placeOrderName: "SiteLock TrueShield: Addon", kind: "addon", family: "trueshield", capacity: 1, prices: { 30: 9.99, 365: 99.99 }, ppp: { 365: 10067 } },
  { code: 1078, name: "SiteLock DNS - Pro Addon", kind: "addon", family: "dns", capacity: 1, prices: { 30: 3.99, 365: 39.99 }, ppp: { 30: 10085 } },
  { code: 1076, name: "SiteLock DNS - Business Addon", kind: "addon", family: "dns", capacity: 2, prices: { 30: 6.99, 365: 69.99 }, ppp: { 30: 10082 } },
  // SSL products able to carry the bundle through AutoApplyOrder (see above).
  { code: 287, name: "PositiveSSL", kind: "ssl", prices: { 90: 9.0, 365: 29.0, 730: 55.0 } },
  { code: 289, name: "PositiveSSL Wildcard", kind: "ssl", wildcard: true, prices: { 365: 99.0, 730: 189.0 } },
];
