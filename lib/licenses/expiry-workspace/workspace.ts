import "server-only";
import { cache } from "react";
import { z } from "zod";
import { prisma, PREPARED } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { Prisma } from "@/lib/generated/prisma/client";
import { productById, termByValue, termValue } from "@/lib/catalog";
import { EXPIRY_BUCKETS, type ExpiryBucketKey } from "@/lib/licenses/rules/status";
import { expiryFilterSchema, type ExpiryFilter } from "@/lib/licenses/expiry-workspace/filter";
import { cursorParamSchema, decodeCursor, encodeCursor, isCursorInstant, type SearchParams } from "@/lib/pagination";
import { afterCursorSql, bucketRangeSql, filterConditionsSql, rollupSlots, rollupSlotsSql, SORT_COLUMN, weekBounds } from "@/lib/licenses/expiry-workspace/sql";
import { compactExpiryTallySoon, tallyServes, talliedRollupSql } from "@/lib/licenses/expiry-workspace/expiry-tally";

/**
 * The account managers' expiry workspace (issue 9): what expires when, and what it is worth.
 * - bucket cards and chart: ONE grouped query (slot, productCode, termDays), priced in TypeScript
 *   from PlanPrice (sell price of the catalog plan = product key + term): the slots' whole hours from
 *   the expiry tally (expiry-tally.ts, issue 19), their ends from the expiry index; a customer's or
 *   manager's licenses over the range of the expiry index (index-only), one index range per slot;
 * - the list: one SQL statement with the export's filter (`filterConditionsSql`, held equal to
 *   `expiryFilterWhere`, the bulk run's), keyset paged; its total is the bucket counts' sum (exact,
 *   no separate count).
 * Value counts the base plan's sell price; add-ons are not priced here.
 */

export const WORKSPACE_SORTS = {
  expiresAt: { label: "Expires", kind: "date" },
  domainName: { label: "Domain", kind: "text" },
  customer: { label: "Customer", kind: "text" },
} as const;
export type WorkspaceSort = keyof typeof WORKSPACE_SORTS;
export const WORKSPACE_PAGE_SIZE = 50;

export const workspaceQuerySchema = expiryFilterSchema.extend({
  sort: z.enum(["expiresAt", "domainName", "customer"]).catch("expiresAt").default("expiresAt"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  after: cursorParamSchema,
});
export type WorkspaceQuery = z.output<typeof workspaceQuerySchema>;

const FILTER_LABELS: Record<string, string> = {
  bucket: "Expiry",
  customer: "Customer",
  product: "Product",
  tier: "Tier",
  autoRenew: "Auto-renew",
  manager: "Account manager",
  sort: "Sort",
  dir: "Direction",
  after: "Page",
};

/** Parses the URL; a value that could not be used is named in a sentence (the filter falls back to "any"). */
export function parseWorkspaceQuery(params: SearchParams): { query: WorkspaceQuery; problems: string[] } {
  const raw = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const query = workspaceQuerySchema.parse(raw);
  const problems: string[] = [];
  for (const [key, label] of Object.entries(FILTER_LABELS)) {
    const typed = raw[key];
    if (typed === undefined || typed.trim() === "") continue; // blank is "Any", as the form sends it
    const used = (query as Record<string, unknown>)[key];
    if (used === undefined || String(used) !== typed.trim()) {
      problems.push(`"${typed.slice(0, 40)}" is not a valid value for "${label}": that filter is not applied.`);
    }
  }
  return { query, problems };
}

/** The filter's own parameters, as the URL, the CSV export and /renewals/runs/new carry them. */
export function filterParams(filter: ExpiryFilter): URLSearchParams {
  const qs = new URLSearchParams();
  if (filter.bucket !== "any") qs.set("bucket", filter.bucket);
  if (filter.customer) qs.set("customer", filter.customer);
  if (filter.product !== undefined) qs.set("product", String(filter.product));
  if (filter.tier !== undefined) qs.set("tier", String(filter.tier));
  if (filter.autoRenew !== "any") qs.set("autoRenew", filter.autoRenew);
  if (filter.manager) qs.set("manager", filter.manager);
  return qs;
}

// ---- prices ----------------------------------------------------------------------------------

export interface Money {
  currency: string;
  amount: number;
}
type PriceKind = "sellPrice" | "buyPrice";
export type PriceBook = Map<string, { buyPrice: number; sellPrice: number; currency: string }>;

/** The catalog plan (product key | term value) a license renews on, or null for a product the catalog does not know. */
export function planKeyOf(productCode: number, termDays: number | null): string | null {
  const product = productById(productCode);
  const term = product && termByValue(product, String(termDays ?? 0));
  return product && term ? `${product.key}|${termValue(product, term)}` : null;
}

/** Read once per request however many parts of a page ask (React's cache: the list and the funds warning both price). */
export const loadPriceBook = cache(async function loadPriceBook(): Promise<PriceBook> {
  const rows = await prisma.planPrice.findMany({ select: { productKey: true, term: true, buyPrice: true, sellPrice: true, currency: true } });
  return new Map(rows.map((r) => [`${r.productKey}|${r.term}`, { buyPrice: Number(r.buyPrice), sellPrice: Number(r.sellPrice), currency: r.currency }]));
});

/** Sums grouped rows at a price, per currency; rows without a price are counted apart. */
export function priceGroups(rows: Array<{ productCode: number; termDays: number | null; n: number }>, book: PriceBook, kind: PriceKind) {
  const byCurrency = new Map<string, number>();
  let unpriced = 0;
  for (const r of rows) {
    const key = planKeyOf(r.productCode, r.termDays);
    const price = key ? book.get(key) : undefined;
    if (!price) {
      unpriced += r.n;
      continue;
    }
    byCurrency.set(price.currency, (byCurrency.get(price.currency) ?? 0) + price[kind] * r.n);
  }
  const value: Money[] = [...byCurrency].map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 }));
  return { value: value.sort((a, b) => a.currency.localeCompare(b.currency)), unpriced };
}

// ---- buckets and chart -----------------------------------------------------------------------

type Grouped = { productCode: number; termDays: number | null; n: number };

/**
 * The one grouped query behind the cards and the chart (every filter but the bucket): for each slot
 * of `rollupSlots` (the expiry range cut at every bucket and week bound), the licenses counted per
 * plan over that slot's range of the expiry index (index-only). A slot has one bucket and one week,
 * so no expression is evaluated per row: at 1M licenses this is as fast as counting the range per
 * plan (two CASE chains per row, as it was, doubled the time).
 */
export function rollupSql(filter: ExpiryFilter, now: Date): Prisma.Sql {
  const all: ExpiryFilter = { ...filter, bucket: "any" };
  return Prisma.sql`
    SELECT s.slot, x."productCode", x."termDays", x.n
    FROM (VALUES ${rollupSlotsSql(now)}) AS s(slot, gt, lte)
    CROSS JOIN LATERAL (
      SELECT l."productCode" AS "productCode", l."termDays" AS "termDays", count(*)::int AS n
      FROM "License" l
      WHERE l."expiresAt" > s.gt AND l."expiresAt" <= s.lte AND ${Prisma.join(filterConditionsSql(all, now), " AND ")}
      GROUP BY 1, 2
    ) x`;
}

export type RollupRow = Grouped & { bucket: ExpiryBucketKey | null; week: number | null };

/**
 * The cards' and chart's rows: from the expiry tally (issue 19: whole hours summed, the slots' ends
 * counted), or, for one customer's or one manager's licenses (few, and the tally has no customer),
 * from "License" by `rollupSql`, which tests/integration/expiry-tally.test.ts holds the tally to.
 */
export async function rollup(filter: ExpiryFilter, now: Date): Promise<RollupRow[]> {
  const slots = rollupSlots(now);
  const tallied = tallyServes(filter);
  // The tally's statement is prepared (lib/db.ts PREPARED): its ranges are a VALUES list read slot by
  // slot, so even a custom plan cannot use their values; planning was ~1.3 of its ~3.5 ms per view.
  const rows = await prisma.$queryRaw<Array<Grouped & { slot: number }>>(tallied ? Prisma.sql`${Prisma.raw(PREPARED)}${talliedRollupSql(filter, now)}` : rollupSql(filter, now));
  if (tallied) compactExpiryTallySoon();
  return rows.map(({ slot, ...r }) => ({ ...r, bucket: slots[slot]!.bucket, week: slots[slot]!.week }));
}

export interface BucketSummary {
  key: ExpiryBucketKey;
  label: string;
  count: number;
  /** Sell value per currency (several if the price list has several). */
  value: Money[];
  /** Licenses whose plan has no price. */
  unpriced: number;
}

/** Bucket counts and sell value under every filter but the bucket (the cards narrow the list). */
export function bucketsOf(rows: RollupRow[], book: PriceBook): BucketSummary[] {
  return EXPIRY_BUCKETS.map((b) => {
    const mine = rows.filter((r) => r.bucket === b.key);
    return { key: b.key, label: b.label, count: mine.reduce((s, r) => s + r.n, 0), ...priceGroups(mine, book, "sellPrice") };
  });
}

export async function bucketSummaries(filter: ExpiryFilter, now: Date, book: PriceBook): Promise<BucketSummary[]> {
  return bucketsOf(await rollup(filter, now), book);
}

export interface ChartWeek {
  /** 0-based: week k is (now + 7k days, now + 7(k+1) days]. */
  week: number;
  from: Date;
  to: Date;
  count: number;
  value: Money[];
}

/** Expiries and their sell value per week for the next 13 weeks (every filter but the bucket). */
export function weeksOf(rows: RollupRow[], now: Date, book: PriceBook): ChartWeek[] {
  return weekBounds(now).map(({ week, gt, lte }) => {
    const mine = rows.filter((r) => r.week === week);
    return { week, from: gt, to: lte, count: mine.reduce((s, r) => s + r.n, 0), value: priceGroups(mine, book, "sellPrice").value };
  });
}

export async function chartWeeks(filter: ExpiryFilter, now: Date, book: PriceBook): Promise<ChartWeek[]> {
  return weeksOf(await rollup(filter, now), now, book);
}

// ---- the list --------------------------------------------------------------------------------

export const WORKSPACE_ROW = {
  id: true,
  domainName: true,
  productCode: true,
  productName: true,
  termDays: true,
  status: true,
  expiresAt: true,
  autoRenew: true,
  currentOrderNumber: true,
  customer: { select: { id: true, name: true, accountManager: { select: { id: true, name: true } } } },
  addOns: { select: { productName: true }, where: { status: "ACTIVE" } },
} satisfies Prisma.LicenseSelect;
export type WorkspaceRow = Prisma.LicenseGetPayload<{ select: typeof WORKSPACE_ROW }>;

export function orderByOf(sort: WorkspaceSort, dir: "asc" | "desc"): Prisma.LicenseOrderByWithRelationInput[] {
  if (sort === "customer") return [{ customer: { name: dir } }, { id: dir }];
  return [{ [sort]: dir }, { id: dir }];
}

export function sortValueOf(sort: WorkspaceSort, row: { expiresAt: Date | null; domainName: string; customer: { name: string } }): string {
  if (sort === "expiresAt") return row.expiresAt!.toISOString();
  return sort === "domainName" ? row.domainName : row.customer.name;
}

function validCursor(query: WorkspaceQuery) {
  const c = decodeCursor(query.after);
  if (!c || c.sort !== query.sort || c.dir !== query.dir || c.value === null) return undefined;
  // An expiry cursor is what sortValueOf wrote (toISOString): anything else starts the list over.
  if (query.sort === "expiresAt" && !isCursorInstant(c.value)) return undefined;
  return c;
}


type PageRow = Omit<WorkspaceRow, "customer" | "addOns"> & { customerId: string; customerName: string; managerId: string | null; managerName: string | null; addOns: string[] };

/**
 * One page of the filtered list, after `query.after`: one statement (the license, its customer, the
 * account manager and the active add-ons' names), where Prisma's `findMany` with those relations
 * sent four one after another; on /renewals at 1,000,000 orders that chain was the page's longest
 * wait. The same filter (filterConditionsSql and bucketRangeSql, held equal to expiryFilterWhere by
 * tests/integration/expiry-workspace.test.ts) and the order of `orderByOf`: the tests walk it page
 * by page against Prisma's own query with that order.
 */
export async function listPage(query: WorkspaceQuery, now: Date, take = WORKSPACE_PAGE_SIZE) {
  const cursor = validCursor(query);
  const found = await prisma.$queryRaw<PageRow[]>(listPageSql(query, now, take, cursor));
  const rows: WorkspaceRow[] = found.map(({ customerId, customerName, managerId, managerName, addOns, ...l }) => ({
    ...l,
    customer: { id: customerId, name: customerName, accountManager: managerId === null ? null : { id: managerId, name: managerName ?? "" } },
    addOns: addOns.map((productName) => ({ productName })),
  }));
  const more = rows.length > take;
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    rows: page,
    next: more && last ? encodeCursor({ sort: query.sort, dir: query.dir, value: sortValueOf(query.sort, last), id: last.id }) : undefined,
    isFirstPage: !cursor,
  };
}

/** The list's statement: `take` + 1 rows after the query's cursor (the extra row says whether a next page exists). */
export function listPageSql(query: WorkspaceQuery, now: Date, take = WORKSPACE_PAGE_SIZE, cursor = validCursor(query)): Prisma.Sql {
  const column = SORT_COLUMN[query.sort];
  const dir = Prisma.raw(query.dir === "asc" ? "ASC" : "DESC");
  const conditions = [bucketRangeSql(query, now), ...filterConditionsSql(query, now)];
  if (cursor) {
    const value = query.sort === "expiresAt" ? Prisma.sql`${new Date(cursor.value!)}::timestamp` : Prisma.sql`${cursor.value}`;
    conditions.push(...afterCursorSql(column, query.dir, value, cursor.id));
  }
  return Prisma.sql`
    SELECT l.id, l."domainName", l."productCode", l."productName", l."termDays", l.status, l."expiresAt", l."autoRenew", l."currentOrderNumber",
      c.id AS "customerId", c.name AS "customerName", m.id AS "managerId", m.name AS "managerName",
      ARRAY(SELECT a."productName" FROM "AddOn" a WHERE a."licenseId" = l.id AND a.status = 'ACTIVE' ORDER BY a."createdAt", a.id) AS "addOns"
    FROM "License" l
    JOIN "Customer" c ON c.id = l."customerId"
    LEFT JOIN "User" m ON m.id = c."accountManagerId"
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${column} ${dir}, l.id ${dir}
    LIMIT ${take + 1}`;
}

// ---- the use case ----------------------------------------------------------------------------

export async function viewExpiryWorkspace(actor: Actor, query: WorkspaceQuery, now = new Date()) {
  assertCan(actor, "viewLicenses");
  const [book, rows, page, filterOptions] = await Promise.all([loadPriceBook(), rollup(query, now), listPage(query, now), workspaceFilterOptions(query.customer)]);
  const buckets = bucketsOf(rows, book);
  const chart = weeksOf(rows, now, book);
  const total = query.bucket === "any" ? buckets.reduce((s, b) => s + b.count, 0) : (buckets.find((b) => b.key === query.bucket)?.count ?? 0);
  return { buckets, chart, ...page, total, filterOptions };
}

/** Account managers for the filter, and the picked customer's name (the picker shows it). */
async function workspaceFilterOptions(customerId: string | undefined) {
  const [managers, customer] = await Promise.all([
    prisma.user.findMany({ where: { role: "ACCOUNT_MANAGER" }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    customerId ? prisma.customer.findUnique({ where: { id: customerId }, select: { id: true, name: true, email: true } }) : null,
  ]);
  return { managers, customer };
}

export type ExpiryWorkspace = Awaited<ReturnType<typeof viewExpiryWorkspace>>;
