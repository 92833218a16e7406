import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import { startCsvExport } from "@/lib/exports/start-csv-export";
import type { Actor } from "@/lib/auth/session";
import { EXPIRY_BUCKETS, expiryBucket } from "@/lib/licenses/licence-status";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { expiryFilterWhere } from "@/lib/licenses/expiry-filter";
import { afterCursorWhere, orderByOf, sortValueOf, WORKSPACE_ROW, type WorkspaceQuery, type WorkspaceRow } from "@/lib/licenses/expiry-workspace";

export const EXPORT_BATCH = 1000;

export const CSV_COLUMNS = [
  { key: "id", header: "Licence ID" },
  { key: "domain", header: "Domain" },
  { key: "customer", header: "Customer" },
  { key: "product", header: "Product" },
  { key: "termDays", header: "Term (days)" },
  { key: "expiresAt", header: "Expires (UTC)" },
  { key: "bucket", header: "Bucket" },
  { key: "autoRenew", header: "Auto-renew" },
  { key: "addOns", header: "Add-ons" },
  { key: "manager", header: "Account manager" },
  { key: "orderNumber", header: "Sectigo order number" },
] as const;

/**
 * A spreadsheet opening the file runs a cell that starts with = + - @ (or a tab / carriage
 * return, which some treat the same) as a formula: a customer named `=HYPERLINK(...)` would
 * become a live link or worse (CSV injection, OWASP). Such cells get a leading apostrophe, which
 * spreadsheets show as text.
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvRecord(l: WorkspaceRow, now: Date): Record<(typeof CSV_COLUMNS)[number]["key"], string> {
  const bucket = expiryBucket(l, now);
  const record = {
    id: l.id,
    domain: l.domainName,
    customer: l.customer.name,
    product: l.productName,
    termDays: l.termDays === null ? "" : String(l.termDays),
    expiresAt: l.expiresAt ? l.expiresAt.toISOString() : "",
    bucket: EXPIRY_BUCKETS.find((b) => b.key === bucket)?.label ?? "",
    autoRenew: l.autoRenew ? "on" : "off",
    addOns: l.addOns.map((a) => a.productName).join("; "),
    manager: l.customer.accountManager?.name ?? "",
    orderNumber: l.currentOrderNumber ?? "",
  };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, guardCell(v)])) as typeof record;
}

/**
 * One batch's filter: the list's filter, then (after the first batch) a plain range bound on the
 * sort column (`>=` ascending, `<=` descending) and the exact keyset condition on (sort value, id).
 * The bound is what lets PostgreSQL start its index scan (License(domainName), Customer(name),
 * License(expiresAt, id)) at the cursor instead of walking, and dropping, every row before it for
 * each batch (issue 9 review #9; figures in tests/unit/expiry-export-keyset.test.ts).
 */
export function exportBatchWhere(query: WorkspaceQuery, now: Date, cursor: { value: string; id: string } | undefined): Prisma.LicenseWhereInput & { AND: Prisma.LicenseWhereInput[] } {
  const filter = expiryFilterWhere(query, now);
  if (!cursor) return { AND: [filter] };
  const op = query.dir === "asc" ? "gte" : "lte";
  const typed = query.sort === "expiresAt" ? new Date(cursor.value) : cursor.value;
  const bound: Prisma.LicenseWhereInput = query.sort === "customer" ? { customer: { name: { [op]: typed } as Prisma.StringFilter } } : { [query.sort]: { [op]: typed } };
  return { AND: [filter, bound, afterCursorWhere(query.sort, query.dir, cursor.value, cursor.id)] };
}

/** Every row the list shows for this filter and sort, one keyset batch on (sort value, id) at a time, never all at once. */
export async function* exportBatches(query: WorkspaceQuery, now: Date, batch = EXPORT_BATCH) {
  let cursor: { value: string; id: string } | undefined;
  for (;;) {
    const rows = await prisma.license.findMany({ where: exportBatchWhere(query, now, cursor), orderBy: orderByOf(query.sort, query.dir), take: batch, select: WORKSPACE_ROW });
    if (rows.length > 0) yield rows.map((row) => csvRecord(row, now));
    const last = rows.at(-1);
    if (rows.length < batch || !last) return;
    cursor = { value: sortValueOf(query.sort, last), id: last.id };
  }
}

/** The same rows one by one. */
export async function* exportRows(query: WorkspaceQuery, now: Date, batch = EXPORT_BATCH) {
  for await (const records of exportBatches(query, now, batch)) yield* records;
}

/**
 * The CSV as a web stream: header first, then one batch per read of the client (back-pressure),
 * under an export slot (one per session, a few per fleet: lib/exports/start-csv-export.ts).
 * Throws ExportRefusedError when no slot is free. `signal`: the request's, so a client that goes
 * away stops the queries.
 */
export async function exportExpiryCsv(actor: Actor, query: WorkspaceQuery, opts: { signal?: AbortSignal; now?: Date } = {}): Promise<ReadableStream<Uint8Array>> {
  assertCan(actor, "exportLicences");
  const now = opts.now ?? new Date();
  return startCsvExport(actor, { columns: CSV_COLUMNS, batches: () => exportBatches({ ...query, after: undefined }, now), signal: opts.signal });
}
