import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { listResellerAccounts } from "@/lib/settings/list-reseller-accounts";
import { PageHeader } from "@/components/ui/card";
import { ResellerAccountsTable } from "@/components/settings/reseller-accounts-table";

export const metadata: Metadata = { title: "Reseller accounts" };
export const dynamic = "force-dynamic";

export default async function ResellerAccountsPage() {
  const actor = await requireActor("manageSettings");
  const accounts = await listResellerAccounts(actor);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-brand-700 hover:underline">
          ← Settings
        </Link>
      </p>
      <PageHeader
        title="Reseller accounts"
        description="The Sectigo logins Order Desk orders through. Passwords are stored encrypted and never shown again."
        action={
          <Link href="/settings/accounts/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Add account
          </Link>
        }
      />
      <ResellerAccountsTable accounts={accounts} editable />
    </>
  );
}
