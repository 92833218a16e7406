/**
 * Product catalogue of the sandbox. Codes, names, kinds, tiers, terms, add-on rules and the PlaceOrder PPP
 * codes come from the app's catalog (lib/catalog, SiteLock products), so the two cannot disagree
 * (tests/sectigo/sandbox/catalog-agreement.test.ts).
 *
 * PRICES ARE THE SANDBOX'S OWN INVENTION (plausible USD-like numbers, applied in every
 * account currency): Sectigo publishes no price list. The demo costs in tools/demo/demo-data.ts
 * (Basic 99.99 / 9.99, Pro 299.99, Monitor 0) are matched on purpose.
 */
import { PRODUCTS as CATALOG } from "../../../lib/catalog/catalog";
import type { FamilyKey, Product as CatalogProduct, Term } from "../../../lib/catalog/types";

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

/** The sandbox's invented prices per SiteLock product ID and term (days; 0 = no `days`). */
const SITELOCK_PRICES: Readonly<Record<number, Record<number, number>>> = {
  1059: { 365: 0 },
  1060: { 30: 9.99, 365: 99.99 },
  1061: { 30: 29.99, 365: 299.99 },
  1062: { 30: 59.99, 365: 599.99 },
  1082: { 0: 249.0 },
  1072: { 90: 0, 365: 0, 730: 0 }, // free: it comes with the certificate (its terms are the certificate's)
  1068: { 30: 4.99, 365: 49.99 },
  1069: { 30: 7.99, 365: 79.99 },
  1070: { 30: 12.99, 365: 129.99 },
  1071: { 30: 9.99, 365: 99.99 },
  1078: { 30: 3.99, 365: 39.99 },
  1076: { 30: 6.99, 365: 69.99 },
};

const SITELOCK = CATALOG.filter((p) => p.api === "AutoApplyOrder" && p.productId !== undefined && p.sitelock !== undefined);

function fromCatalog(p: (typeof SITELOCK)[number]): Product {
  const code = p.productId as number;
  const sl = p.sitelock!;
  const priced = SITELOCK_PRICES[code] ?? {};
  // Only the catalog's terms are sold, whatever the price table says.
  const prices = Object.fromEntries(p.terms.map((t) => t.days ?? 0).filter((d) => priced[d] !== undefined).map((d) => [d, priced[d] as number]));
  const product: Product = { code, name: p.name, kind: sl.kind, prices };
  if (sl.tier !== undefined) product.tier = sl.tier;
  if (sl.addOnFamily !== undefined) product.family = sl.addOnFamily;
  if (sl.capacity !== undefined) product.capacity = sl.capacity;
  if (sl.kind !== "addon") product.addOns = [...(sl.addOns ?? [])];
  return product;
}

const P = (p: Product): [number, Product] => [p.code, p];

export const PRODUCTS: ReadonlyMap<number, Product> = new Map([
  ...SITELOCK.map((p) => P(fromCatalog(p))),
  // SSL products able to carry the SSL PLUS SiteLock Bundle through AutoApplyOrder. The SRA list of qualifying
  // IDs was not retrieved; 287 is the ID used in seed 001's example. The rest is the sandbox's own catalogue.
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
 * PlaceOrder "product pricing parameters" of the SiteLock rows (seed 002/003), from lib/catalog: its README
 * records the decisions (10065 = 10 GB, 10066 = 25 GB; 10085 = DNS Pro 1078, 10082 = DNS Business 1076).
 */
export const PPP: ReadonlyMap<number, { code: number; days: number }> = new Map(
  SITELOCK.flatMap((p) => p.terms.flatMap((t) => (t.ppp === undefined ? [] : [[t.ppp, { code: p.productId as number, days: t.days ?? 0 }] as const]))),
);

export type AddOnVerdict = "ok" | "lower-tier" | "none";

/**
 * Can `addOn` go on a license of `base`? Free products, the bundle and 911 take no add-ons at all
 * ("none" -> -128); a paid tier that does not list the add-on gets "lower-tier" (-121 on AutoApplyOrder).
 */
export function addOnVerdict(base: number, addOn: number): AddOnVerdict {
  const product = productOf(base);
  if (!product || !product.addOns || product.addOns.length === 0) return "none";
  return product.addOns.includes(addOn) ? "ok" : "lower-tier";
}

/**
 * Every other PlaceOrder code of the catalog (SSL, Code Signing, eIDAS, HackerGuardian, ...), sold by its `x_PPP`.
 * The license/certificate record of such an item carries the PPP as its product code (see place-order/README
 * decision in tools/sandbox/README.md). No PPP collides with a SiteLock product ID (catalog-agreement test).
 *
 * INVENTED PRICES, one documented formula: a yearly price per family (x4 for wildcard products); a term of
 * N years costs yearly x N x (1 - 0.05 x (N - 1)); a trial of D days costs yearly x D / 365; items without a
 * duration have a fixed price (eToken 45, shipping 15/35/60, an IP pack 5 per IP address). HackerGuardian
 * PCI's companion CVC (`y_PPP`) is free.
 */
const YEARLY_PRICE: Readonly<Partial<Record<FamilyKey, number>>> = {
  sectigossl: 60,
  enterprisessl: 150,
  positivessl: 40,
  "code-signing": 200,
  "document-signing": 300,
  "pdf-signing": 250,
  "personal-authentication": 30,
  hackerguardian: 250,
  hackerproof: 300,
  "payment-credential-cvc": 100,
  "sectigo-web": 120,
  "web-dns": 80,
  eidas: 180,
  qwac: 350,
};
const FIXED_PRICE: Readonly<Record<number, number>> = { 495: 45, 496: 15, 497: 35, 498: 60 };
const PER_IP_ADDRESS = 5;

export interface PlaceOrderRow {
  ppp: number;
  /** The catalog product; for a companion code, the product whose term carries it. */
  product: CatalogProduct;
  term: Term | undefined;
  name: string;
  /** 0 when the code has no duration (eToken, shipping, IP packs). */
  days: number;
  price: number;
  /** Companion codes (HackerGuardian PCI's free CVC): the PPP codes that carry them. */
  companionOf?: readonly number[];
}

function round(amount: number): number {
  return Math.round(amount * 100) / 100;
}

export function inventedPrice(product: CatalogProduct, term: Term): number {
  if (term.ppp !== undefined && FIXED_PRICE[term.ppp] !== undefined) return FIXED_PRICE[term.ppp] as number;
  const ips = term.itemParams?.["IP Addresses"];
  if (ips !== undefined) return round(PER_IP_ADDRESS * Number(ips));
  const yearly = (YEARLY_PRICE[product.family] ?? 100) * (product.wildcard ? 4 : 1);
  const days = term.days ?? 365;
  if (days < 365) return round((yearly * days) / 365);
  const years = Math.round(days / 365);
  return round(yearly * years * (1 - 0.05 * (years - 1)));
}

const PLACE_ORDER_ONLY = CATALOG.filter((p) => p.api === "PlaceOrder");
const COMPANION_NAME = "Payment Credential CVC (free with HackerGuardian PCI)";

export const PLACE_ORDER_ROWS: ReadonlyMap<number, PlaceOrderRow> = (() => {
  const rows = new Map<number, PlaceOrderRow>();
  for (const product of PLACE_ORDER_ONLY) {
    for (const term of product.terms) {
      if (term.ppp === undefined) continue;
      rows.set(term.ppp, { ppp: term.ppp, product, term, name: product.name, days: term.days ?? 0, price: inventedPrice(product, term) });
      for (const c of term.companions ?? []) {
        const known = rows.get(c.ppp);
        const carriers = [...(known?.companionOf ?? []), term.ppp];
        rows.set(c.ppp, { ppp: c.ppp, product, term: undefined, name: COMPANION_NAME, days: term.days ?? 0, price: 0, companionOf: carriers });
      }
    }
  }
  return rows;
})();

/** A non-SiteLock PlaceOrder code (incl. companions), or undefined. */
export function placeOrderRow(ppp: number): PlaceOrderRow | undefined {
  return PLACE_ORDER_ROWS.get(ppp);
}

/** The name WebHostReport and the admin views show for a license's product code (SiteLock ID or PPP). */
export function productName(code: number): string | undefined {
  return productOf(code)?.name ?? placeOrderRow(code)?.name;
}
