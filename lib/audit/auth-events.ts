import "server-only";
import { prisma } from "@/lib/db";
import type { AuditDb } from "@/lib/audit/audit-scope";
import { writeAuditEntry, type AuditActor } from "@/lib/audit/write-audit-entry";
import type { SIGN_IN_OUTCOMES } from "@/lib/audit/list-audit-query";

/**
 * Sign-ins and session ends in the audit log, beside the server actions. Written by the
 * transaction that creates or ends the session (`db`), so a session never starts or ends
 * unrecorded. A refused sign-in is recorded only once past the throttle's limit (see
 * sign-in-throttle.ts): the log shows someone guessing without letting anyone flood it.
 */
export interface ClientInfo {
  address?: string;
  userAgent?: string;
}

export function auditSignIn(db: AuditDb, user: AuditActor, client: ClientInfo): Promise<void> {
  return writeAuditEntry({ actor: user, action: "auth.signIn", outcome: "OK", input: { email: user.email }, changes: [], clientAddress: client.address, userAgent: client.userAgent }, db);
}

export async function auditRefusedSignIn(email: string, outcome: (typeof SIGN_IN_OUTCOMES)[number], client: ClientInfo): Promise<void> {
  await writeAuditEntry({
    actor: { id: null, name: "Sign-in attempt", email, role: null },
    action: "auth.signIn",
    outcome,
    input: { email },
    changes: [],
    clientAddress: client.address,
    userAgent: client.userAgent,
  });
}

/** Ends the session of a sign-out, with its audit entry; nothing when it had already ended. */
export async function endSessionBySignOut(sessionId: string, userId: string | undefined, now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { id: sessionId, revokedAt: null, ...(userId ? { userId } : {}) },
      select: { id: true, clientAddress: true, userAgent: true, user: { select: { id: true, email: true, name: true, role: true } } },
    });
    if (!session) return 0;
    await tx.session.update({ where: { id: session.id }, data: { revokedAt: now, revokedReason: "signed out" } });
    await writeAuditEntry(
      { actor: session.user, action: "auth.signOut", outcome: "OK", input: {}, changes: [{ target: `User:${session.user.id}`, before: { session: "live" }, after: { session: "ended", reason: "signed out" } }], clientAddress: session.clientAddress ?? undefined, userAgent: session.userAgent ?? undefined },
      tx,
    );
    return 1;
  });
}
