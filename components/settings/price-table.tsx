import type { PlanPriceRow } from "@/lib/settings/list-plan-prices";
import { Th } from "@/components/ui/table";
import { PriceRow } from "@/components/settings/price-row";

/** One family's plans; each row saves on its own. */
export function PriceTable(props: { familyKey: string; title: string; plans: PlanPriceRow[]; continued?: boolean; continues?: boolean }) {
  const { familyKey, title, plans, continued = false, continues = false } = props;
  // The family's key names the heading: a title has spaces, and aria-labelledby reads a list of ids.
  return (
    <section className="mb-6" aria-labelledby={`family-${familyKey}`}>
      <h2 id={`family-${familyKey}`} className="mb-2 text-lg font-semibold text-slate-800">
        {title}
        {continued ? <span className="ml-2 text-sm font-normal text-slate-600"> (continued from the previous page)</span> : null}
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200" aria-label={`${title} prices`}>
          <thead className="bg-slate-50">
            <tr>
              <Th>Product</Th>
              <Th>Term</Th>
              <Th>Buy</Th>
              <Th>Sell</Th>
              <Th>Currency</Th>
              <Th>Margin</Th>
              <Th>Offered</Th>
              <Th>Save</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {plans.map((p) => (
              <PriceRow key={`${p.productKey}|${p.term}`} plan={p} />
            ))}
          </tbody>
        </table>
      </div>
      {continues ? <p className="mt-2 text-sm text-slate-600">{title} continues on the next page.</p> : null}
    </section>
  );
}
