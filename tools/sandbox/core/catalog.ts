/**
 * The sandbox's product catalogue, built from its own tables (core/products/), which are transcribed from
 * Sectigo's documents: the SiteLock products (sitelock-table.ts) by product ID, and every other PlaceOrder
 * code (place-order-table.ts) by its x_PPP. The sandbox imports nothing from the app; the app's catalog
 * (lib/catalog) reads the same documents on its own, and tests/sectigo/sandbox/product-table-agreement.test.ts
 * compares the two product by product (the accepted differences are decisions in tools/sandbox/README.md).
 *
 * PRICES ARE THE SANDBOX'S OWN INVENTION: Sectigo publishes no price list.
 */
import { daysOfLabel, PLACE_ORDER_TABLE, type Line, type PlaceOrderProduct } from "./products/place-order-table";
import { SITELOCK_TABLE, type AddOnFamily, type ProductKind, type SiteLockRow } from "./products/sitelock-table";

export type { AddOnFamily, ProductKind } from "./products/sitelock-table";

/** A product sold by product ID (AutoApplyOrder, and PlaceOrder's SiteLock rows). */
export interface Product {
  code: number;
  name: string;
  kind: ProductKind;
  tier?: number;
  /** days -> price. Key 0 = ordered without `days` (SiteLock 911). */
  prices: Record<number, number>;
  family?: AddOnFamily;
  capacity?: number;
  /** Add-ons this base product may take (none for add-ons themselves). */
  addOns?: number[];
  wildcard?: boolean;
}

function fromSiteLockRow(row: SiteLockRow): Product {
  const product: Product = { code: row.code, name: row.name, kind: row.kind, prices: { ...row.prices } };
  if (row.tier !== undefined) product.tier = row.tier;
  if (row.family !== undefined) product.family = row.family;
  if (row.capacity !== undefined) product.capacity = row.capacity;
  if (row.kind !== "addon" && row.kind !== "ssl") product.addOns = [...(row.addOns ?? [])];
  if (row.wildcard) product.wildcard = true;
  return product;
}

export const PRODUCTS: ReadonlyMap<number, Product> = new Map(SITELOCK_TABLE.map((row) => [row.code, fromSiteLockRow(row)] as const));

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

/** PlaceOrder x_PPP codes of the SiteLock rows -> the product ID and term they stand for. */
export const PPP: ReadonlyMap<number, { code: number; days: number }> = new Map(
  SITELOCK_TABLE.flatMap((row) => Object.entries(row.ppp ?? {}).map(([days, ppp]) => [ppp, { code: row.code, days: Number(days) }] as const)),
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

/** One non-SiteLock PlaceOrder code: a row of place-order-table.ts, or a free companion code. */
export interface PlaceOrderRow {
  ppp: number;
  /** The table's product; for a companion code, the product whose row carries it. */
  product: PlaceOrderProduct;
  /** The row's label as printed; undefined for a companion code. */
  label: string | undefined;
  name: string;
  /** 0 when the code has no duration (eToken, shipping, IP packs). */
  days: number;
  price: number;
  /** `x_IP Addresses` this code must carry (IP packs). */
  ipAddresses?: number;
  /** Companion codes (HackerGuardian PCI's free CVC): the PPP codes that carry them. */
  companionOf?: readonly number[];
}

/**
 * INVENTED PRICES, one formula: a yearly price per line (SSL by brand; x4 for wildcard products); a term of
 * N years costs yearly x N x (1 - 0.05 x (N - 1)); a term of D < 365 days costs yearly x D / 365; items without
 * a duration have a fixed price (eToken 45, shipping 15/35/60, an IP pack 5 per IP address). HackerGuardian
 * PCI's companion CVC (`y_PPP`) is free.
 */
const YEARLY_PRICE: Readonly<Partial<Record<Line, number>>> = {
  "code-signing": 200,
  "document-signing": 300,
  "pdf-signing": 250,
  "personal-authentication": 30,
  hackerguardian: 250,
  hackerproof: 300,
  "payment-credential-cvc": 100,
  "web-security": 120,
  "web-dns": 80,
  eidas: 180,
  qwac: 350,
};
const FIXED_PRICE: Readonly<Record<number, number>> = { 495: 45, 496: 15, 497: 35, 498: 60 };
const PER_IP_ADDRESS = 5;

function yearlyPrice(product: PlaceOrderProduct): number {
  if (product.line !== "ssl") return YEARLY_PRICE[product.line] ?? 100;
  if (product.name.startsWith("PositiveSSL")) return 40;
  return product.name.includes("EnterpriseSSL") ? 150 : 60;
}

function round(amount: number): number {
  return Math.round(amount * 100) / 100;
}

export function inventedPrice(product: PlaceOrderProduct, ppp: number, days: number, ipAddresses?: number): number {
  if (FIXED_PRICE[ppp] !== undefined) return FIXED_PRICE[ppp] as number;
  if (ipAddresses !== undefined) return round(PER_IP_ADDRESS * ipAddresses);
  const yearly = yearlyPrice(product) * (product.wildcard ? 4 : 1);
  const d = days === 0 ? 365 : days;
  if (d < 365) return round((yearly * d) / 365);
  const years = Math.round(d / 365);
  return round(yearly * years * (1 - 0.05 * (years - 1)));
}

const COMPANION_NAME = "Payment Credential CVC (free with HackerGuardian PCI)";

export const PLACE_ORDER_ROWS: ReadonlyMap<number, PlaceOrderRow> = (() => {
  const rows = new Map<number, PlaceOrderRow>();
  for (const product of PLACE_ORDER_TABLE) {
    product.rows.forEach(([label, ppp], i) => {
      const days = daysOfLabel(label);
      const ipAddresses = product.ipAddresses?.[i];
      const row: PlaceOrderRow = { ppp, product, label, name: product.name, days, price: inventedPrice(product, ppp, days, ipAddresses) };
      if (ipAddresses !== undefined) row.ipAddresses = ipAddresses;
      rows.set(ppp, row);
      const companion = product.companions?.[i];
      if (companion !== undefined) {
        const carriers = [...(rows.get(companion)?.companionOf ?? []), ppp];
        rows.set(companion, { ppp: companion, product, label: undefined, name: COMPANION_NAME, days, price: 0, companionOf: carriers });
      }
    });
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
