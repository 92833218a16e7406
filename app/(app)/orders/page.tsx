import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listOrders, ordersQuerySchema } from "@/lib/orders/list-orders";
import { firstValues, type SearchParams } from "@/lib/pagination";
import { PageHeader } from "@/components/ui/card";
import { OrdersTable } from "@/components/orders/orders-table";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewOrders");
  const params = firstValues(await searchParams);
  const query = ordersQuerySchema.parse(params);
  const page = await listOrders(actor, query);
  return (
    <>
      <PageHeader title="Orders" description="Every order placed through Order Desk, newest first." />
      <OrdersTable page={page} query={query} params={params} />
    </>
  );
}
