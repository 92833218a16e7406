/**
 * The order form's price panel, as data: every item of the order (the cart's products, the product on
 * screen and its add-ons) with what we pay Sectigo and what the customer pays, the total of what is known,
 * and the sentences under the table. Pure, so the figures are tested without a browser
 * (tests/unit/order-price-summary.test.ts); components/orders/order-price-panel.tsx only renders them.
 *
 * "Sectigo charges the customer" (reseller=N: SiteLock's choice, or any PlaceOrder product with "we collect the
 * customer's payment" unticked; sectigoBillsCustomer in lib/catalog/sitelock-place-order.ts) changes both columns: we pay Sectigo nothing, and Sectigo bills the customer at its own price, which we
 * neither set nor know. Those lines are not "unpriced" (no warning; the server asks no question either).
 */
import { chargesCustomer, productByKey, sectigoBillsCustomer, termOptionsFor, type Product } from "@/lib/catalog";
import { summarisePrices } from "./price-summary";

export interface PriceInfo {
  buyPrice: number | null;
  sellPrice: number | null;
  currency: string | null;
}

export interface PricedLine {
  key: string;
  name: string;
  price: PriceInfo | undefined;
  /** Sectigo bills the customer for this line at its own price (reseller=N). */
  sectigoBills?: boolean;
}

export interface CurrentProduct {
  product: Product;
  term: string;
  addOns: Product[];
  /** The form's "Sectigo charges the customer (reseller=N)" checkbox. */
  sectigoChargesCustomer?: unknown;
  /** The form's "we collect the customer's payment (reseller=Y)" checkbox; false: Sectigo bills the customer. */
  resellerPays?: boolean;
}

/** The order's lines: the cart's products first (as the order sends them), then the one on screen and its add-ons. */
export function orderLines(cart: ReadonlyArray<{ productKey: string; values: Record<string, unknown> }>, current: CurrentProduct, prices: Record<string, PriceInfo>): PricedLine[] {
  const line = (p: Product | undefined, productKey: string, term: string, i: string, sectigoBills: boolean): PricedLine => {
    const label = p ? termOptionsFor(p).find((t) => t.value === term)?.label : undefined;
    return { key: `${i}-${productKey}`, name: `${p?.name ?? productKey}${label ? `, ${label}` : ""}`, price: prices[`${productKey}|${term}`], ...(sectigoBills ? { sectigoBills } : {}) };
  };
  const billed = (p: Product | undefined, values: Record<string, unknown>) => (p ? sectigoBillsCustomer(p, { sectigoChargesCustomer: values.sectigoChargesCustomer === true }, current.resellerPays) : false);
  const currentBilled = billed(current.product, { sectigoChargesCustomer: current.sectigoChargesCustomer });
  return [
    ...cart.map((c, i) => {
      const p = productByKey(c.productKey);
      return line(p, c.productKey, String(c.values.term ?? ""), `cart${i}`, billed(p, c.values));
    }),
    line(current.product, current.product.key, current.term, "current", currentBilled),
    ...current.addOns.map((a) => line(a, a.key, current.term, "addon", currentBilled)),
  ];
}

export interface PriceRow {
  key: string;
  name: string;
  weSectigo: string;
  customerPays: string;
}

export interface PriceFigures {
  rows: PriceRow[];
  total: PriceRow & { margin: string | null };
  /** The amber warning naming the items without a sell price, or null. */
  unpricedNote: string | null;
}

const SECTIGO_BILLS = "Billed by Sectigo, at its own price";

export const money = (v: number | null | undefined, c: string | null | undefined) => (v === null || v === undefined ? "not set" : new Intl.NumberFormat("en-US", { style: "currency", currency: c ?? "USD" }).format(v));

export function priceFigures(lines: readonly PricedLine[]): PriceFigures {
  const summary = summarisePrices(lines.map((l) => ({ name: l.name, buyPrice: l.price?.buyPrice ?? null, sellPrice: l.price?.sellPrice ?? null, sectigoBills: l.sectigoBills })));
  const currency = lines.find((l) => l.price?.currency)?.price?.currency ?? "USD";
  const complete = summary.unpriced.length === 0;
  const onlySectigoBills = lines.length > 0 && summary.sectigoBills.length === lines.length;
  const rows = lines.map((l) =>
    l.sectigoBills
      ? { key: l.key, name: l.name, weSectigo: money(0, l.price?.currency ?? currency), customerPays: SECTIGO_BILLS }
      : { key: l.key, name: l.name, weSectigo: money(l.price?.buyPrice, l.price?.currency), customerPays: money(l.price?.sellPrice, l.price?.currency) },
  );
  const showMargin = complete && summary.buyComplete && !onlySectigoBills;
  return {
    rows,
    total: {
      key: "total",
      name: complete ? "Total" : "Total of the priced items",
      weSectigo: money(summary.buy, currency),
      customerPays: onlySectigoBills ? SECTIGO_BILLS : money(summary.sell, currency),
      margin: showMargin ? money(Math.round((summary.sell - summary.buy) * 100) / 100, currency) : null,
    },
    unpricedNote: complete ? null : `No sell price is set for: ${summary.unpriced.join("; ")}. Placing the order asks you to confirm; an admin sets prices under Settings → Prices.`,
  };
}

/** Who pays Sectigo, under the table: SiteLock debits our funds unless Sectigo charges the customer. */
export function siteLockPaymentNote(product: Product, sectigoChargesCustomer: unknown): string {
  return chargesCustomer(product, { sectigoChargesCustomer: sectigoChargesCustomer === true })
    ? "Sectigo charges the customer (reseller=N): it bills them at its own price, and our account is not debited. The license does not renew from our funds."
    : "SiteLock orders are debited from the reseller account's funds when Sectigo accepts them.";
}
