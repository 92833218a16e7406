import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { listResellerAccounts } from "@/lib/settings/list-reseller-accounts";
import { Card, PageHeader } from "@/components/ui/card";
import { ResellerAccountsTable } from "@/components/settings/reseller-accounts-table";

export const metadata: Metadata = { title: "Settings" };

const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";

export default async function SettingsPage() {
  const actor = await requireActor("manageSettings");
  const accounts = await listResellerAccounts(actor);
  return (
    <>
      <PageHeader
        title="Settings"
        action={
          <nav aria-label="Settings" className="flex flex-wrap gap-2">
            <Link href="/settings/accounts" className={linkClass}>
              Reseller accounts
            </Link>
            <Link href="/settings/prices" className={linkClass}>
              Plan prices
            </Link>
            <Link href="/settings/audit" className={linkClass}>
              Audit log
            </Link>
            <Link href="/settings/users" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
              Manage users
            </Link>
          </nav>
        }
      />
      <Card title="Sectigo reseller accounts" action={<Link href="/settings/accounts" className="text-sm text-brand-700 hover:underline">Add or edit</Link>}>
        <p className="mb-3 text-sm text-slate-600">
          Passwords are stored encrypted (AES-256-GCM) and are never shown. Live accounts must use https.
        </p>
        <ResellerAccountsTable accounts={accounts} />
      </Card>
    </>
  );
}
