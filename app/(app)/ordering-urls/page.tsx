import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listOrderingUrlAccounts } from "@/lib/ordering-urls/list-ordering-url-accounts";
import { PageHeader, Card } from "@/components/ui/card";
import { OrderingUrlGenerator } from "@/components/ordering-urls/ordering-url-generator";

export const metadata: Metadata = { title: "Ordering URLs" };

export default async function OrderingUrlsPage() {
  const actor = await requireActor("placeOrders");
  const accounts = await listOrderingUrlAccounts(actor);
  return (
    <>
      <PageHeader
        title="Ordering URLs"
        description="A link and an HTML form for your website: your customers order a product themselves through Sectigo's PlaceOrder. Your own login and password are never part of them."
      />
      {accounts.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">There is no Sectigo reseller account yet. An admin adds one under Settings.</p>
        </Card>
      ) : (
        <OrderingUrlGenerator accounts={accounts.map((a) => ({ id: a.id, label: a.label, brand: a.apBrand ?? "", apiBaseUrl: a.apiBaseUrl, mode: a.mode }))} />
      )}
    </>
  );
}
