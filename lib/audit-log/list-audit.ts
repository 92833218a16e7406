import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditQuery } from "@/lib/audit/list-audit-query";

export const AUDIT_PAGE_SIZE = 50;

export function auditWhere(query: AuditQuery): Prisma.AuditEntryWhereInput {
  return {
    ...(query.person ? { actorId: query.person } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.from || query.before ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.before ? { lt: query.before } : {}) } } : {}),
    ...(query.after !== undefined ? { id: { lt: query.after } } : {}),
  };
}

const auditSelect = { id: true, createdAt: true, actorId: true, actorLabel: true, actorRole: true, action: true, outcome: true, clientAddress: true, userAgent: true, input: true, changes: true } as const;

/**
 * One page of the audit log, newest first, keyset on the id (AuditEntry(actorId, id) and
 * (action, id) serve a person or an action filter; the primary key the rest). Reads one row more
 * than the page to know whether an older page exists: no count over the table.
 */
export async function listAudit(actor: Actor, query: AuditQuery, pageSize = AUDIT_PAGE_SIZE) {
  assertCan(actor, "viewAudit");
  const rows = await prisma.auditEntry.findMany({ where: auditWhere(query), orderBy: { id: "desc" }, take: pageSize + 1, select: auditSelect });
  const page = rows.slice(0, pageSize);
  return { rows: page, next: rows.length > pageSize ? (page[page.length - 1]?.id ?? null) : null };
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>["rows"][number];

/** The filter's choices: every user (a small table), and the actions recorded so far. */
export async function auditFilterOptions(actor: Actor) {
  assertCan(actor, "viewAudit");
  const [people, actions] = await Promise.all([
    prisma.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, email: true }, take: 1000 }),
    distinctActions(),
  ]);
  return { people, actions };
}

/**
 * The distinct action names without reading the table: a loose index scan over AuditEntry(action,
 * id), one index probe per name (a few dozen), instead of DISTINCT over every row.
 */
async function distinctActions(): Promise<string[]> {
  const rows = await prisma.$queryRaw<Array<{ action: string }>>`
    WITH RECURSIVE a(action) AS (
      (SELECT "action" FROM "AuditEntry" ORDER BY "action" LIMIT 1)
      UNION ALL
      SELECT (SELECT "action" FROM "AuditEntry" WHERE "action" > a.action ORDER BY "action" LIMIT 1) FROM a WHERE a.action IS NOT NULL
    )
    SELECT action FROM a WHERE action IS NOT NULL LIMIT 500`;
  return rows.map((r) => r.action);
}
