/**
 * "Customer pays", on the order page and in the orders list alike (one wording, so the two never
 * disagree): nothing when the order moved no money (lib/orders/order-money.ts); the order's total when
 * every item had a sell price; otherwise the sum of the items that had one, and the names of those that
 * did not (never a bare "—" when part of the charge is known). When Sectigo charged the customer
 * (PlaceOrder with reseller=N: lib/orders/order-payer.ts), we set no price at all: Sectigo billed them
 * at its own price.
 */
import { formatMoney } from "@/components/ui/format";
import { NOTHING_CHARGED } from "@/lib/orders/order-money";
import type { OrderPayer } from "@/lib/orders/order-payer";
import { summarisePrices } from "@/lib/orders/price-summary";

export function ChargedToCustomer({
  sellTotal,
  currency,
  items,
  payer,
  nothingCharged = false,
  compact = false,
}: {
  sellTotal: { toString(): string } | null;
  currency: string | null;
  items: ReadonlyArray<{ productName: string; cost: { toString(): string } | null }>;
  /** Who paid Sectigo (orderPayer of the stored request); null when unknown. */
  payer?: OrderPayer | null;
  /** The order moved no money (orderMoney(...).nothingCharged). */
  nothingCharged?: boolean;
  /** The orders list: the same facts, in fewer words. */
  compact?: boolean;
}) {
  if (nothingCharged) return <>{NOTHING_CHARGED}</>;
  if (payer === "CUSTOMER_VIA_SECTIGO" && sellTotal === null) return <>{compact ? "by Sectigo (reseller=N)" : "By Sectigo, at its own price (reseller=N)"}</>;
  if (sellTotal !== null) return <>{formatMoney(sellTotal, currency)}</>;
  const summary = summarisePrices(items.map((i) => ({ name: i.productName, buyPrice: null, sellPrice: i.cost === null ? null : Number(i.cost.toString()) })));
  const anyPriced = summary.unpriced.length < items.length;
  if (compact) {
    return anyPriced ? (
      <>
        {formatMoney(summary.sell, currency)}
        <span className="block text-xs text-slate-600" title={`no sell price for: ${summary.unpriced.join("; ")}`}>priced items only</span>
      </>
    ) : (
      <>—</>
    );
  }
  return (
    <>
      {anyPriced ? formatMoney(summary.sell, currency) : "—"}
      {summary.unpriced.length > 0 ? <span className="block text-xs text-slate-600">{anyPriced ? "the priced items only; " : ""}no sell price for: {summary.unpriced.join("; ")}</span> : null}
    </>
  );
}
