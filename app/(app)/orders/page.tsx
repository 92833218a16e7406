import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listOrders, ordersQuerySchema, ORDER_SORTS } from "@/lib/orders/list-orders";
import { describeSort, firstValues, type SearchParams } from "@/lib/pagination";
import { PageHeader } from "@/components/ui/card";
import { OrdersTable } from "@/components/orders/orders-table";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewOrders");
  const query = ordersQuerySchema.parse(firstValues(await searchParams));
  const page = await listOrders(actor, query);
  return (
    <>
      <PageHeader title="Orders" description={`Every order placed through Order Desk. ${describeSort(ORDER_SORTS, query)}`} />
      <OrdersTable page={page} query={{ ...query, page: page.page }} />
    </>
  );
}
