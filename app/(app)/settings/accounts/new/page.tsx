import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui/card";
import { ResellerAccountForm } from "@/components/settings/reseller-account-form";
import { placeOrderProductNames } from "@/lib/settings/brand-users";

export const metadata: Metadata = { title: "Add reseller account" };
export const dynamic = "force-dynamic";

export default async function NewResellerAccountPage() {
  await requireActor("manageSettings");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings/accounts" className="text-brand-700 hover:underline">
          ← Reseller accounts
        </Link>
      </p>
      <PageHeader title="Add reseller account" description="Test the connection before you save: the test uses what you typed and saves nothing." />
      <Card>
        <ResellerAccountForm placeOrderProducts={placeOrderProductNames()} />
      </Card>
    </>
  );
}
