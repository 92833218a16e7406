import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { AccountEnabledToggle } from "@/components/settings/account-enabled-toggle";

interface AccountRow {
  id: string;
  label: string;
  loginName: string;
  apBrand: string | null;
  apiBaseUrl: string;
  mode: "SANDBOX" | "LIVE";
  autoRenewDefault: boolean;
  isDefault: boolean;
  disabledAt: Date | null;
}

export function ResellerAccountsTable({ accounts, editable = false }: { accounts: AccountRow[]; editable?: boolean }) {
  return (
    <TableFrame
      label="Reseller accounts"
      head={<><Th>Account</Th><Th>Login</Th><Th>Brand</Th><Th>Mode</Th><Th>Auto-renew</Th><Th>API base URL</Th>{editable ? <Th>Change</Th> : null}</>}
      empty={accounts.length === 0 ? <p className="p-4 text-sm text-slate-600">No reseller account yet: add one to place orders.</p> : null}
    >
      {accounts.map((a) => (
        <tr key={a.id} data-testid={`account-row-${a.loginName}`} className={a.disabledAt ? "bg-slate-50 text-slate-500" : undefined}>
          <Td className="font-medium">
            {a.label} {a.isDefault ? <Badge tone="blue">default</Badge> : null}
            {a.disabledAt ? <Badge tone="slate">disabled {a.disabledAt.toISOString().slice(0, 10)}</Badge> : null}
          </Td>
          <Td>{a.loginName}</Td>
          <Td>{a.apBrand ?? <Badge tone="amber">missing: PlaceOrder refuses orders</Badge>}</Td>
          <Td>{a.mode === "LIVE" ? <Badge tone="red">Live</Badge> : <Badge tone="amber">Sandbox</Badge>}</Td>
          <Td>{a.autoRenewDefault ? "On" : "Off"}</Td>
          <Td className="font-mono text-xs">{a.apiBaseUrl}</Td>
          {editable ? (
            <Td className="space-y-2">
              <Link href={`/settings/accounts/${a.id}`} className="mr-3 text-brand-700 underline-offset-2 hover:underline" aria-label={`Edit ${a.label}`}>
                Edit
              </Link>
              {a.isDefault ? null : <AccountEnabledToggle account={{ id: a.id, label: a.label, disabled: !!a.disabledAt, isDefault: a.isDefault }} />}
            </Td>
          ) : null}
        </tr>
      ))}
    </TableFrame>
  );
}
