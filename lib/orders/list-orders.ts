import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { FAMILIES, PRODUCTS, type FamilyKey } from "@/lib/catalog";
import { COUNT_CAP, cursorParamSchema, decodeCursor, encodeCursor, escapeLike, isCursorInstant, PAGE_SIZE, SEARCH_CAP, tableQuerySchema, type Cursor } from "@/lib/pagination";
import { Prisma } from "@/lib/generated/prisma/client";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { orderPayer } from "./order-payer";
import { payerRequestsOf } from "./order-payer-query";
import { domainLabelCondition } from "@/lib/search/domain-search";

/**
 * The orders list at a million rows. Every query here is shaped for an index (the migration
 * 20261122060000_orders_list_indexes, and EXPLAIN plans in tools/bench/orders/README.md):
 * - paging by keyset (`after`/`before` cursors on the sort column + id); a typed `page` without a
 *   cursor is an OFFSET, fine for the first pages;
 * - counts stop at COUNT_CAP ("1,000+"), never a count(*) of the whole table;
 * - the search is a UNION ALL of one indexed query per kind (exact order numbers, e-mail prefix,
 *   name substrings through pg_trgm, domain starts, domain labels through a GIN index on their
 *   labels, and only then domain fragments through pg_trgm), never an OR across joins; when it matches more
 *   than SEARCH_CAP orders the matches are dense, and walking the sort index with the same test
 *   per row finds a page sooner than collecting every match.
 */

/** The sortable columns of the orders list, with the header label the page shows. */
export const ORDER_SORTS = {
  orderNumber: { label: "Order", kind: "text" },
  status: { label: "Status", kind: "status" },
  createdAt: { label: "Placed", kind: "date" },
} as const;
type OrderSort = keyof typeof ORDER_SORTS;

export { COUNT_CAP, SEARCH_CAP } from "@/lib/pagination";

const FAMILY_KEYS = FAMILIES.map((f) => f.key) as [FamilyKey, ...FamilyKey[]];
const DATE_TEXT = z.string().trim().max(40).optional().catch(undefined);

export const ordersQuerySchema = tableQuerySchema(["createdAt", "orderNumber", "status"] as const, "createdAt", "desc").extend({
  status: z.enum(Object.values(OrderStatus) as [OrderStatus, ...OrderStatus[]]).optional().catch(undefined),
  family: z.enum(FAMILY_KEYS).optional().catch(undefined),
  staff: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined),
  /** Created from / to, as typed (YYYY-MM-DD): checked by dateRangeOf so a bad one gets a message. */
  from: DATE_TEXT,
  to: DATE_TEXT,
  after: cursorParamSchema,
  before: cursorParamSchema,
});
export type OrdersQuery = z.output<typeof ordersQuerySchema>;

/** The order item codes of a family: SiteLock items carry the product ID, PlaceOrder items the PPP code. */
export function productCodesOf(family: FamilyKey): number[] {
  const codes = new Set<number>();
  for (const product of PRODUCTS) {
    if (product.family !== family) continue;
    if (product.productId !== undefined) codes.add(product.productId);
    for (const term of product.terms) if (term.ppp !== undefined) codes.add(term.ppp);
  }
  return [...codes].sort((a, b) => a - b);
}

function parseDay(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text && date.getUTCFullYear() >= 1970 ? date : undefined;
}

/** The created-date range of a query (whole UTC days, `to` included), and a sentence per bad value. */
export function dateRangeOf(query: Pick<OrdersQuery, "from" | "to">): { from?: Date; toExclusive?: Date; problems: string[] } {
  const problems: string[] = [];
  const day = (label: string, text: string | undefined) => {
    if (!text) return undefined;
    const date = parseDay(text);
    if (!date) problems.push(`"${text.slice(0, 20)}" is not a date for "${label}": use YYYY-MM-DD, e.g. 2026-01-31. That filter is not applied.`);
    return date;
  };
  const from = day("Placed from", query.from);
  const to = day("Placed to", query.to);
  if (from && to && from > to) {
    problems.push(`"Placed from" (${query.from}) is after "Placed to" (${query.to}): no order can match.`);
  }
  return { from, toExclusive: to ? new Date(to.getTime() + 86_400_000) : undefined, problems };
}

const COLUMN: Record<OrderSort, Prisma.Sql> = {
  createdAt: Prisma.raw(`o."createdAt"`),
  orderNumber: Prisma.raw(`o."orderNumber"`),
  status: Prisma.raw(`o."status"`),
};

function sortValueSql(sort: OrderSort, value: string): Prisma.Sql {
  if (sort === "createdAt") return Prisma.sql`${new Date(value)}::timestamp`;
  if (sort === "status") return Prisma.sql`${value}::"OrderStatus"`;
  return Prisma.sql`${value}`;
}

function cursorIsValid(cursor: Cursor, query: OrdersQuery): boolean {
  if (cursor.sort !== query.sort || cursor.dir !== query.dir) return false;
  if (cursor.value === null) return query.sort === "orderNumber";
  if (query.sort === "createdAt") return isCursorInstant(cursor.value);
  if (query.sort === "status") return (Object.values(OrderStatus) as string[]).includes(cursor.value);
  return true;
}

/**
 * Rows strictly beyond the cursor in the direction `dir` (ORDER BY col dir, id dir). Postgres puts
 * NULLs last ascending and first descending; only orderNumber can be NULL.
 */
function beyond(sort: OrderSort, dir: "asc" | "desc", cursor: Cursor): Prisma.Sql {
  const col = COLUMN[sort];
  const cmp = Prisma.raw(dir === "asc" ? ">" : "<");
  if (cursor.value === null) {
    return dir === "asc" ? Prisma.sql`(${col} IS NULL AND o.id > ${cursor.id})` : Prisma.sql`(${col} IS NOT NULL OR o.id < ${cursor.id})`;
  }
  const row = Prisma.sql`(${col}, o.id) ${cmp} (${sortValueSql(sort, cursor.value)}, ${cursor.id})`;
  return sort === "orderNumber" && dir === "asc" ? Prisma.sql`(${row} OR ${col} IS NULL)` : row;
}

function orderBy(sort: OrderSort, dir: "asc" | "desc"): Prisma.Sql {
  const d = Prisma.raw(dir === "asc" ? "ASC" : "DESC");
  return Prisma.sql`ORDER BY ${COLUMN[sort]} ${d}, o.id ${d}`;
}

/**
 * One indexed query per kind of match; UNION ALL so LIMIT stops as soon as the cap is passed.
 * Domains match whole or by their start (btree), and by their labels (lib/search/domain-search.ts:
 * a label, a label's start or end, or a dotted run of them, through the GIN index on
 * domain_search_tokens): "blog", "acme" and "shop" find "blog.acme.com", "www.acme.co.uk" and
 * "myshop.example.com" whatever trigrams the domains share. A fragment from inside one label
 * ("cme") is pg_trgm's (`withInnerDomainPart`), looked for only when nothing else matched.
 */
function searchUnion(q: string, withInnerDomainPart: boolean, withLabels = true): Prisma.Sql {
  const lower = escapeLike(q.toLowerCase());
  const labels = withLabels ? domainLabelCondition(Prisma.raw(`i."domainName"`), q) : undefined;
  const nameLabels = withLabels ? domainLabelCondition(Prisma.raw(`d."domainName"`), q) : undefined;
  return Prisma.sql`
      SELECT id FROM "Order" WHERE "orderNumber" = ${q}
      UNION ALL SELECT id FROM "Order" WHERE "foreignOrderNumber" = ${q}
      UNION ALL SELECT o.id FROM "Order" o WHERE o."customerId" IN (
        SELECT c.id FROM "Customer" c WHERE c.email LIKE ${`${lower}%`} OR c.name ILIKE ${`%${escapeLike(q)}%`})
      UNION ALL SELECT i."orderId" FROM "OrderItem" i WHERE i."domainName" LIKE ${`${lower}%`}
      ${labels ? Prisma.sql`UNION ALL SELECT i."orderId" FROM "OrderItem" i WHERE ${labels}` : Prisma.empty}
      ${withInnerDomainPart ? Prisma.sql`UNION ALL SELECT i."orderId" FROM "OrderItem" i WHERE i."domainName" ILIKE ${`%${lower}%`}` : Prisma.empty}
      UNION ALL SELECT d."orderId" FROM "OrderItemDomain" d WHERE d."domainName" LIKE ${`${lower}%`}
      ${nameLabels ? Prisma.sql`UNION ALL SELECT d."orderId" FROM "OrderItemDomain" d WHERE ${nameLabels}` : Prisma.empty}
      ${withInnerDomainPart ? Prisma.sql`UNION ALL SELECT d."orderId" FROM "OrderItemDomain" d WHERE d."domainName" ILIKE ${`%${lower}%`}` : Prisma.empty}`;
}

/**
 * The planner's estimate of how many orders the search matches (an EXPLAIN, no rows read): a
 * term that matches most of the book ("example") would make any index collect every match before
 * the first page, so such terms walk the sort index instead. The label branch is left out: its
 * matches are a subset of the domain substring (pg_trgm) branch's, whose estimate is better
 * (PostgreSQL guesses a tsquery prefix at 2% of the rows, which would send every domain search
 * down the walk).
 */
async function estimatedMatches(q: string): Promise<number> {
  const [row] = await prisma.$queryRaw<Array<{ "QUERY PLAN": Array<{ Plan: { "Plan Rows": number } }> }>>`EXPLAIN (FORMAT JSON) ${searchUnion(q, true, false)}`;
  return row?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
}

/** The orders a search matches, up to cap + 1: a part from inside a domain only when nothing else matched. */
async function searchMatches(q: string, cap: number): Promise<string[]> {
  const first = async (withInnerDomainPart: boolean) =>
    (await prisma.$queryRaw<Array<{ id: string }>>`SELECT id FROM (${searchUnion(q, withInnerDomainPart)}) m LIMIT ${cap + 1}`).map((r) => r.id);
  const direct = await first(false);
  return [...new Set(direct.length ? direct : await first(true))];
}

/** The same matches as a per-row test, for walking the sort index when matches are dense. */
function searchTest(q: string): Prisma.Sql {
  const lower = escapeLike(q.toLowerCase());
  return Prisma.sql`(o."orderNumber" = ${q} OR o."foreignOrderNumber" = ${q}
    OR o."customerId" IN (SELECT c.id FROM "Customer" c WHERE c.email LIKE ${`${lower}%`} OR c.name ILIKE ${`%${escapeLike(q)}%`})
    OR EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = o.id AND i."domainName" ILIKE ${`%${lower}%`})
    OR EXISTS (SELECT 1 FROM "OrderItemDomain" d WHERE d."orderId" = o.id AND d."domainName" ILIKE ${`%${lower}%`}))`;
}

export interface OrdersPage<T> {
  rows: T[];
  /** Matching orders, counted up to COUNT_CAP; `totalCapped` when there are more. */
  total: number;
  totalCapped: boolean;
  page: number;
  /** Exact when the total is; past the cap, the pages known so far (this one, and the next if any). */
  pageCount: number;
  /** Cursors for the neighbouring pages (absent at either end). */
  next?: string;
  previous?: string;
  /** A sentence per filter value that could not be used (a bad date). */
  problems: string[];
  /** Staff who have placed orders, for the staff filter. */
  staffOptions: Array<{ id: string; name: string }>;
}

const ORDER_ROW = {
  id: true,
  orderNumber: true,
  foreignOrderNumber: true,
  kind: true,
  status: true,
  createdAt: true,
  totalCost: true,
  sellTotal: true,
  buyTotal: true,
  currency: true,
  placedAt: true,
  customer: { select: { id: true, name: true } },
  items: { select: { productName: true, domainName: true, isAddOn: true, cost: true, domains: { select: { domainName: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.OrderSelect;

/** Orders, paged, sorted and filtered in the database. `q` matches order numbers, customers and domains. */
export async function listOrders(actor: Actor, query: OrdersQuery) {
  assertCan(actor, "viewOrders");
  const sort = query.sort as OrderSort;
  const range = dateRangeOf(query);

  const filters: Prisma.Sql[] = [];
  if (query.status) filters.push(Prisma.sql`o.status = ${query.status}::"OrderStatus"`);
  if (query.family) {
    filters.push(Prisma.sql`EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = o.id AND i."productCode" = ANY(${productCodesOf(query.family)}::int[]))`);
  }
  if (query.staff) filters.push(Prisma.sql`o."placedById" = ${query.staff}`);
  if (range.from) filters.push(Prisma.sql`o."createdAt" >= ${range.from}::timestamp`);
  if (range.toExclusive) filters.push(Prisma.sql`o."createdAt" < ${range.toExclusive}::timestamp`);
  if (query.q) {
    const matches = (await estimatedMatches(query.q)) > SEARCH_CAP ? undefined : await searchMatches(query.q, SEARCH_CAP);
    filters.push(!matches || matches.length > SEARCH_CAP ? searchTest(query.q) : Prisma.sql`o.id = ANY(${matches}::text[])`);
  }
  const where = (extra: Prisma.Sql[] = []) => {
    const all = [...filters, ...extra];
    return all.length ? Prisma.sql`WHERE ${Prisma.join(all, " AND ")}` : Prisma.empty;
  };

  const countRows = () =>
    prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Order" o ${where()} LIMIT ${COUNT_CAP + 1}) t`.then(
      (r) => r[0]?.n ?? 0,
    );
  const idsAt = (extra: Prisma.Sql[], dir: "asc" | "desc", offset: number) =>
    prisma.$queryRaw<Array<{ id: string; key: Date | string | null }>>`
      SELECT o.id, ${COLUMN[sort]}${sort === "status" ? Prisma.raw("::text") : Prisma.empty} AS key FROM "Order" o ${where(extra)} ${orderBy(sort, dir)}
      LIMIT ${PAGE_SIZE + 1} OFFSET ${offset}`;

  const after = decodeCursor(query.after);
  const before = after ? undefined : decodeCursor(query.before);
  const cursor = [after, before].find((c) => c && cursorIsValid(c, query));
  const reverse = query.dir === "asc" ? "desc" : "asc";

  let page = query.page;
  const [firstIds, counted, staffOptions] = await Promise.all([
    cursor === before && cursor
      ? idsAt([beyond(sort, reverse, cursor)], reverse, 0)
      : idsAt(cursor ? [beyond(sort, query.dir, cursor)] : [], query.dir, cursor ? 0 : (page - 1) * PAGE_SIZE),
    countRows(),
    staffWhoPlacedOrders(),
  ]);
  let ids = firstIds;
  const totalCapped = counted > COUNT_CAP;
  const total = Math.min(counted, COUNT_CAP);
  const exactPageCount = totalCapped ? null : Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (!cursor && exactPageCount !== null && page > exactPageCount) {
    // A page past the end (an old link, rows gone meanwhile, a typed URL): the last page.
    page = exactPageCount;
    ids = await idsAt([], query.dir, (page - 1) * PAGE_SIZE);
  }

  const backwards = cursor !== undefined && cursor === before;
  const more = ids.length > PAGE_SIZE;
  ids = ids.slice(0, PAGE_SIZE);
  if (backwards) ids.reverse();
  if (backwards && !more) page = 1;

  const pageIds = ids.map((r) => r.id);
  // Who paid Sectigo (reseller=N: "by Sectigo" in Customer pays): only the payer part of each stored
  // request is read, never the whole request (it can hold a form and a 32 KB CSR).
  const [found, payerRequests] = await Promise.all([
    prisma.order.findMany({ where: { id: { in: pageIds } }, select: ORDER_ROW }),
    payerRequestsOf(prisma, pageIds),
  ]);
  const byId = new Map(found.map((o) => [o.id, o]));
  const rows = ids
    .map((r) => byId.get(r.id))
    .filter((o) => o !== undefined)
    .map((o) => ({ ...o, payer: orderPayer(payerRequests.get(o.id)) }));

  const cursorOf = (r: { id: string; key: Date | string | null } | undefined): string | undefined =>
    r && encodeCursor({ sort, dir: query.dir, value: r.key instanceof Date ? r.key.toISOString() : r.key, id: r.id });
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : page > 1;

  return {
    rows,
    total,
    totalCapped,
    page,
    pageCount: exactPageCount ?? page + (hasNext ? 1 : 0),
    next: hasNext && rows.length ? cursorOf(ids.at(-1)) : undefined,
    previous: hasPrevious && rows.length ? cursorOf(ids[0]) : undefined,
    problems: range.problems,
    staffOptions,
  } satisfies OrdersPage<(typeof rows)[number]>;
}

/** Users with at least one order: the users table is small, each probe one index lookup. */
function staffWhoPlacedOrders(): Promise<Array<{ id: string; name: string }>> {
  return prisma.$queryRaw<Array<{ id: string; name: string }>>`
    SELECT u.id, u.name FROM "User" u
    WHERE EXISTS (SELECT 1 FROM "Order" o WHERE o."placedById" = u.id)
    ORDER BY u.name, u.id`;
}
