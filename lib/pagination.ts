import { z } from "zod";
import { controlCharactersToSpaces, withoutInvisibleCharacters } from "@/lib/validation/text";

export const PAGE_SIZE = 25;
export const MAX_SEARCH_LENGTH = 200;

/**
 * Search text as typed, made safe to send: invisible and reordering characters are dropped,
 * control characters (a NUL makes Postgres answer 22021) become spaces, runs of blanks collapse, and long text is cut at a character boundary
 * (never inside an emoji's surrogate pair).
 */
export function cleanSearchText(raw: string): string {
  const text = controlCharactersToSpaces(withoutInvisibleCharacters(raw)).replace(/\s+/g, " ").trim();
  return Array.from(text).slice(0, MAX_SEARCH_LENGTH).join("").trim();
}

/**
 * A query-string field whose empty value means "no filter": a form's "Any" option submits `tier=`,
 * and `z.coerce.number()` would read that as 0 (issue 17: "Any tier" became Monitor). Blank text is
 * treated as if the parameter were absent, before the field's own schema sees it.
 */
export function blankIsAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);
}

/** The `q` of a list or lookup: any string in, clean text out (never a parse failure). */
export const searchTextSchema = z
  .string()
  .catch("")
  .default("")
  .transform((s) => cleanSearchText(s));

/**
 * A LIKE pattern matches `%`, `_` and `\` as wildcards and escapes; Prisma's `contains`,
 * `startsWith` and `endsWith` pass them through unescaped. Escape them so they match themselves.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Table query from the URL: page, sort, direction, text filter. Bad values fall back to defaults. */
export function tableQuerySchema<const S extends readonly [string, ...string[]]>(sorts: S, defaultSort: S[number], defaultDir: "asc" | "desc") {
  return z.object({
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
    sort: z.enum(sorts).catch(defaultSort as never),
    dir: z.enum(["asc", "desc"]).catch(defaultDir),
    q: searchTextSchema,
  });
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageCount: number;
  /** The list has more than `total` rows (a capped count: "1,000+"); pageCount is then only "is there a next page". */
  totalCapped?: boolean;
}

/** Lists count at most this many rows ("1,000+"): a whole-table count at 1,000,000 rows is a scan. */
export const COUNT_CAP = 1000;

/** A search collects at most this many matching ids (+1, to know there are more) before paging them. */
export const SEARCH_CAP = 5000;

function pageCountOf(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * One page of a list: rows and total are fetched together; a page past the end (an old link,
 * rows deleted meanwhile, a typed URL) is answered with the last page, fetched only then.
 */
export async function loadPage<T>(
  requested: number,
  fetchRows: (skip: number, take: number) => Promise<T[]>,
  count: () => Promise<number>,
  /** With a cap, `count` counts at most cap + 1 rows; more than cap is shown as "cap+". */
  cap?: number,
): Promise<Page<T>> {
  const [rows, total] = await Promise.all([fetchRows((requested - 1) * PAGE_SIZE, PAGE_SIZE), count()]);
  if (cap !== undefined && total > cap) {
    // Past the end of a long list (an old link, a typed URL): its last page is not known without
    // counting everything, so the answer is the first page.
    if (rows.length === 0 && requested > 1) return loadPage(1, fetchRows, count, cap);
    return { rows, total: cap, totalCapped: true, page: requested, pageCount: rows.length === PAGE_SIZE ? requested + 1 : requested };
  }
  const pageCount = pageCountOf(total);
  if (requested <= pageCount) return { rows, total, page: requested, pageCount };
  return { rows: await fetchRows((pageCount - 1) * PAGE_SIZE, PAGE_SIZE), total, page: pageCount, pageCount };
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated parameter (`?q=a&q=b`) counts once: its first value. */
export function firstValues(params: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

type QueryValue = string | number | undefined;

/**
 * A link to the same list with some values changed. Built from the parsed query, so links carry
 * the sort, direction, filters and search actually applied (never raw, unvalidated URL text);
 * page 1 and empty values are left out.
 */
export function listHref(base: string, query: Record<string, QueryValue>, changes: Record<string, QueryValue>): string {
  const merged = { ...query, ...changes };
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === "") continue;
    if (key === "page" && Number(value) <= 1) continue;
    qs.set(key, String(value));
  }
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}

export type SortColumns = Record<string, { label: string; kind: "date" | "text" | "status" }>;

const ORDER_WORDS = {
  date: ["oldest first", "newest first"],
  text: ["A to Z", "Z to A"],
  status: ["in workflow order", "in reverse workflow order"],
} as const;

/** "Sorted by placed, newest first.": the subtitle names the sort actually applied. */
export function describeSort(sorts: SortColumns, query: { sort: string; dir: "asc" | "desc" }): string {
  const column = sorts[query.sort];
  if (!column) return "";
  return `Sorted by ${column.label.toLowerCase()}, ${ORDER_WORDS[column.kind][query.dir === "asc" ? 0 : 1]}.`;
}

/**
 * Keyset paging: a cursor names the row a page starts after (or ends before) by its sort value
 * and id, so page N costs what page 1 costs. It travels in the URL as opaque base64url text;
 * anything that does not decode to [sort, dir, value, id] is ignored (the list starts over).
 */
export interface Cursor {
  sort: string;
  dir: "asc" | "desc";
  value: string | null;
  id: string;
}

/**
 * A sort value may be a whole domain name (up to 253 characters), a customer's name or an e-mail:
 * up to 400 characters, each up to 4 bytes of UTF-8, as JSON in base64url.
 */
const MAX_CURSOR_VALUE = 400;
const MAX_CURSOR_LENGTH = 2400;
/** PostgreSQL's text refuses NUL (a 500); no sort value or id holds a control character. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A date sort value as the list wrote it (toISOString), of years 0001-9999. Anything else from the
 * URL would reach PostgreSQL as a timestamp it refuses (a 500: "2025-02-30", "1", or an extended year
 * such as -000001, which the adapter sends as "00-1-01-01") or reads another way (an offset).
 */
export function isCursorInstant(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) || value.startsWith("0000")) return false;
  const d = new Date(value);
  return !Number.isNaN(d.getTime()) && d.toISOString() === value;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.dir, cursor.value, cursor.id]), "utf8").toString("base64url");
}

export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text || text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 4) return undefined;
    const [sort, dir, value, id] = parsed as unknown[];
    if (typeof sort !== "string" || (dir !== "asc" && dir !== "desc") || typeof id !== "string" || id.length === 0 || id.length > 64 || CONTROL.test(id)) return undefined;
    if (value !== null && (typeof value !== "string" || value.length > MAX_CURSOR_VALUE || CONTROL.test(value))) return undefined;
    return { sort, dir, value, id };
  } catch {
    return undefined;
  }
}

/** A cursor parameter from the URL: opaque text kept as typed when it looks like one, else absent. */
export const cursorParamSchema = z
  .string()
  .max(MAX_CURSOR_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/)
  .optional()
  .catch(undefined);
