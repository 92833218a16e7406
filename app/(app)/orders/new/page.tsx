import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listOrderAccounts } from "@/lib/orders/list-order-accounts";
import { PageHeader, Card } from "@/components/ui/card";
import { OrderForm } from "@/components/orders/order-form";
import { productByKey } from "@/lib/catalog";
import { offeredPlans } from "@/lib/settings/offered-plans";
import { newOrderPrefill } from "@/lib/orders/new-order-prefill";

export const metadata: Metadata = { title: "New order" };

export default async function NewOrderPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("placeOrders");
  const accounts = await listOrderAccounts(actor);
  const plans = await offeredPlans(actor);
  const prices: Record<string, { buyPrice: number | null; sellPrice: number | null; currency: string | null }> = {};
  const offered: Record<string, string[]> = {};
  for (const { products } of plans) {
    for (const p of products) {
      offered[p.key] = p.terms.map((t) => t.value);
      for (const t of p.terms) {
        if (t.price) prices[`${p.key}|${t.value}`] = { buyPrice: Number(t.price.buyPrice), sellPrice: Number(t.price.sellPrice), currency: t.price.currency };
      }
    }
  }
  const query = await searchParams;
  const wanted = query.product;
  const initialProductKey = typeof wanted === "string" && productByKey(wanted)?.orderable && offered[wanted] ? wanted : undefined;
  // ?domain=&customer= (an ended license's "order a new license"): checked value by value, invalid ones dropped.
  const found = query.domain !== undefined || query.customer !== undefined ? await newOrderPrefill(actor, query, offered) : null;
  const prefill = found && (!found.accountId || accounts.some((a) => a.id === found.accountId)) ? found : found ? { productKey: found.productKey, values: { ...(found.values?.domainName ? { domainName: found.values.domainName } : {}) } } : undefined;
  return (
    <>
      <PageHeader title="New order" description="Pick a product, fill in what it needs, and place the order with Sectigo. Every field is checked before anything is sent." />
      {accounts.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">There is no Sectigo reseller account to order with. An admin adds one under Settings.</p>
        </Card>
      ) : (
        <OrderForm accounts={accounts} prices={prices} offered={offered} initialProductKey={initialProductKey} prefill={prefill} />
      )}
    </>
  );
}
