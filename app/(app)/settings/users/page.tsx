import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/list-users";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserRowControls } from "@/components/admin/user-row-controls";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireActor("manageUsers");
  const users = await listUsers(actor);
  return (
    <>
      <PageHeader title="Users" description="Who can sign in to Order Desk, and with which role." />
      <Card title="Add a user" className="mb-6">
        <CreateUserForm />
      </Card>
      <TableFrame head={<><Th>Name</Th><Th>Email</Th><Th>Role</Th><Th>Status</Th><Th>Sessions</Th><Th>Change</Th></>}>
        {users.map((u) => (
          <tr key={u.id} data-testid={`user-row-${u.email}`}>
            <Td className="font-medium">{u.name}</Td>
            <Td>{u.email}</Td>
            <Td>{ROLE_LABELS[u.role]}</Td>
            <Td>{u.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</Td>
            <Td>
              {/* The visible words start the accessible name (WCAG 2.5.3); the rest says whose. */}
              <Link href={`/settings/users/${u.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {u.activeSessions} active
                <span className="sr-only">
                  {` session${u.activeSessions === 1 ? "" : "s"} of ${u.email}, and password`}
                </span>
              </Link>
            </Td>
            <Td>
              <UserRowControls userId={u.id} email={u.email} role={u.role} disabled={u.disabled} isSelf={u.id === actor.id} />
            </Td>
          </tr>
        ))}
      </TableFrame>
    </>
  );
}
