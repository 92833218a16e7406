import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listOrderAccounts } from "@/lib/orders/list-order-accounts";
import { PageHeader, Card } from "@/components/ui/card";
import { OrderForm } from "@/components/orders/order-form";
import { productByKey } from "@/lib/catalog";

export const metadata: Metadata = { title: "New order" };

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("placeOrders");
  const accounts = await listOrderAccounts(actor);
  const wanted = (await searchParams).product;
  const initialProductKey = typeof wanted === "string" && productByKey(wanted)?.orderable ? wanted : undefined;
  return (
    <>
      <PageHeader title="New order" description="Pick a product, fill in what it needs, and place the order with Sectigo. Every field is checked before anything is sent." />
      {accounts.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">There is no Sectigo reseller account to order with. An admin adds one under Settings.</p>
        </Card>
      ) : (
        <OrderForm accounts={accounts} prices={{}} initialProductKey={initialProductKey} />
      )}
    </>
  );
}
