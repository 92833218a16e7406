/**
 * Product catalogue of the sandbox. IDs, names, tiers and the PlaceOrder PPP codes come from
 * reference/sectigo/sitelock-products.md and seeds 002/003.
 *
 * PRICES ARE THE SANDBOX'S OWN INVENTION (plausible USD-like numbers, applied in every
 * account currency): Sectigo publishes no price list. The demo costs in lib/demo/demo-data.ts
 * (Basic 99.99 / 9.99, Pro 299.99, Monitor 0) are matched on purpose.
 */
export type ProductKind = "base" | "addon" | "bundle" | "service" | "ssl";
export type AddOnFamily = "backup" | "dns" | "trueshield";

export interface Product {
  code: number;
  name: string;
  kind: ProductKind;
  /** Free 0 < Basic 1 < Pro 2 < Business 3 (upgrades.md). */
  tier?: number;
  /** days -> price. Key 0 = ordered without `days` (SiteLock 911). */
  prices: Record<number, number>;
  family?: AddOnFamily;
  /** Backup GB or DNS level; a larger value replaces a smaller one in the same family. */
  capacity?: number;
  /** Add-ons this base product may take (sitelock-products.md §2). */
  addOns?: number[];
  wildcard?: boolean;
}

const P = (p: Product): [number, Product] => [p.code, p];

export const PRODUCTS: ReadonlyMap<number, Product> = new Map([
  P({ code: 1059, name: "SiteLock Monitor", kind: "base", tier: 0, prices: { 365: 0 }, addOns: [] }),
  P({
    code: 1060,
    name: "SiteLock Basic",
    kind: "base",
    tier: 1,
    prices: { 30: 9.99, 365: 99.99 },
    addOns: [1068, 1069, 1070, 1071, 1078, 1076],
  }),
  P({
    code: 1061,
    name: "SiteLock Pro",
    kind: "base",
    tier: 2,
    prices: { 30: 29.99, 365: 299.99 },
    addOns: [1069, 1070, 1071, 1076],
  }),
  // The Business row was not retrieved (sitelock-products.md): by the visible "add-on must exceed what the
  // plan includes" pattern the sandbox allows only 25 GB backup and TrueShield. [INFERENCE]
  P({
    code: 1062,
    name: "SiteLock Business",
    kind: "base",
    tier: 3,
    prices: { 30: 59.99, 365: 599.99 },
    addOns: [1070, 1071],
  }),
  // SiteLock 911 is a one-off service ordered without `days` (contradictions.md #10); it takes no add-ons.
  P({ code: 1082, name: "SiteLock 911", kind: "service", prices: { 0: 249.0 }, addOns: [] }),
  P({ code: 1072, name: "SSL PLUS SiteLock Bundle", kind: "bundle", tier: 0, prices: {}, addOns: [] }),
  P({ code: 1068, name: "5 GB Backup Addon", kind: "addon", family: "backup", capacity: 5, prices: { 30: 4.99, 365: 49.99 } }),
  P({ code: 1069, name: "10 GB Backup Addon", kind: "addon", family: "backup", capacity: 10, prices: { 30: 7.99, 365: 79.99 } }),
  P({ code: 1070, name: "25 GB Backup Addon", kind: "addon", family: "backup", capacity: 25, prices: { 30: 12.99, 365: 129.99 } }),
  P({ code: 1071, name: "TrueShield Addon", kind: "addon", family: "trueshield", capacity: 1, prices: { 30: 9.99, 365: 99.99 } }),
  P({ code: 1078, name: "SiteLock DNS - Pro Addon", kind: "addon", family: "dns", capacity: 1, prices: { 30: 3.99, 365: 39.99 } }),
  P({ code: 1076, name: "SiteLock DNS - Business Addon", kind: "addon", family: "dns", capacity: 2, prices: { 30: 6.99, 365: 69.99 } }),
  // SSL products able to carry the SSL PLUS SiteLock Bundle. The SRA list of qualifying IDs was not
  // retrieved; 287 is the ID used in seed 001's example. The rest is the sandbox's own catalogue.
  P({ code: 287, name: "PositiveSSL", kind: "ssl", prices: { 90: 9.0, 365: 29.0, 730: 55.0 } }),
  P({ code: 289, name: "PositiveSSL Wildcard", kind: "ssl", wildcard: true, prices: { 365: 99.0, 730: 189.0 } }),
]);

export function productOf(code: number): Product | undefined {
  return PRODUCTS.get(code);
}

export function priceOf(code: number, days: number): number | undefined {
  return productOf(code)?.prices[days];
}

export function isSiteLockCode(code: number): boolean {
  const kind = productOf(code)?.kind;
  return kind !== undefined && kind !== "ssl";
}

/**
 * PlaceOrder "product pricing parameters" (seed 002/003 product table).
 * Decision: seed 002 prints 10065 for both the 10 GB and the 25 GB backup add-on; seed 003 gives
 * 10066 for 25 GB, so 10065 = 10 GB and 10066 = 25 GB. 10085 = DNS Pro add-on (1078),
 * 10082 = DNS Business add-on (1076).
 */
export const PPP: ReadonlyMap<number, { code: number; days: number }> = new Map([
  [10047, { code: 1059, days: 365 }],
  [10048, { code: 1060, days: 30 }],
  [10049, { code: 1060, days: 365 }],
  [10050, { code: 1061, days: 30 }],
  [10051, { code: 1061, days: 365 }],
  [10052, { code: 1062, days: 30 }],
  [10053, { code: 1062, days: 365 }],
  [10064, { code: 1068, days: 30 }],
  [10065, { code: 1069, days: 30 }],
  [10066, { code: 1070, days: 30 }],
  [10067, { code: 1071, days: 365 }],
  [10085, { code: 1078, days: 30 }],
  [10082, { code: 1076, days: 30 }],
]);

export type AddOnVerdict = "ok" | "lower-tier" | "none";

/**
 * Can `addOn` go on a licence of `base`? Free products, the bundle and 911 take no add-ons at all
 * ("none" -> -128); a paid tier that does not list the add-on gets "lower-tier" (-121 on AutoApplyOrder).
 */
export function addOnVerdict(base: number, addOn: number): AddOnVerdict {
  const product = productOf(base);
  if (!product || !product.addOns || product.addOns.length === 0) return "none";
  return product.addOns.includes(addOn) ? "ok" : "lower-tier";
}
