import "server-only";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditChange } from "@/lib/audit/audit-scope";
import { redactInput } from "@/lib/audit/redact-input";

export interface AuditRecord {
  actor: Actor;
  action: string;
  outcome: string;
  input: unknown;
  changes: AuditChange[];
  clientAddress?: string;
  userAgent?: string;
}

/** Appends one entry (the table refuses UPDATE and DELETE: migration 20261122072059_audit_log). */
export async function writeAuditEntry(record: AuditRecord): Promise<void> {
  await prisma.auditEntry.create({
    data: {
      actorId: record.actor.id,
      actorLabel: `${record.actor.name} (${record.actor.email})`,
      actorRole: record.actor.role,
      action: record.action,
      outcome: record.outcome,
      clientAddress: record.clientAddress?.slice(0, 64) ?? null,
      userAgent: record.userAgent?.slice(0, 300) ?? null,
      input: redactInput(record.input) as Prisma.InputJsonValue,
      changes: record.changes.length ? (redactInput(record.changes) as Prisma.InputJsonValue) : undefined,
    },
  });
}
