import type { lookup } from "@/lib/lookup/lookup";
import { Card } from "@/components/ui/card";
import { OrderSummaryItem } from "@/components/orders/order-summary-item";
import { LicenseSummaryItem } from "@/components/licenses/license-summary-item";

type Result = NonNullable<Awaited<ReturnType<typeof lookup>>>;

const KIND_LABEL = { "order-number": "order number", email: "email", domain: "domain" } as const;

export function LookupResults({ result }: { result: Result }) {
  const now = new Date();
  const nothing = result.orders.length === 0 && result.licenses.length === 0 && result.customers.length === 0;
  return (
    <div className="space-y-6" data-testid="lookup-results">
      <p className="text-sm text-slate-600">
        Searched <strong>{result.q}</strong> as {KIND_LABEL[result.kind]}.
      </p>
      {nothing ? <p className="text-sm text-slate-600">Nothing found.</p> : null}
      {result.customers.length ? (
        <Card title={`Customers (${result.customers.length})`}>
          <ul className="divide-y divide-slate-100 text-sm">
            {result.customers.map((c) => (
              <li key={c.id} className="py-2">
                <span className="font-medium">{c.name}</span> · {c.email}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {result.orders.length ? (
        <Card title={`Orders (${result.orders.length})`}>
          <ul className="divide-y divide-slate-100 text-sm">
            {result.orders.map((o) => (
              <OrderSummaryItem key={o.id} order={o} />
            ))}
          </ul>
        </Card>
      ) : null}
      {result.licenses.length ? (
        <Card title={`Licenses (${result.licenses.length})`}>
          <ul className="divide-y divide-slate-100 text-sm">
            {result.licenses.map((l) => (
              <LicenseSummaryItem key={l.id} license={l} now={now} />
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
