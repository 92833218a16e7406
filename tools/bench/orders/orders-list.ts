/**
 * Orders list benchmark: `npm run bench:orders [-- --runs 50]`. Against the scaled world
 * (`npm run world:scale -- --licenses 1000000 --no-sandbox`): MIGRATION_DATABASE_URL (with DATABASE_URL), or the app's data dir
 * (DATA_DIR, PG_PORT) like world:scale. Times each case through listOrders, the use case the
 * /orders page calls, BESIDE a raw indexed SQL query for the same answer in the same run
 * (interleaved, so both see the same cache and load). Prints p50/p95 in ms; asserts nothing.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { withDatabase } from "@/tools/data-dir/database";
import type { Actor } from "@/lib/auth/session";
import { percentile, time } from "@/tools/bench/timing";

const { values } = parseArgs({ options: { runs: { type: "string", default: "50" } } });
const RUNS = Math.max(1, Number(values.runs) || 50);
const TARGET_P95_MS = 50;
const support: Actor = { id: "bench-support", email: "bench@orderdesk.test", name: "Bench", role: "SUPPORT" } as Actor;

type Params = Record<string, string>;
interface Case {
  name: string;
  /** The i-th run's URL parameters (samples rotate so one cached value does not flatter the figure). */
  params: (i: number) => Params;
  /** The same answer by hand: one indexed query. */
  floor: (i: number) => { text: string; values: unknown[] };
}

await withDatabase(async (url) => {
  // The app's Prisma singleton (lib/db.ts keeps it on globalThis.prisma), pointed at this database
  // before the use case first touches it, so the bench runs the very code the page runs.
  const { createPrismaClient } = await import("@/lib/db");
  (globalThis as unknown as { prisma?: ReturnType<typeof createPrismaClient> }).prisma = createPrismaClient(url);
  const { listOrders, ordersQuerySchema, productCodesOf } = await import("@/lib/orders/list-orders");
  const { prisma } = await import("@/lib/db");
  const raw = new pg.Pool({ connectionString: url, max: 2 });
  const load = (p: Params) => listOrders(support, ordersQuerySchema.parse(p));

  const orderCount = (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Order"`)).rows[0]?.n ?? 0;
  const { rows: samples } = await raw.query<{ orderNumber: string; foreignOrderNumber: string; email: string; domainName: string }>(
    `SELECT o."orderNumber", o."foreignOrderNumber", c.email, i."domainName"
       FROM "Order" o TABLESAMPLE SYSTEM (1) JOIN "Customer" c ON c.id = o."customerId"
       JOIN "OrderItem" i ON i."orderId" = o.id AND NOT i."isAddOn"
      WHERE o."orderNumber" IS NOT NULL AND i."domainName" IS NOT NULL LIMIT ${RUNS}`,
  );
  if (samples.length === 0) throw new Error("No orders to sample: fill the database with npm run world:scale first.");
  const sample = (i: number) => samples[i % samples.length]!;
  const emailPrefix = (i: number) => sample(i).email.slice(0, sample(i).email.indexOf(".") > 0 ? sample(i).email.indexOf(".") : 10);
  // Parts of a domain "c12345-site0004567.s1.scale.example" as support would paste them: its first
  // label "c12345-site0004567" (the domain's start); that label's end "site0004567", made only of
  // trigrams nearly every domain shares ("sit", "ite", "000", ...: the generated world's worst case
  // for pg_trgm), found by the label index; a dotted run from inside "site0004567.s1.scale" and
  // the domain under which it sits "site0004567.s1.scale.example" ("acme.com" of "blog.acme.com");
  // and a fragment from inside one label "2345-site000456", which only pg_trgm can find.
  const domainPart = (i: number) => sample(i).domainName.split(".")[0]!;
  const labelEnd = (i: number) => domainPart(i).slice(domainPart(i).indexOf("-") + 1);
  const dottedRun = (i: number) => `${labelEnd(i)}.s1.scale`;
  const parentDomain = (i: number) => sample(i).domainName.slice(sample(i).domainName.indexOf("-") + 1);
  const innerFragment = (i: number) => domainPart(i).slice(2, -1);
  // The floor for a label search: the label index when this database has it (migration
  // 20261122070500_domain_label_search), else the pg_trgm one.
  const { rows: [labelIndex] } = await raw.query<{ present: boolean }>(`SELECT to_regprocedure('domain_search_tokens(text)') IS NOT NULL AS present`);
  const labelFloor = (term: string, tsquery: string) =>
    labelIndex?.present
      ? { text: `SELECT "orderId" FROM "OrderItem" WHERE domain_search_tokens("domainName") @@ $1::tsquery AND strpos(lower("domainName"), $2) > 0 LIMIT 26`, values: [tsquery, term] }
      : { text: `SELECT "orderId" FROM "OrderItem" WHERE "domainName" ILIKE $1 LIMIT 26`, values: [`%${term}%`] };
  const reversed = (text: string) => Array.from(text).reverse().join("");
  const { rows: [newest] } = await raw.query<{ createdAt: Date; placedById: string | null }>(
    `SELECT "createdAt", "placedById" FROM "Order" WHERE "placedById" IS NOT NULL ORDER BY "createdAt" DESC LIMIT 1`,
  );
  const day = (d: Date, minusDays = 0) => new Date(d.getTime() - minusDays * 86_400_000).toISOString().slice(0, 10);
  const from = day(newest?.createdAt ?? new Date(), 30);
  const to = day(newest?.createdAt ?? new Date(), 23);
  const staff = newest?.placedById ?? "nobody";
  const sitelockCodes = productCodesOf("sitelock");
  const sslCodes = productCodesOf("sectigossl");

  // The 50th keyset page: follow Next 49 times (untimed), keep its cursor.
  let after: string | undefined;
  for (let p = 1; p < 50; p++) after = (await load({ ...(after ? { after } : {}), page: String(p) })).next;

  const page1 = `SELECT id FROM "Order" ORDER BY "createdAt" DESC, id DESC LIMIT 26`;
  const cases: Case[] = [
    { name: "page 1 (newest first)", params: () => ({}), floor: () => ({ text: page1, values: [] }) },
    {
      name: "page 50 (keyset cursor)",
      params: () => ({ after: after!, page: "50" }),
      floor: () => ({ text: `SELECT id FROM "Order" ORDER BY "createdAt" DESC, id DESC LIMIT 26 OFFSET 1225`, values: [] }),
    },
    {
      name: "page 50 (typed ?page=50)",
      params: () => ({ page: "50" }),
      floor: () => ({ text: `SELECT id FROM "Order" ORDER BY "createdAt" DESC, id DESC LIMIT 26 OFFSET 1225`, values: [] }),
    },
    {
      name: "sort by order number",
      params: () => ({ sort: "orderNumber", dir: "asc" }),
      floor: () => ({ text: `SELECT id FROM "Order" ORDER BY "orderNumber", id LIMIT 26`, values: [] }),
    },
    {
      name: "sort by status",
      params: () => ({ sort: "status", dir: "desc" }),
      floor: () => ({ text: `SELECT id FROM "Order" ORDER BY status DESC, id DESC LIMIT 26`, values: [] }),
    },
    {
      name: "filter status=PLACED",
      params: () => ({ status: "PLACED" }),
      floor: () => ({ text: `SELECT id FROM "Order" WHERE status = 'PLACED' ORDER BY "createdAt" DESC LIMIT 26`, values: [] }),
    },
    {
      name: "filter status=FAILED (rare)",
      params: () => ({ status: "FAILED" }),
      floor: () => ({ text: `SELECT id FROM "Order" WHERE status = 'FAILED' ORDER BY "createdAt" DESC LIMIT 26`, values: [] }),
    },
    {
      name: "filter family=sitelock",
      params: () => ({ family: "sitelock" }),
      floor: () => ({
        text: `SELECT o.id FROM "Order" o WHERE EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = o.id AND i."productCode" = ANY($1)) ORDER BY o."createdAt" DESC LIMIT 26`,
        values: [sitelockCodes],
      }),
    },
    {
      name: "filter family=sectigossl (none)",
      params: () => ({ family: "sectigossl" }),
      floor: () => ({ text: `SELECT "orderId" FROM "OrderItem" WHERE "productCode" = ANY($1) LIMIT 26`, values: [sslCodes] }),
    },
    {
      name: "filter created, one week",
      params: () => ({ from, to }),
      floor: () => ({
        text: `SELECT id FROM "Order" WHERE "createdAt" >= $1 AND "createdAt" < $2::timestamp + interval '1 day' ORDER BY "createdAt" DESC LIMIT 26`,
        values: [from, to],
      }),
    },
    {
      name: "filter staff member",
      params: () => ({ staff }),
      floor: () => ({ text: `SELECT id FROM "Order" WHERE "placedById" = $1 ORDER BY "createdAt" DESC LIMIT 26`, values: [staff] }),
    },
    {
      name: "search exact order number",
      params: (i) => ({ q: sample(i).orderNumber }),
      floor: (i) => ({ text: `SELECT id FROM "Order" WHERE "orderNumber" = $1`, values: [sample(i).orderNumber] }),
    },
    {
      name: "search foreign order number",
      params: (i) => ({ q: sample(i).foreignOrderNumber }),
      floor: (i) => ({ text: `SELECT id FROM "Order" WHERE "foreignOrderNumber" = $1`, values: [sample(i).foreignOrderNumber] }),
    },
    {
      name: "search e-mail prefix",
      params: (i) => ({ q: emailPrefix(i) }),
      floor: (i) => ({
        text: `SELECT o.id FROM "Customer" c JOIN "Order" o ON o."customerId" = c.id WHERE c.email LIKE $1 ORDER BY o."createdAt" DESC LIMIT 26`,
        values: [`${emailPrefix(i)}%`],
      }),
    },
    {
      name: "search partial domain",
      params: (i) => ({ q: domainPart(i) }),
      floor: (i) => ({ text: `SELECT "orderId" FROM "OrderItem" WHERE "domainName" LIKE $1 LIMIT 26`, values: [`${domainPart(i)}%`] }),
    },
    {
      name: "search a label's end, common trigrams",
      params: (i) => ({ q: labelEnd(i) }),
      floor: (i) => labelFloor(labelEnd(i), `'${labelEnd(i)}':* | '!${reversed(labelEnd(i))}':*`),
    },
    {
      name: "search a dotted run inside a domain",
      params: (i) => ({ q: dottedRun(i) }),
      floor: (i) => labelFloor(dottedRun(i), `'!${reversed(labelEnd(i))}':*`),
    },
    {
      name: "search a parent domain (its subdomains)",
      params: (i) => ({ q: parentDomain(i) }),
      floor: (i) => labelFloor(parentDomain(i), `'!${reversed(labelEnd(i))}':*`),
    },
    {
      name: "search a fragment inside a label (pg_trgm)",
      params: (i) => ({ q: innerFragment(i) }),
      floor: (i) => ({ text: `SELECT "orderId" FROM "OrderItem" WHERE "domainName" ILIKE $1 LIMIT 26`, values: [`%${innerFragment(i)}%`] }),
    },
    {
      name: "search broad ('scale.example')",
      params: () => ({ q: "scale.example" }),
      floor: () => ({
        text: `SELECT o.id FROM "Order" o WHERE EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = o.id AND i."domainName" ILIKE '%scale.example%') ORDER BY o."createdAt" DESC LIMIT 26`,
        values: [],
      }),
    },
    {
      name: "status + family + week + search",
      params: (i) => ({ status: "PLACED", family: "sitelock", from, to, q: emailPrefix(i) }),
      floor: (i) => ({
        text: `SELECT o.id FROM "Customer" c JOIN "Order" o ON o."customerId" = c.id WHERE c.email LIKE $1 AND o.status = 'PLACED' ORDER BY o."createdAt" DESC LIMIT 26`,
        values: [`${emailPrefix(i)}%`],
      }),
    },
  ];

  console.log(`Orders list benchmark: ${orderCount.toLocaleString("en")} orders, ${RUNS} runs per case (ms; target p95 < ${TARGET_P95_MS})\n`);
  const header = ["case", "listOrders p50", "p95", "raw SQL p50", "p95", "rows", "total", ""];
  const table: string[][] = [];
  let misses = 0;
  for (const c of cases) {
    const app: number[] = [];
    const floor: number[] = [];
    let shown = { rows: 0, total: "" };
    for (let i = 0; i < 3; i++) await load(c.params(i)); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const params = c.params(i);
      app.push(await time(async () => {
        const page = await load(params);
        shown = { rows: page.rows.length, total: `${page.total}${page.totalCapped ? "+" : ""}` };
      }));
      const { text, values: v } = c.floor(i);
      floor.push(await time(() => raw.query(text, v)));
    }
    app.sort((a, b) => a - b);
    floor.sort((a, b) => a - b);
    const p95 = percentile(app, 95);
    if (p95 >= TARGET_P95_MS) misses++;
    table.push([
      c.name,
      percentile(app, 50).toFixed(1),
      p95.toFixed(1),
      percentile(floor, 50).toFixed(1),
      percentile(floor, 95).toFixed(1),
      String(shown.rows),
      shown.total,
      p95 < TARGET_P95_MS ? "ok" : "OVER",
    ]);
  }
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => r[k]!.length)));
  for (const row of [header, ...table]) console.log(row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join("  "));
  console.log(misses ? `\n${misses} case(s) over the p95 target.` : `\nEvery case under the p95 target of ${TARGET_P95_MS} ms.`);
  await raw.end();
  await prisma.$disconnect();
});
