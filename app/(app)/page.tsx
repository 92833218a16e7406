import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { appNow } from "@/lib/clock/app-clock";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { PageHeader } from "@/components/ui/card";
import { SummaryCard } from "@/components/dashboard/summary-card";
import { Stat } from "@/components/dashboard/stat";
import { OrderSummaryItem } from "@/components/orders/order-summary-item";
import { LicenseSummaryItem } from "@/components/licenses/license-summary-item";

export const metadata: Metadata = { title: "Dashboard" };

export default async function HomePage() {
  const actor = await requireActor();
  const now = await appNow();
  const d = await getDashboard(actor, now);
  return (
    <>
      <PageHeader title={`Hello, ${actor.name.split(" ")[0]}`} description="What needs attention today." />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Licenses expiring in the next 30 days" count={d.expiringCount} testId="stat-expiring" tone="amber" href="/licenses?window=open" />
        <Stat label="Orders awaiting authorization" count={d.awaitingCount} testId="stat-awaiting" tone="amber" href="/orders?status=AWAITING_AUTHORIZATION" />
        <Stat label="Active licenses" count={d.activeCount} testId="stat-active" href="/licenses" />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <SummaryCard
          title="Expiring soon"
          href="/licenses?window=open"
          empty="No license expires in the next 30 days."
          testId="expiring-list"
          items={d.expiring.map((l) => <LicenseSummaryItem key={l.id} license={l} now={now} />)}
        />
        <SummaryCard
          title="Expired in the last 30 days"
          href="/licenses?window=expired&sort=expiresAt&dir=desc"
          empty="No license expired in the last 30 days."
          testId="recently-expired-list"
          items={d.recentlyExpired.map((l) => <LicenseSummaryItem key={l.id} license={l} now={now} />)}
        />
        <SummaryCard
          title="Latest orders"
          href="/orders"
          empty="No orders yet."
          testId="latest-orders"
          items={d.latestOrders.map((o) => <OrderSummaryItem key={o.id} order={o} />)}
        />
      </div>
    </>
  );
}
