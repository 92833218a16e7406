import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { listResellerAccounts } from "@/lib/settings/list-reseller-accounts";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { TableFrame, Td, Th } from "@/components/ui/table";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor("manageSettings");
  const accounts = await listResellerAccounts(actor);
  return (
    <>
      <PageHeader title="Settings" action={<Link href="/settings/users" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">Manage users</Link>} />
      <Card title="Sectigo reseller accounts">
        <p className="mb-3 text-sm text-slate-600">
          Passwords are stored encrypted (AES-256-GCM) and are never shown. Live accounts must use https.
        </p>
        <TableFrame head={<><Th>Account</Th><Th>Login</Th><Th>Mode</Th><Th>API base URL</Th></>}>
          {accounts.map((a) => (
            <tr key={a.id}>
              <Td className="font-medium">
                {a.label} {a.isDefault ? <Badge tone="blue">default</Badge> : null}
              </Td>
              <Td>{a.loginName}</Td>
              <Td>{a.mode === "LIVE" ? <Badge tone="red">Live</Badge> : <Badge tone="amber">Sandbox</Badge>}</Td>
              <Td className="font-mono text-xs">{a.apiBaseUrl}</Td>
            </tr>
          ))}
        </TableFrame>
      </Card>
    </>
  );
}
