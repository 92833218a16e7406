/**
 * The order form's price table: every item of the order (the cart's products, the product on screen
 * and its add-ons) with what we pay Sectigo and what the customer pays, and the total of what is
 * known. An item without a sell price is named; placing the order then asks for a confirmation (the
 * server asks it: lib/orders/server-confirmations.ts).
 */
import { productByKey, termOptionsFor, type Product } from "@/lib/catalog";
import { summarisePrices } from "@/lib/orders/price-summary";

export interface PriceInfo {
  buyPrice: number | null;
  sellPrice: number | null;
  currency: string | null;
}

export interface PricedLine {
  key: string;
  name: string;
  price: PriceInfo | undefined;
}

/** The order's lines: the cart's products first (as the order sends them), then the one on screen and its add-ons. */
export function orderLines(cart: ReadonlyArray<{ productKey: string; values: Record<string, unknown> }>, current: { product: Product; term: string; addOns: Product[] }, prices: Record<string, PriceInfo>): PricedLine[] {
  const line = (p: Product | undefined, productKey: string, term: string, i: string): PricedLine => {
    const label = p ? termOptionsFor(p).find((t) => t.value === term)?.label : undefined;
    return { key: `${i}-${productKey}`, name: `${p?.name ?? productKey}${label ? `, ${label}` : ""}`, price: prices[`${productKey}|${term}`] };
  };
  return [
    ...cart.map((c, i) => line(productByKey(c.productKey), c.productKey, String(c.values.term ?? ""), `cart${i}`)),
    line(current.product, current.product.key, current.term, "current"),
    ...current.addOns.map((a) => line(a, a.key, current.term, "addon")),
  ];
}

const money = (v: number | null | undefined, c: string | null | undefined) => (v === null || v === undefined ? "not set" : new Intl.NumberFormat("en-US", { style: "currency", currency: c ?? "USD" }).format(v));

export function PriceTable({ lines }: { lines: PricedLine[] }) {
  const summary = summarisePrices(lines.map((l) => ({ name: l.name, buyPrice: l.price?.buyPrice ?? null, sellPrice: l.price?.sellPrice ?? null })));
  const currency = lines.find((l) => l.price?.currency)?.price?.currency ?? "USD";
  const complete = summary.unpriced.length === 0;
  return (
    <>
      <table className="w-full text-sm" aria-label="Order price">
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th className="py-1 font-medium">Item</th>
            <th className="py-1 font-medium">We pay Sectigo</th>
            <th className="py-1 font-medium">Customer pays</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key}>
              <td className="py-1">{l.name}</td>
              <td className="py-1">{money(l.price?.buyPrice, l.price?.currency)}</td>
              <td className="py-1">{money(l.price?.sellPrice, l.price?.currency)}</td>
            </tr>
          ))}
          <tr className="border-t border-slate-200 font-medium">
            <td className="py-1">{complete ? "Total" : "Total of the priced items"}</td>
            <td className="py-1">{money(summary.buy, currency)}</td>
            <td className="py-1">
              {money(summary.sell, currency)}
              {complete && summary.buyComplete ? <span className="ml-2 text-xs font-normal text-slate-600">margin {money(Math.round((summary.sell - summary.buy) * 100) / 100, currency)}</span> : null}
            </td>
          </tr>
        </tbody>
      </table>
      {complete ? null : (
        <p className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900">
          No sell price is set for: {summary.unpriced.join("; ")}. Placing the order asks you to confirm; an admin sets prices under Settings → Prices.
        </p>
      )}
    </>
  );
}
