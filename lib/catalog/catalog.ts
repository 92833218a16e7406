/** The whole catalog and its lookups. Decisions on the source's scanning errors: ./README.md. */
import { EIDAS_PRODUCTS } from "./products/eidas";
import { ETOKEN_PRODUCTS } from "./products/etoken";
import { HACKERGUARDIAN_PRODUCTS } from "./products/hackerguardian";
import { SIGNING_PRODUCTS } from "./products/signing";
import { SITELOCK_PRODUCTS } from "./products/sitelock";
import { SSL_PRODUCTS } from "./products/ssl";
import { WEB_PRODUCTS } from "./products/web";
import type { Family, Product, Term } from "./types";

/** In the order the product picker shows them. */
export const FAMILIES: readonly Family[] = [
  { key: "sitelock", name: "SiteLock" },
  { key: "sitelock-addons", name: "SiteLock add-ons" },
  { key: "sectigossl", name: "SectigoSSL" },
  { key: "enterprisessl", name: "EnterpriseSSL" },
  { key: "positivessl", name: "PositiveSSL" },
  { key: "code-signing", name: "Code Signing" },
  { key: "document-signing", name: "Document Signing" },
  { key: "pdf-signing", name: "PDF-Signing" },
  { key: "personal-authentication", name: "Personal Authentication" },
  { key: "hackerguardian", name: "HackerGuardian" },
  { key: "hackerproof", name: "HackerProof" },
  { key: "payment-credential-cvc", name: "Payment Credential CVC" },
  { key: "sectigo-web", name: "Sectigo Web" },
  { key: "web-dns", name: "Web DNS" },
  { key: "eidas", name: "eIDAS qualified certificates" },
  { key: "qwac", name: "QWAC" },
  { key: "etoken", name: "eToken and shipping" },
];

export const PRODUCTS: readonly Product[] = [
  ...SITELOCK_PRODUCTS,
  ...SSL_PRODUCTS,
  ...SIGNING_PRODUCTS,
  ...HACKERGUARDIAN_PRODUCTS,
  ...WEB_PRODUCTS,
  ...EIDAS_PRODUCTS,
  ...ETOKEN_PRODUCTS,
];

/**
 * The longest term any product sells (5 years: SectigoSSL, Code Signing, eIDAS... "The !PlaceOrder API for Resellers" v1.24): the
 * bound of every `days` the ordering pipeline accepts, so no term the picker offers is refused later.
 */
export const LONGEST_TERM_DAYS = Math.max(...PRODUCTS.flatMap((p) => p.terms.map((t) => t.days ?? 0)));

const BY_KEY = new Map(PRODUCTS.map((p) => [p.key, p]));
const BY_PRODUCT_ID = new Map(PRODUCTS.filter((p) => p.productId !== undefined).map((p) => [p.productId as number, p]));
const BY_PPP = new Map(PRODUCTS.flatMap((p) => p.terms.filter((t) => t.ppp !== undefined).map((t) => [t.ppp as number, { product: p, term: t }] as const)));

export function productByKey(key: string): Product | undefined {
  return BY_KEY.get(key);
}

/** AutoApplyOrder product ID (SiteLock 1059-1062, 1072, 1082, add-ons). */
export function productById(id: number): Product | undefined {
  return BY_PRODUCT_ID.get(id);
}

/** A PlaceOrder `x_PPP` code and the term it stands for. */
export function productByPpp(ppp: number): { product: Product; term: Term } | undefined {
  return BY_PPP.get(ppp);
}

export function familyOf(product: Product): Family {
  return FAMILIES.find((f) => f.key === product.family) as Family;
}

/** What the picker offers, grouped by family in FAMILIES order (eToken and the SSL bundle are not orderable). */
export function orderableByFamily(): { family: Family; products: Product[] }[] {
  return FAMILIES.map((family) => ({ family, products: PRODUCTS.filter((p) => p.family === family.key && p.orderable) })).filter(
    (g) => g.products.length > 0,
  );
}

/** The picker's search box: every word of the query, in any order, in the name, family or PlaceOrder name. */
export function searchProducts(query: string): Product[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return PRODUCTS.filter((p) => {
    const text = `${p.name} ${familyOf(p).name} ${p.placeOrderName ?? ""}`.toLowerCase();
    return p.orderable && words.every((w) => text.includes(w));
  });
}

/** The value that identifies a term in a form: its PPP for PlaceOrder, its days for AutoApplyOrder ("0" = no days). */
export function termValue(product: Product, term: Term): string {
  return product.api === "PlaceOrder" ? String(term.ppp) : String(term.days ?? 0);
}

export function termByValue(product: Product, value: string): Term | undefined {
  return product.terms.find((t) => termValue(product, t) === value);
}

/** Add-on products a plan may take (none for Monitor, 911, the bundle, and non-SiteLock products). */
export function addOnsFor(product: Product): Product[] {
  return (product.sitelock?.addOns ?? []).map((id) => productById(id)).filter((p): p is Product => p !== undefined);
}

/**
 * Product codes of the add-ons a license of `productCode` may hold (none for unknown codes). Here, not
 * in lib/licenses/rules, because settling a plan change (lib/orders/settle-order.ts) needs it too and
 * lib/orders sits below lib/licenses.
 */
export function allowedAddOnCodes(productCode: number): number[] {
  const product = productById(productCode);
  return product ? addOnsFor(product).map((a) => a.productId as number) : [];
}
