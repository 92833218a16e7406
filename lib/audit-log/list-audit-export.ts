import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import { startCsvExport } from "@/lib/exports/start-csv-export";
import { csvChunk, csvHeader } from "@/lib/exports/csv-chunks";
import type { Actor } from "@/lib/auth/session";
import { auditWhere } from "./list-audit";
import type { AuditQuery } from "@/lib/audit/list-audit-query";

export const AUDIT_EXPORT_BATCH = 1000;

export const AUDIT_CSV_COLUMNS = [
  { key: "id", header: "ID" },
  { key: "createdAt", header: "When (UTC)" },
  { key: "actor", header: "Person" },
  { key: "role", header: "Role" },
  { key: "action", header: "Action" },
  { key: "outcome", header: "Outcome" },
  { key: "clientAddress", header: "From" },
  { key: "userAgent", header: "Browser" },
  { key: "input", header: "Input" },
  { key: "changes", header: "Before/after" },
] as const;

type AuditCsvRecord = Record<(typeof AUDIT_CSV_COLUMNS)[number]["key"], string>;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return) as a formula
 * (CSV injection): such a cell gets a leading apostrophe and is shown as text. Audit rows carry
 * what people typed (names, domains, notes), so every cell goes through this.
 */
export function guardAuditCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function auditCsvRecord(row: {
  id: bigint;
  createdAt: Date;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  outcome: string;
  clientAddress: string | null;
  userAgent: string | null;
  input: unknown;
  changes: unknown;
}): AuditCsvRecord {
  const record: AuditCsvRecord = {
    id: String(row.id),
    createdAt: row.createdAt.toISOString(),
    actor: row.actorLabel,
    role: row.actorRole ?? "",
    action: row.action,
    outcome: row.outcome,
    clientAddress: row.clientAddress ?? "",
    userAgent: row.userAgent ?? "",
    input: row.input === null || row.input === undefined ? "" : JSON.stringify(row.input),
    changes: row.changes === null || row.changes === undefined ? "" : JSON.stringify(row.changes),
  };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, guardAuditCell(v)])) as AuditCsvRecord;
}

/** Every row of exactly this filter, newest first, one keyset batch at a time (never all at once). */
export async function* auditExportBatches(query: AuditQuery, batch = AUDIT_EXPORT_BATCH) {
  let after = query.after;
  for (;;) {
    const rows = await prisma.auditEntry.findMany({ where: auditWhere({ ...query, after }), orderBy: { id: "desc" }, take: batch });
    if (rows.length > 0) yield rows.map(auditCsvRecord);
    if (rows.length < batch) return;
    after = rows[rows.length - 1]?.id;
    if (after === undefined) return;
  }
}

/** The CSV's bytes: the header, then one chunk per batch. */
async function* auditCsvChunks(query: AuditQuery) {
  yield csvHeader(AUDIT_CSV_COLUMNS);
  for await (const records of auditExportBatches(query)) yield csvChunk(records, AUDIT_CSV_COLUMNS);
}

/**
 * The CSV as a web stream, one batch per read of the client, under an export slot like every
 * export (lib/exports/start-csv-export.ts). Throws ExportRefusedError when no slot is free. Read
 * through Prisma's pool (the audit filter is Prisma's `auditWhere`; the log is far smaller than
 * the license book), in the same batch turns as every export.
 */
export async function exportAuditCsv(actor: Actor, query: AuditQuery, opts: { signal?: AbortSignal } = {}): Promise<ReadableStream<Uint8Array>> {
  assertCan(actor, "viewAudit");
  return startCsvExport(actor, { chunks: () => auditCsvChunks({ ...query, after: undefined }), signal: opts.signal });
}
