import { formatMoney } from "@/components/ui/format";
import { NOTHING_CHARGED, WE_PAY_NOTE, type OrderMoney } from "@/lib/orders/order-money";

/** "We pay" with what the figure is, when it is not yet Sectigo's debit (lib/orders/order-money.ts). */
export function WePay({ money, currency }: { money: OrderMoney; currency: string | null }) {
  if (money.nothingCharged) return <>{NOTHING_CHARGED}</>;
  if (!money.wePay) return <>—</>;
  const note = WE_PAY_NOTE[money.wePay.basis];
  return (
    <>
      {formatMoney(money.wePay.amount, currency)}
      {note ? <span className="block text-xs text-slate-600">{note}</span> : null}
    </>
  );
}
