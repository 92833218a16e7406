/**
 * "Charged to the customer" on the order page: the order's total when every item had a sell price;
 * otherwise the sum of the items that had one, and the names of those that did not (never a bare "—"
 * when part of the charge is known). When Sectigo charged the customer (SiteLock through PlaceOrder,
 * reseller=N: lib/orders/order-payer.ts), we set no price at all: Sectigo billed them at its own price.
 */
import { formatMoney } from "@/components/ui/format";
import type { OrderPayer } from "@/lib/orders/order-payer";
import { summarisePrices } from "@/lib/orders/price-summary";

export function ChargedToCustomer({
  sellTotal,
  currency,
  items,
  payer,
}: {
  sellTotal: { toString(): string } | null;
  currency: string | null;
  items: ReadonlyArray<{ productName: string; cost: { toString(): string } | null }>;
  /** Who paid Sectigo (orderPayer of the stored request); null when unknown. */
  payer?: OrderPayer | null;
}) {
  if (payer === "CUSTOMER_VIA_SECTIGO" && sellTotal === null) return <>By Sectigo, at its own price (reseller=N)</>;
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
