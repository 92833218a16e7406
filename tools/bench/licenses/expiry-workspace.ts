/**
 * Expiry workspace benchmark: `npm run bench:expiry [-- --runs 30] [-- --explain]`. Against the scaled
 * world (`npm run world:scale -- --licenses 1000000 --no-sandbox`): MIGRATION_DATABASE_URL (with
 * DATABASE_URL), or the app's data dir (DATA_DIR, PG_PORT), as the owner. Each case times what the /renewals page computes from the database
 * (bucket cards + chart data from one grouped query, and the first list page, run together as the
 * page runs them) BESIDE the previous shape of the grouped query (one scan with two CASE chains per
 * row naming the bucket and the week, kept here for the comparison) and a raw-SQL floor (the same
 * index range counted per plan with no bucket or week computed, and the first page's ids), all
 * interleaved so they see the same cache and load. Prints p50/p95 in ms and the load average; asserts nothing.
 * With --explain it prints EXPLAIN (ANALYZE, BUFFERS) of the workspace's queries for the default filter.
 */
import { parseArgs } from "node:util";
import os from "node:os";
import pg from "pg";
import { withDatabase } from "@/tools/data-dir/database";
import type { RollupRow } from "@/lib/licenses/expiry-workspace/workspace";
import { percentile, time } from "@/tools/bench/timing";

const { values } = parseArgs({ options: { runs: { type: "string", default: "30" }, explain: { type: "boolean", default: false } } });
const RUNS = Math.max(1, Number(values.runs) || 30);
const TARGET_P95_MS = 150;
const DAY_MS = 86_400_000;

await withDatabase(async (url) => {
  try {
    await bench(url);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
});

async function bench(url: string) {
  const { createPrismaClient } = await import("@/lib/db");
  (globalThis as unknown as { prisma?: ReturnType<typeof createPrismaClient> }).prisma = createPrismaClient(url);
  const ws = await import("@/lib/licenses/expiry-workspace/workspace");
  const { prisma } = await import("@/lib/db");
  const raw = new pg.Pool({ connectionString: url, max: 3 });
  raw.on("error", () => {}); // an idle client cut off when the embedded database stops at the end
  const now = new Date();
  const book = await ws.loadPriceBook();

  const licenses = (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "License"`)).rows[0]?.n ?? 0;
  const { rows: [sample] } = await raw.query<{ customerId: string; accountManagerId: string | null }>(
    `SELECT l."customerId", c."accountManagerId" FROM "License" l JOIN "Customer" c ON c.id = l."customerId"
      WHERE l."expiresAt" > $1::timestamp ORDER BY l."expiresAt" LIMIT 1`,
    [now.toISOString()],
  );
  if (!sample) throw new Error("No licenses: fill the database with npm run world:scale first.");
  const manager = (await raw.query<{ id: string }>(`SELECT "accountManagerId" AS id FROM "Customer" WHERE "accountManagerId" IS NOT NULL LIMIT 1`)).rows[0]?.id;

  /** What the page reads from the database for one query, as it runs it: the rollup (cards + chart) beside the first page. */
  const workspace = async (params: Record<string, string>) => {
    const query = ws.workspaceQuerySchema.parse(params);
    const [rows] = await Promise.all([ws.rollup(query, now), ws.listPage(query, now)]);
    return [ws.bucketsOf(rows, book), ws.weeksOf(rows, now, book)] as const;
  };
  /** The same page with the grouped query as it was before (2026-11-22): one scan, two CASE chains per row. */
  const { Prisma } = await import("@/lib/generated/prisma/client");
  const { bucketBoundsForSql } = await import("@/lib/licenses/rules/status");
  const { filterConditionsSql, weekBounds } = await import("@/lib/licenses/expiry-workspace/sql");
  const at = (d: Date) => Prisma.sql`${d}::timestamp`;
  const caseRollupSql = (params: Record<string, string>) => {
    const filter = { ...ws.workspaceQuerySchema.parse(params), bucket: "any" as const };
    const bounds = bucketBoundsForSql(now);
    const weeks = weekBounds(now);
    const bucketCase = Prisma.sql`CASE ${Prisma.join(bounds.map((b) => Prisma.sql`WHEN l."expiresAt" > ${at(b.gt)} AND l."expiresAt" <= ${at(b.lte)} THEN ${b.key}`), " ")} END`;
    const weekCase = Prisma.sql`CASE WHEN l."expiresAt" <= ${at(now)} THEN NULL ${Prisma.join(weeks.map((w) => Prisma.sql`WHEN l."expiresAt" <= ${at(w.lte)} THEN ${w.week}::int`), " ")} END`;
    const to = new Date(Math.max(bounds.at(-1)!.lte.getTime(), weeks.at(-1)!.lte.getTime()));
    return Prisma.sql`
      SELECT ${bucketCase} AS bucket, ${weekCase} AS week, l."productCode" AS "productCode", l."termDays" AS "termDays", count(*)::int AS n
      FROM "License" l
      WHERE l."expiresAt" > ${bounds[0]!.gt}::timestamp AND l."expiresAt" <= ${to}::timestamp AND ${Prisma.join(filterConditionsSql(filter, now), " AND ")}
      GROUP BY 1, 2, 3, 4`;
  };
  const previous = async (params: Record<string, string>) => {
    const query = ws.workspaceQuerySchema.parse(params);
    const [rows] = await Promise.all([prisma.$queryRaw<RollupRow[]>(caseRollupSql(params)), ws.listPage(query, now)]);
    return [ws.bucketsOf(rows, book), ws.weeksOf(rows, now, book)] as const;
  };
  const lo = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const hi = new Date(now.getTime() + 91 * DAY_MS).toISOString();
  const n = now.toISOString();
  /** The floor: the same rows scanned and counted with no bucket or week computed at all, beside the first page's ids. */
  const floor = (extra: string, values: unknown[]) =>
    Promise.all([
      raw.query(
        `SELECT "productCode", "termDays", count(*) FROM "License" l
          WHERE "expiresAt" > $1 AND "expiresAt" <= $2 AND $3::timestamp IS NOT NULL AND status IN ('ACTIVE','EXPIRED') ${extra} GROUP BY 1, 2`,
        [lo, hi, n, ...values],
      ),
      raw.query(`SELECT id FROM "License" l WHERE "expiresAt" > $1 AND "expiresAt" <= $2 AND $3::timestamp IS NOT NULL AND status IN ('ACTIVE','EXPIRED') ${extra} ORDER BY "expiresAt", id LIMIT 51`, [lo, hi, n, ...values]),
    ]);

  const cases: Array<{ name: string; params: Record<string, string>; extra: string; values: unknown[] }> = [
    { name: "default (every bucket)", params: {}, extra: "", values: [] },
    { name: "bucket 0-7", params: { bucket: "0-7" }, extra: "", values: [] },
    { name: "auto-renew on", params: { autoRenew: "on" }, extra: `AND "autoRenew"`, values: [] },
    { name: "tier Pro", params: { tier: "2" }, extra: `AND "productCode" = 1061`, values: [] },
    { name: "one customer", params: { customer: sample.customerId }, extra: `AND "customerId" = $4`, values: [sample.customerId] },
    { name: "sort by domain", params: { sort: "domainName" }, extra: "", values: [] },
    ...(manager
      ? [{ name: "account manager", params: { manager }, extra: `AND "customerId" IN (SELECT id FROM "Customer" WHERE "accountManagerId" = $4)`, values: [manager] }]
      : []),
  ];

  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`Expiry workspace benchmark: ${licenses.toLocaleString("en")} licenses, ${RUNS} runs per case (ms; buckets + first page + chart; target p95 < ${TARGET_P95_MS}); load average ${load()}\n`);
  const header = ["case", "workspace p50", "p95", "previous p50", "p95", "raw SQL p50", "p95", "matching", ""];
  const table: string[][] = [];
  let misses = 0;
  for (const c of cases) {
    const app: number[] = [];
    const before: number[] = [];
    const base: number[] = [];
    let matching = 0;
    for (let i = 0; i < 2; i++) await Promise.all([workspace(c.params), previous(c.params)]); // warm-up
    for (let i = 0; i < RUNS; i++) {
      app.push(await time(async () => {
        const [buckets] = await workspace(c.params);
        matching = buckets.reduce((s, b) => s + b.count, 0);
      }));
      before.push(await time(async () => {
        const [buckets] = await previous(c.params);
        if (buckets.reduce((s, b) => s + b.count, 0) !== matching) throw new Error(`${c.name}: the previous query shape counts differently`);
      }));
      base.push(await time(() => floor(c.extra, c.values)));
    }
    app.sort((a, b) => a - b);
    before.sort((a, b) => a - b);
    base.sort((a, b) => a - b);
    const p95 = percentile(app, 95);
    if (p95 >= TARGET_P95_MS) misses++;
    table.push([c.name, percentile(app, 50).toFixed(1), p95.toFixed(1), percentile(before, 50).toFixed(1), percentile(before, 95).toFixed(1), percentile(base, 50).toFixed(1), percentile(base, 95).toFixed(1), matching.toLocaleString("en"), p95 < TARGET_P95_MS ? "ok" : "OVER"]);
  }
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => r[k]!.length)));
  for (const row of [header, ...table]) console.log(row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join("  "));
  console.log(misses ? `\n${misses} case(s) over the p95 target.` : `\nEvery case under the p95 target of ${TARGET_P95_MS} ms.`);
  console.log(`Load average at the end: ${load()}`);

  if (values.explain) {
    const filter = ws.workspaceQuerySchema.parse({});
    const explain = async (label: string, sql: { text: string; values: unknown[] }) => {
      const { rows } = await raw.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values);
      console.log(`\n-- ${label}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    };
    await explain("cards + chart (one grouped query)", ws.rollupSql(filter, now));
    await explain("cards + chart, the previous shape (CASE chains per row)", caseRollupSql({}));
    await explain("cards + chart, auto-renew on", ws.rollupSql(ws.workspaceQuerySchema.parse({ autoRenew: "on" }), now));
    // The list's one statement (listPage), first page.
    await explain("list, first page (one statement)", ws.listPageSql(ws.workspaceQuerySchema.parse({}), now));
  }
  await raw.end();
  await prisma.$disconnect();
}
