import Link from "next/link";
import type { BucketSummary, Money } from "@/lib/licenses/expiry-workspace/workspace";
import { formatMoney } from "@/components/ui/format";

export function moneyText(value: Money[], unpriced = 0): string {
  const parts = value.map((v) => formatMoney(v.amount, v.currency));
  if (unpriced) parts.push(`${unpriced} without a price`);
  return parts.length ? parts.join(" + ") : formatMoney(0, "USD");
}

/** One card per expiry bucket: count and sell value at risk; a card is a link that filters the list. */
export function WorkspaceBuckets({ buckets, active, hrefFor }: { buckets: BucketSummary[]; active: string; hrefFor: (bucket: string) => string }) {
  return (
    <nav aria-label="Expiry buckets" className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-5">
      {buckets.map((b) => {
        const selected = active === b.key;
        return (
          <Link
            key={b.key}
            href={hrefFor(selected ? "any" : b.key)}
            aria-current={selected ? "true" : undefined}
            data-testid={`bucket-${b.key}`}
            className={`rounded-lg border bg-white p-3 shadow-sm hover:border-brand-600 ${selected ? "border-brand-600 ring-2 ring-brand-600" : "border-slate-200"}`}
          >
            <span className="block text-xs font-semibold uppercase tracking-wide text-slate-600">
              {b.label}
              {selected ? " · filtered" : ""}
            </span>
            <span className="block text-2xl font-semibold text-slate-900" data-testid="bucket-count">
              {b.count.toLocaleString("en-US")}
            </span>
            <span className="block text-sm text-slate-700">{moneyText(b.value, b.unpriced)} at risk</span>
          </Link>
        );
      })}
    </nav>
  );
}
