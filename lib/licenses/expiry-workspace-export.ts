import "server-only";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { EXPIRY_BUCKETS, expiryBucket } from "@/lib/licenses/licence-status";
import { listPage, type WorkspaceQuery, type WorkspaceRow } from "@/lib/licenses/expiry-workspace";

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

/** Every row the list shows for this filter and sort, read in keyset batches (never all at once). */
export async function* exportRows(query: WorkspaceQuery, now: Date, batch = EXPORT_BATCH) {
  let after: string | undefined;
  do {
    const page = await listPage({ ...query, after }, now, batch);
    for (const row of page.rows) yield csvRecord(row, now);
    after = page.next;
  } while (after);
}

/** The CSV as a web stream: header first, then the rows as the database gives them. */
export function exportExpiryCsv(actor: Actor, query: WorkspaceQuery, now = new Date()): ReadableStream<Uint8Array> {
  assertCan(actor, "viewLicenses");
  const csv = Readable.from(exportRows({ ...query, after: undefined }, now)).pipe(
    stringify({ header: true, columns: CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header })) }),
  );
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}
