import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getResellerAccount } from "@/lib/settings/get-reseller-account";
import { resellerAccountIdSchema } from "@/lib/settings/reseller-account-schemas";
import { Card, PageHeader } from "@/components/ui/card";
import { ResellerAccountForm } from "@/components/settings/reseller-account-form";
import { placeOrderProductNames } from "@/lib/settings/brand-users";

export const metadata: Metadata = { title: "Edit reseller account" };
export const dynamic = "force-dynamic";

export default async function EditResellerAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("manageSettings");
  const parsed = resellerAccountIdSchema.safeParse({ id: (await params).id });
  if (!parsed.success) notFound();
  const account = await getResellerAccount(actor, parsed.data);
  if (!account) notFound();
  const { updatedAt: _updatedAt, disabledAt, ...values } = account;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings/accounts" className="text-brand-700 hover:underline">
          ← Reseller accounts
        </Link>
      </p>
      <PageHeader title={account.label} description={`${account.loginName} · ${account.apiBaseUrl}`} />
      {disabledAt ? (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This account is disabled (since {disabledAt.toISOString().slice(0, 10)}): it is not offered for new orders, renewals or syncs. Enable it from the accounts list.
        </p>
      ) : null}
      <Card>
        <ResellerAccountForm account={values} placeOrderProducts={placeOrderProductNames()} />
      </Card>
    </>
  );
}
