import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditChange, AuditDb } from "@/lib/audit/audit-scope";
import { redactInput } from "@/lib/audit/redact-input";

/**
 * Who an entry names, as the log stores them: a signed-in Actor (lib/auth/session.ts) is one. Named
 * here, not imported: lib/auth writes entries through this module (the action wrapper, sign-in), so
 * the audit log stays below lib/auth and knows a person only by what it records.
 */
export interface AuditActor {
  id: string;
  name: string;
  email: string;
  role: string;
}

export interface AuditRecord {
  /** The person; for a failed sign-in, who the attempt claimed to be (no user id). */
  actor: AuditActor | { id: null; name: string; email: string; role: null };
  action: string;
  outcome: string;
  input: unknown;
  changes: AuditChange[];
  clientAddress?: string;
  userAgent?: string;
}

function rowOf(record: AuditRecord): Prisma.AuditEntryUncheckedCreateInput {
  return {
    actorId: record.actor.id,
    actorLabel: redactInput(`${record.actor.name} (${record.actor.email})`) as string,
    actorRole: record.actor.role,
    action: record.action,
    outcome: record.outcome,
    clientAddress: (redactInput(record.clientAddress?.slice(0, 64)) as string | null) ?? null,
    userAgent: (redactInput(record.userAgent?.slice(0, 300)) as string | null) ?? null,
    input: redactInput(record.input) as Prisma.InputJsonValue,
    changes: record.changes.length ? (redactInput(record.changes) as Prisma.InputJsonValue) : undefined,
  };
}

/**
 * Appends one entry (the table refuses UPDATE and DELETE: migration 20261122072059_audit_log),
 * through `db` when the caller's transaction carries the change the entry records.
 */
export async function writeAuditEntry(record: AuditRecord, db: AuditDb = prisma): Promise<void> {
  await (db as typeof prisma).auditEntry.create({ data: rowOf(record), select: { id: true } });
}

/**
 * Proves the entry can be written, without writing it (a rolled-back insert would leave a gap in
 * the entries' ids, which reads like a deleted entry): PostgreSQL casts the entry's JSON as it
 * would store it, and says whether this role may insert into the table.
 */
export async function checkAuditEntry(record: AuditRecord): Promise<void> {
  const row = rowOf(record);
  const [check] = await prisma.$queryRaw<Array<{ ok: boolean }>>`
    SELECT ${JSON.stringify(row)}::jsonb IS NOT NULL AND has_table_privilege(current_user, '"AuditEntry"', 'INSERT') AS ok`;
  if (!check?.ok) throw new Error("The audit log does not accept entries from this database role.");
}
