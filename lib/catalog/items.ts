/**
 * The items one catalog product puts into an order: the product itself, then its companions (eToken and
 * shipping for token-based certificates, the invisible free CVC of a HackerGuardian PCI license). The order
 * pipeline turns these into the client's PlaceOrder items (`x_PPP`, `x_IP Addresses`, `y_visibility=0`).
 */
import { termByValue } from "./catalog";
import { ETOKEN_PPP, SHIPPING, type ShippingMethod } from "./products/etoken";
import type { OrderFormValues } from "./schema";
import type { Product } from "./types";

export interface CatalogItem {
  /** PlaceOrder `x_PPP`. */
  ppp: number;
  /** Per-item parameters fixed by the code (`IP Addresses`: "5"). */
  params?: Readonly<Record<string, string>>;
  /** -1 visible (Sectigo's default), 0 invisible. */
  visibility?: -1 | 0;
  /** Why it is there, for the order summary. */
  role: "product" | "etoken" | "shipping" | "companion";
}

/** Needs an eToken: always (EV Code Signing, Document Signing Organization, QSCD) or when ticked. */
export function needsEToken(product: Product, values: Pick<OrderFormValues, "smartCardBased">): boolean {
  const rules = product.rules ?? [];
  return rules.includes("etoken-always") || (rules.includes("etoken-if-smartcard") && values.smartCardBased === true);
}

/** PlaceOrder items for parsed form values; undefined for an AutoApplyOrder product (ordered by product ID). */
export function placeOrderItemsFor(product: Product, values: OrderFormValues): CatalogItem[] | undefined {
  if (product.api !== "PlaceOrder") return undefined;
  const term = termByValue(product, values.term);
  if (!term || term.ppp === undefined) throw new Error(`${product.key}: unknown term ${values.term}`);
  const items: CatalogItem[] = [{ ppp: term.ppp, role: "product", ...(term.itemParams ? { params: term.itemParams } : {}) }];
  for (const c of term.companions ?? []) items.push({ ppp: c.ppp, visibility: c.visibility, role: "companion" });
  if (needsEToken(product, values)) {
    const method = values.shipping as ShippingMethod | undefined;
    if (!method || !(method in SHIPPING)) throw new Error(`${product.key}: eToken shipping missing`);
    items.push({ ppp: ETOKEN_PPP, role: "etoken" }, { ppp: SHIPPING[method].ppp, role: "shipping" });
  }
  return items;
}
