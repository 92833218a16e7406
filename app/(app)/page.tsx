import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { Card, PageHeader } from "@/components/ui/card";
import { Stat } from "@/components/dashboard/stat";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { RenewalBadge } from "@/components/licenses/renewal-badge";
import { formatDate, formatMoney } from "@/components/ui/format";

export default async function HomePage() {
  const actor = await requireActor();
  const now = new Date();
  const d = await getDashboard(actor, now);
  return (
    <>
      <PageHeader title={`Hello, ${actor.name.split(" ")[0]}`} description="What needs attention today." />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Licenses expiring in the next 30 days" value={d.expiringCount} testId="stat-expiring" tone="amber" href="/licenses?window=open" />
        <Stat label="Orders awaiting authorization" value={d.awaitingCount} testId="stat-awaiting" tone="amber" href="/orders?status=AWAITING_AUTHORIZATION" />
        <Stat label="Active licenses" value={d.activeCount} testId="stat-active" href="/licenses" />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title="Expiring soon" action={<Link className="text-sm text-brand-600 hover:underline" href="/licenses?window=open">All</Link>}>
          {d.expiring.length === 0 ? (
            <p className="text-sm text-slate-500">No license expires in the next 30 days.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="expiring-list">
              {d.expiring.map((l) => (
                <li key={l.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                  <div>
                    <p className="font-medium">{l.domainName}</p>
                    <p className="text-slate-500">
                      {l.productName} · {l.customer.name} · expires {formatDate(l.expiresAt)}
                      {l.autoRenew ? " · auto-renew on" : ""}
                    </p>
                  </div>
                  <RenewalBadge status="ACTIVE" expiresAt={l.expiresAt} now={now} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Latest orders" action={<Link className="text-sm text-brand-600 hover:underline" href="/orders">All</Link>}>
          {d.latestOrders.length === 0 ? (
            <p className="text-sm text-slate-500">No orders yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="latest-orders">
              {d.latestOrders.map((o) => (
                <li key={o.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                  <div>
                    <p className="font-medium">
                      {o.orderNumber ?? o.foreignOrderNumber} · {o.customer.name}
                    </p>
                    <p className="text-slate-500">
                      {o.items[0]?.productName ?? "—"} {o.items[0]?.domainName ? `for ${o.items[0].domainName}` : ""} · {formatDate(o.createdAt)} ·{" "}
                      {formatMoney(o.totalCost, o.currency)}
                    </p>
                  </div>
                  <OrderStatusBadge status={o.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
