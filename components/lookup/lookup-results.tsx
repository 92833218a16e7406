import type { lookup } from "@/lib/lookup/lookup";
import { Card } from "@/components/ui/card";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { RenewalBadge } from "@/components/licenses/renewal-badge";
import { formatDate } from "@/components/ui/format";

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
      {nothing ? <p className="text-sm text-slate-500">Nothing found.</p> : null}
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
              <li key={o.id} className="flex items-center justify-between gap-3 py-2">
                <div>
                  <p className="font-medium">
                    {o.orderNumber ?? "no Sectigo number yet"} <span className="text-slate-500">({o.foreignOrderNumber})</span>
                  </p>
                  <p className="text-slate-500">
                    {o.customer.name} · {o.items.map((i) => i.productName).join(", ")} · {formatDate(o.createdAt)}
                  </p>
                </div>
                <OrderStatusBadge status={o.status} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {result.licenses.length ? (
        <Card title={`Licenses (${result.licenses.length})`}>
          <ul className="divide-y divide-slate-100 text-sm">
            {result.licenses.map((l) => (
              <li key={l.id} className="flex items-center justify-between gap-3 py-2">
                <div>
                  <p className="font-medium">{l.domainName}</p>
                  <p className="text-slate-500">
                    {l.productName} · {l.customer.name} · expires {formatDate(l.expiresAt)} · auto-renew {l.autoRenew ? "on" : "off"}
                    {l.addOns.length ? ` · add-ons: ${l.addOns.map((a) => a.productName).join(", ")}` : ""}
                  </p>
                </div>
                <RenewalBadge status={l.status} expiresAt={l.expiresAt} now={now} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
