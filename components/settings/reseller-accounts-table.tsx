import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TableFrame, Td, Th } from "@/components/ui/table";

interface AccountRow {
  id: string;
  label: string;
  loginName: string;
  apBrand: string | null;
  apiBaseUrl: string;
  mode: "SANDBOX" | "LIVE";
  autoRenewDefault: boolean;
  isDefault: boolean;
}

export function ResellerAccountsTable({ accounts, editable = false }: { accounts: AccountRow[]; editable?: boolean }) {
  return (
    <TableFrame
      label="Reseller accounts"
      head={<><Th>Account</Th><Th>Login</Th><Th>Brand</Th><Th>Mode</Th><Th>Auto-renew</Th><Th>API base URL</Th>{editable ? <Th>Change</Th> : null}</>}
      empty={accounts.length === 0 ? <p className="p-4 text-sm text-slate-600">No reseller account yet: add one to place orders.</p> : null}
    >
      {accounts.map((a) => (
        <tr key={a.id} data-testid={`account-row-${a.loginName}`}>
          <Td className="font-medium">
            {a.label} {a.isDefault ? <Badge tone="blue">default</Badge> : null}
          </Td>
          <Td>{a.loginName}</Td>
          <Td>{a.apBrand ?? "—"}</Td>
          <Td>{a.mode === "LIVE" ? <Badge tone="red">Live</Badge> : <Badge tone="amber">Sandbox</Badge>}</Td>
          <Td>{a.autoRenewDefault ? "On" : "Off"}</Td>
          <Td className="font-mono text-xs">{a.apiBaseUrl}</Td>
          {editable ? (
            <Td>
              <Link href={`/settings/accounts/${a.id}`} className="text-brand-700 underline-offset-2 hover:underline" aria-label={`Edit ${a.label}`}>
                Edit
              </Link>
            </Td>
          ) : null}
        </tr>
      ))}
    </TableFrame>
  );
}
