import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { Card, PageHeader } from "@/components/ui/card";
import { Stat } from "@/components/dashboard/stat";
import { OrderSummaryItem } from "@/components/orders/order-summary-item";
import { LicenseSummaryItem } from "@/components/licenses/license-summary-item";

export const metadata: Metadata = { title: "Dashboard" };

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
        <Card title="Expiring soon" action={<Link className="text-sm text-brand-700 hover:underline" href="/licenses?window=open">All</Link>}>
          {d.expiring.length === 0 ? (
            <p className="text-sm text-slate-600">No license expires in the next 30 days.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="expiring-list">
              {d.expiring.map((l) => (
                <LicenseSummaryItem key={l.id} license={l} now={now} />
              ))}
            </ul>
          )}
        </Card>
        <Card title="Expired in the last 30 days" action={<Link className="text-sm text-brand-700 hover:underline" href="/licenses?window=expired&sort=expiresAt&dir=desc">All</Link>}>
          {d.recentlyExpired.length === 0 ? (
            <p className="text-sm text-slate-600">No license expired in the last 30 days.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="recently-expired-list">
              {d.recentlyExpired.map((l) => (
                <LicenseSummaryItem key={l.id} license={l} now={now} />
              ))}
            </ul>
          )}
        </Card>
        <Card title="Latest orders" action={<Link className="text-sm text-brand-700 hover:underline" href="/orders">All</Link>}>
          {d.latestOrders.length === 0 ? (
            <p className="text-sm text-slate-600">No orders yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="latest-orders">
              {d.latestOrders.map((o) => (
                <OrderSummaryItem key={o.id} order={o} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
