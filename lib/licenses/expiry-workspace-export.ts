import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { queryRows, type Queryable } from "@/lib/db/query-rows";
import { startCsvExport } from "@/lib/exports/start-csv-export";
import { Prisma, type LicenseStatus } from "@/lib/generated/prisma/client";
import { EXPIRY_BUCKETS, expiryBucket } from "@/lib/licenses/licence-status";
import { bucketRangeSql, filterConditionsSql } from "@/lib/licenses/expiry-workspace-sql";
import type { WorkspaceQuery, WorkspaceSort } from "@/lib/licenses/expiry-workspace";

/**
 * The renewals CSV (issue 9; fair use, issue 16 item 9). Read in keyset batches of raw SQL on the
 * export's own connection (the one that holds its export slot: lib/exports/export-slots.ts), not
 * through Prisma: with 10 exports at once the Node process spent ~49 µs of CPU per row mapping
 * Prisma's nested rows (customer, manager, add-ons) against ~6 µs for the same flat row from
 * node-postgres, and that CPU is the one thread every other page waits for (figures:
 * lib/exports/bench/README.md). The filter is the workspace's own SQL translation
 * (lib/licenses/expiry-workspace-sql.ts, held equal to `expiryFilterWhere` by
 * tests/integration/expiry-workspace.test.ts, which also holds this export to the list's rows and order).
 */
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

/** One licence as the export reads it: flat, as node-postgres returns it. */
export interface ExportRow {
  id: string;
  domainName: string;
  customer: string;
  productName: string;
  termDays: number | null;
  /** ISO 8601 in UTC (formatted by PostgreSQL, so that the keyset cursor round-trips exactly). */
  expiresAt: string | null;
  status: LicenseStatus;
  autoRenew: boolean;
  /** Active add-ons' names, "; "-separated. */
  addOns: string | null;
  manager: string | null;
  currentOrderNumber: string | null;
}

export function csvRecord(l: ExportRow, now: Date): Record<(typeof CSV_COLUMNS)[number]["key"], string> {
  const bucket = expiryBucket({ status: l.status, expiresAt: l.expiresAt === null ? null : new Date(l.expiresAt) }, now);
  const record = {
    id: l.id,
    domain: l.domainName,
    customer: l.customer,
    product: l.productName,
    termDays: l.termDays === null ? "" : String(l.termDays),
    expiresAt: l.expiresAt ?? "",
    bucket: EXPIRY_BUCKETS.find((b) => b.key === bucket)?.label ?? "",
    autoRenew: l.autoRenew ? "on" : "off",
    addOns: l.addOns ?? "",
    manager: l.manager ?? "",
    orderNumber: l.currentOrderNumber ?? "",
  };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, guardCell(v)])) as typeof record;
}

/** The list's sort columns (orderByOf in expiry-workspace.ts): the same column, then the id, in one direction. */
const SORT_COLUMN: Record<WorkspaceSort, Prisma.Sql> = {
  expiresAt: Prisma.raw(`l."expiresAt"`),
  domainName: Prisma.raw(`l."domainName"`),
  customer: Prisma.raw(`c.name`),
};

export type ExportCursor = { value: string; id: string };

/**
 * One batch: the list's filter, then (after the first batch) a plain range bound on the sort column
 * (`>=` ascending, `<=` descending) and the exact keyset condition on (sort value, id). The bound is
 * what lets PostgreSQL start its index scan (License(domainName), Customer(name),
 * License(expiresAt, id)) at the cursor instead of walking, and dropping, every row before it for
 * each batch (issue 9 review #9).
 */
export function exportBatchSql(query: WorkspaceQuery, now: Date, cursor: ExportCursor | undefined, batch = EXPORT_BATCH): Prisma.Sql {
  const column = SORT_COLUMN[query.sort];
  const dir = Prisma.raw(query.dir === "asc" ? "ASC" : "DESC");
  const conditions = [bucketRangeSql(query, now), ...filterConditionsSql(query, now)];
  if (cursor) {
    const value = query.sort === "expiresAt" ? Prisma.sql`${cursor.value}::timestamp` : Prisma.sql`${cursor.value}`;
    const [bound, after] = query.dir === "asc" ? [">=", ">"] : ["<=", "<"];
    conditions.push(Prisma.sql`${column} ${Prisma.raw(bound)} ${value}`, Prisma.sql`(${column}, l.id) ${Prisma.raw(after)} (${value}, ${cursor.id})`);
  }
  return Prisma.sql`
    SELECT l.id, l."domainName", c.name AS customer, l."productName", l."termDays",
      to_char(l."expiresAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "expiresAt", l.status, l."autoRenew",
      (SELECT string_agg(a."productName", '; ' ORDER BY a."createdAt", a.id) FROM "AddOn" a WHERE a."licenseId" = l.id AND a.status = 'ACTIVE') AS "addOns",
      m.name AS manager, l."currentOrderNumber"
    FROM "License" l
    JOIN "Customer" c ON c.id = l."customerId"
    LEFT JOIN "User" m ON m.id = c."accountManagerId"
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${column} ${dir}, l.id ${dir}
    LIMIT ${batch}`;
}

function sortValueOf(sort: WorkspaceSort, row: ExportRow): string {
  if (sort === "expiresAt") return row.expiresAt!;
  return sort === "domainName" ? row.domainName : row.customer;
}

/** Every row the list shows for this filter and sort, one keyset batch at a time on `db`, never all at once. */
export async function* exportBatches(db: Queryable, query: WorkspaceQuery, now: Date, batch = EXPORT_BATCH) {
  let cursor: ExportCursor | undefined;
  for (;;) {
    const rows = await queryRows<ExportRow>(db, exportBatchSql(query, now, cursor, batch));
    if (rows.length > 0) yield rows.map((row) => csvRecord(row, now));
    const last = rows.at(-1);
    if (rows.length < batch || !last) return;
    cursor = { value: sortValueOf(query.sort, last), id: last.id };
  }
}

/** The same rows one by one. */
export async function* exportRows(db: Queryable, query: WorkspaceQuery, now: Date, batch = EXPORT_BATCH) {
  for await (const records of exportBatches(db, query, now, batch)) yield* records;
}

/**
 * The CSV as a web stream: header first, then one batch per read of the client (back-pressure),
 * under an export slot (one per session, a few per fleet: lib/exports/start-csv-export.ts), on the
 * slot's own connection. Throws ExportRefusedError when no slot is free. `signal`: the request's,
 * so a client that goes away stops the queries.
 */
export async function exportExpiryCsv(actor: Actor, query: WorkspaceQuery, opts: { signal?: AbortSignal; now?: Date } = {}): Promise<ReadableStream<Uint8Array>> {
  assertCan(actor, "exportLicences");
  const now = opts.now ?? new Date();
  return startCsvExport(actor, { columns: CSV_COLUMNS, batches: (db) => exportBatches(db, { ...query, after: undefined }, now), signal: opts.signal });
}
