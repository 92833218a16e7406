import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { getUserSessions } from "@/lib/users/get-user-sessions";
import { userIdSchema } from "@/lib/users/user-schemas";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { UserSessions } from "@/components/admin/user-sessions";
import { SetPasswordForm } from "@/components/admin/set-password-form";

export const metadata: Metadata = { title: "User sessions" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("manageUsers");
  const parsed = userIdSchema.safeParse({ userId: (await params).id });
  if (!parsed.success) notFound();
  const user = await getUserSessions(actor, parsed.data);
  if (!user) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings/users" className="text-brand-700 hover:underline">
          ← Users
        </Link>
      </p>
      <PageHeader
        title={user.name}
        description={`${user.email} · ${ROLE_LABELS[user.role]}`}
        action={user.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
      />
      <Card title={`Signed-in sessions (${user.sessions.length})`} className="mb-6">
        <UserSessions
          userId={user.id}
          isSelf={user.id === actor.id}
          currentSessionId={actor.sessionId}
          sessions={user.sessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), expiresAt: s.expiresAt.toISOString() }))}
        />
      </Card>
      <Card title="Set a new password">
        <SetPasswordForm userId={user.id} email={user.email} isSelf={user.id === actor.id} />
      </Card>
    </>
  );
}
