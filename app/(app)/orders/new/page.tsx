import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { PageHeader, Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "New order" };

export default async function NewOrderPage() {
  await requireActor("placeOrders");
  return (
    <>
      <PageHeader title="New order" description="Catalog-driven order forms for every Sectigo product." />
      <Card>
        <p className="text-sm text-slate-700">
          Ordering from this page is not available yet: the catalog-driven forms (SiteLock plans and add-ons, SSL, code
          signing, HackerGuardian, eIDAS) with exactly-once submission are the next piece of work. Until then, nothing on
          this page sends anything to Sectigo.
        </p>
      </Card>
    </>
  );
}
