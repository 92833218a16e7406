import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { queryRows, type Queryable } from "@/lib/db/query-rows";
import { csvHeader } from "@/lib/exports/csv-chunks";
import { startCsvExport } from "@/lib/exports/start-csv-export";
import { Prisma } from "@/lib/generated/prisma/client";
import { bucketBoundsForSql, EXPIRY_BUCKETS } from "@/lib/licenses/rules/status";
import { afterCursorSql, bucketRangeSql, filterConditionsSql, liveStatuses, SORT_COLUMN } from "@/lib/licenses/expiry-workspace/sql";
import type { WorkspaceQuery } from "@/lib/licenses/expiry-workspace/workspace";

/**
 * The renewals CSV (issue 9; fair use, issue 16 item 9). PostgreSQL writes the lines; the app
 * moves bytes. Ten exports at once through Prisma took 176 s each with the page at 3.3 s p50:
 * ~49 µs of Node CPU per row (Prisma's nested rows) on the thread every page waits for. As flat
 * rows through node-postgres it was ~6 µs, but every field became a JS string that outlived the
 * socket reads of its result and was promoted into the old heap, which V8 then let grow to ~4x
 * its live size. Now each batch comes back as ONE text of CSV lines (`exportBatchSql`), turned into
 * bytes at once. Read in keyset batches on the export's own connection (the one holding its slot:
 * lib/exports/export-slots.ts). Figures: tools/bench/exports/README.md.
 *
 * The filter is the workspace's own SQL translation (lib/licenses/expiry-workspace/sql.ts, held
 * equal to `expiryFilterWhere`), and tests/integration/expiry-workspace.test.ts holds the file,
 * byte for byte, to the list's rows written by csv-stringify with the formula guard below.
 */
/** Rows per batch: ~90 KB of CSV, under V8's large-object size (128 KB), so a batch's text is a young object that dies young. */
export const EXPORT_BATCH = 500;

export const CSV_COLUMNS = [
  { key: "id", header: "License ID" },
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
 * spreadsheets show as text. (`textCell` below is this rule in SQL.)
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A text cell in SQL: the formula guard, then RFC 4180 quoting as csv-stringify does it (quoted
 * when it holds a comma, a double quote, CR or LF; inner quotes doubled). `x` is a column of the
 * batch's subquery, so repeating it costs nothing. Plain character tests, not regular expressions:
 * PostgreSQL widens the text for every regular expression match, which made the lines cost ~4x
 * PostgreSQL's own CSV writer (COPY).
 */
function textCell(x: Prisma.Sql): Prisma.Sql {
  const guarded = Prisma.sql`(CASE WHEN left(${x}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${x} ELSE ${x} END)`;
  // The guard's apostrophe never needs quoting, so the quoting test looks at the value itself, and
  // only the branch taken evaluates the guard.
  const needsQuotes = Prisma.sql`(strpos(${x}, ',') > 0 OR strpos(${x}, '"') > 0 OR strpos(${x}, E'\\n') > 0 OR strpos(${x}, E'\\r') > 0)`;
  return Prisma.sql`(CASE WHEN ${needsQuotes} THEN '"' || replace(${guarded}, '"', '""') || '"' ELSE ${guarded} END)`;
}

/** The bucket's label (expiryBucket's rule: a live status and the bucket's range). */
function bucketLabelSql(now: Date): Prisma.Sql {
  const labels = bucketBoundsForSql(now).map((b) => {
    const label = EXPIRY_BUCKETS.find((x) => x.key === b.key)!.label;
    return Prisma.sql`WHEN x."expiresAtValue" > ${b.gt}::timestamp AND x."expiresAtValue" <= ${b.lte}::timestamp THEN ${label}`;
  });
  return Prisma.sql`CASE WHEN x.status = ANY(${liveStatuses(now)}::"LicenseStatus"[]) THEN CASE ${Prisma.join(labels, " ")} ELSE '' END ELSE '' END`;
}

// The labels, "on"/"off", digits and ISO dates need neither the guard nor quotes: checked once here.
for (const b of EXPIRY_BUCKETS) if (guardCell(b.label) !== b.label || /[",\r\n]/.test(b.label)) throw new Error(`bucket label "${b.label}" needs CSV quoting: put it through textCell`);

export type ExportCursor = { value: string; id: string };

/**
 * One batch, as CSV lines: the inner query is the list's filter and order (after the first batch,
 * a plain range bound on the sort column, `>=` ascending, `<=` descending, which lets PostgreSQL
 * start its index scan at the cursor, issue 9 review #9, and the exact keyset condition on
 * (sort value, id)); the outer one writes each row as a line and returns its sort value and id
 * for the next cursor.
 */
export function exportBatchSql(query: WorkspaceQuery, now: Date, cursor: ExportCursor | undefined, batch = EXPORT_BATCH): Prisma.Sql {
  const column = SORT_COLUMN[query.sort];
  const dir = Prisma.raw(query.dir === "asc" ? "ASC" : "DESC");
  const conditions = [bucketRangeSql(query, now), ...filterConditionsSql(query, now)];
  if (cursor) {
    const value = query.sort === "expiresAt" ? Prisma.sql`${cursor.value}::timestamp` : Prisma.sql`${cursor.value}`;
    conditions.push(...afterCursorSql(column, query.dir, value, cursor.id));
  }
  const sortValue = { expiresAt: Prisma.raw(`x."expiresAt"`), domainName: Prisma.raw(`x."domainName"`), customer: Prisma.raw(`x.customer`) }[query.sort];
  const outerOrder = { expiresAt: Prisma.raw(`x."expiresAtValue"`), domainName: Prisma.raw(`x."domainName"`), customer: Prisma.raw(`x.customer`) }[query.sort];
  // Each row becomes its line, numbered in the list's order; the batch is the lines joined in that
  // order (one text), with the last row's sort value and id for the next cursor.
  return Prisma.sql`
    SELECT string_agg(y.line, '' ORDER BY y.ord) AS csv, count(*)::int AS rows,
      (array_agg(y."sortValue" ORDER BY y.ord DESC))[1] AS "sortValue", (array_agg(y.id ORDER BY y.ord DESC))[1] AS id
    FROM (
      SELECT concat_ws(',',
          ${textCell(Prisma.raw("x.id"))}, ${textCell(Prisma.raw(`x."domainName"`))}, ${textCell(Prisma.raw("x.customer"))}, ${textCell(Prisma.raw(`x."productName"`))},
          coalesce(x."termDays"::text, ''), coalesce(x."expiresAt", ''), ${bucketLabelSql(now)}, CASE WHEN x."autoRenew" THEN 'on' ELSE 'off' END,
          ${textCell(Prisma.raw(`coalesce(x."addOns", '')`))}, ${textCell(Prisma.raw("coalesce(x.manager, '')"))}, ${textCell(Prisma.raw(`coalesce(x."currentOrderNumber", '')`))}
        ) || E'\\n' AS line,
        ${sortValue} AS "sortValue", x.id, row_number() OVER (ORDER BY ${outerOrder} ${dir}, x.id ${dir}) AS ord
      FROM (
        SELECT l.id, l."domainName", c.name AS customer, l."productName", l."termDays", l."expiresAt" AS "expiresAtValue",
          to_char(l."expiresAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "expiresAt", l.status, l."autoRenew",
          (SELECT string_agg(a."productName", '; ' ORDER BY a."createdAt", a.id) FROM "AddOn" a WHERE a."licenseId" = l.id AND a.status = 'ACTIVE') AS "addOns",
          m.name AS manager, l."currentOrderNumber"
        FROM "License" l
        JOIN "Customer" c ON c.id = l."customerId"
        LEFT JOIN "User" m ON m.id = c."accountManagerId"
        WHERE ${Prisma.join(conditions, " AND ")}
        ORDER BY ${column} ${dir}, l.id ${dir}
        LIMIT ${batch}
      ) x
    ) y`;
}

type BatchRow = { csv: string | null; rows: number; sortValue: string | null; id: string | null };

/**
 * One batch as one chunk of bytes, and the cursor after it (none after the last). The batch comes
 * back from PostgreSQL as ONE text, which becomes the chunk's bytes at once: no per-row string or
 * object lives on the heap across the socket reads of a result (with a string per row, they did,
 * and each was promoted into the old heap).
 */
async function readBatch(db: Queryable, query: WorkspaceQuery, now: Date, cursor: ExportCursor | undefined, batch: number) {
  const [row] = await queryRows<BatchRow>(db, exportBatchSql(query, now, cursor, batch));
  if (!row?.csv) return { chunk: null, next: undefined };
  return {
    chunk: Buffer.from(row.csv),
    next: row.rows === batch && row.sortValue !== null && row.id !== null ? { value: row.sortValue, id: row.id } : undefined,
  };
}

/** The CSV's bytes for this filter and sort: the header, then one chunk per keyset batch on `db`, never all at once. */
export async function* exportChunks(db: Queryable, query: WorkspaceQuery, now: Date, batch = EXPORT_BATCH): AsyncGenerator<Uint8Array> {
  yield csvHeader(CSV_COLUMNS);
  let cursor: ExportCursor | undefined;
  for (;;) {
    const { chunk, next } = await readBatch(db, query, now, cursor, batch);
    if (chunk) yield chunk;
    if (!next) return;
    cursor = next;
  }
}

/**
 * The CSV as a web stream: header first, then one batch per read of the client (back-pressure),
 * under an export slot (one per session, a few per fleet: lib/exports/start-csv-export.ts), on the
 * slot's own connection. Throws ExportRefusedError when no slot is free. `signal`: the request's,
 * so a client that goes away stops the queries.
 */
export async function exportExpiryCsv(actor: Actor, query: WorkspaceQuery, opts: { signal?: AbortSignal; now?: Date } = {}): Promise<ReadableStream<Uint8Array>> {
  assertCan(actor, "exportLicenses");
  const now = opts.now ?? new Date();
  return startCsvExport(actor, { chunks: (db) => exportChunks(db, { ...query, after: undefined }, now), signal: opts.signal });
}
