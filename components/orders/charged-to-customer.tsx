/**
 * "Charged to the customer" on the order page: the order's total when every item had a sell price;
 * otherwise the sum of the items that had one, and the names of those that did not (never a bare "—"
 * when part of the charge is known).
 */
import { formatMoney } from "@/components/ui/format";
import { summarisePrices } from "@/lib/orders/price-summary";

export function ChargedToCustomer({ sellTotal, currency, items }: { sellTotal: { toString(): string } | null; currency: string | null; items: ReadonlyArray<{ productName: string; cost: { toString(): string } | null }> }) {
  if (sellTotal !== null) return <>{formatMoney(sellTotal, currency)}</>;
  const summary = summarisePrices(items.map((i) => ({ name: i.productName, buyPrice: null, sellPrice: i.cost === null ? null : Number(i.cost.toString()) })));
  const anyPriced = summary.unpriced.length < items.length;
  return (
    <>
      {anyPriced ? formatMoney(summary.sell, currency) : "—"}
      {summary.unpriced.length > 0 ? <span className="block text-xs text-slate-600">{anyPriced ? "the priced items only; " : ""}no sell price for: {summary.unpriced.join("; ")}</span> : null}
    </>
  );
}
