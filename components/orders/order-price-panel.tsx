/**
 * The order form's price table: renders the figures of lib/orders/order-price-lines.ts (every item of the
 * order, what we pay Sectigo, what the customer pays, the total of what is known). An item without a sell
 * price is named; placing the order then asks for a confirmation (the server asks it:
 * lib/orders/server-confirmations.ts). Items Sectigo bills the customer for (reseller=N) say so instead.
 */
import { priceFigures, type PricedLine } from "@/lib/orders/order-price-lines";

export { orderLines, siteLockPaymentNote, type PriceInfo, type PricedLine } from "@/lib/orders/order-price-lines";

export function PriceTable({ lines }: { lines: PricedLine[] }) {
  const figures = priceFigures(lines);
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
          {figures.rows.map((r) => (
            <tr key={r.key}>
              <td className="py-1">{r.name}</td>
              <td className="py-1">{r.weSectigo}</td>
              <td className="py-1">{r.customerPays}</td>
            </tr>
          ))}
          <tr className="border-t border-slate-200 font-medium">
            <td className="py-1">{figures.total.name}</td>
            <td className="py-1">{figures.total.weSectigo}</td>
            <td className="py-1">
              {figures.total.customerPays}
              {figures.total.margin ? <span className="ml-2 text-xs font-normal text-slate-600">margin {figures.total.margin}</span> : null}
            </td>
          </tr>
        </tbody>
      </table>
      {figures.unpricedNote ? <p className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900">{figures.unpricedNote}</p> : null}
    </>
  );
}
