import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { awaitingQuerySchema, listAwaitingOrders } from "@/lib/orders/list-awaiting";
import { firstValues, type SearchParams } from "@/lib/pagination";
import { PageHeader, Card } from "@/components/ui/card";
import { AwaitingQueue } from "@/components/orders/awaiting-queue";

export const metadata: Metadata = { title: "Awaiting authorization" };

export default async function AwaitingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewOrders");
  const query = awaitingQuerySchema.parse(firstValues(await searchParams));
  const page = await listAwaitingOrders(actor, query);
  return (
    <>
      <PageHeader
        title="Awaiting authorization"
        description="Orders placed with reseller=Y wait here until the customer has paid. Authorizing one makes Sectigo debit your funds; rejecting cancels it. Each decision reaches Sectigo once."
      />
      {page.rows.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">No order is waiting for authorization{query.after ? " after this point" : ""}.</p>
        </Card>
      ) : (
        <AwaitingQueue
          canDecide={can(actor.role, "authorizeOrders")}
          rows={page.rows.map((o) => ({
            id: o.id,
            orderNumber: o.orderNumber ?? "",
            foreignOrderNumber: o.foreignOrderNumber,
            createdAt: o.createdAt.toISOString(),
            customer: o.customer.name,
            products: o.items.map((i) => `${i.productName}${i.domainName ? ` · ${i.domainName}` : ""}`),
            total: o.sellTotal === null ? null : `${o.sellTotal.toString()} ${o.currency ?? ""}`.trim(),
            busy: o.pendingAction !== null,
          }))}
        />
      )}
      {page.next ? (
        <p className="mt-4 text-sm">
          <Link className="text-brand-700 underline" href={`/orders/awaiting?after=${encodeURIComponent(page.next)}`}>
            Next page
          </Link>
        </p>
      ) : null}
    </>
  );
}
