/**
 * Support's lookup and the list pages at scale: `npm run bench:lookup [-- --runs 50]`. Against the
 * scaled world (`npm run world:scale -- --licenses 1000000 --no-sandbox`: 1M licenses and orders,
 * 250k customers): MIGRATION_DATABASE_URL (with DATABASE_URL), or the app's data dir (DATA_DIR, PG_PORT) like world:scale.
 * Times each query kind through findAnything (what the search box and /lookup call) and each list
 * page through its use case, BESIDE one raw indexed SQL query for the same answer in the same run
 * (interleaved, so both see the same cache and load). Prints p50/p95 in ms; asserts nothing.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { withDatabase } from "@/tools/data-dir/database";
import type { Actor } from "@/lib/auth/session";
import { percentile, time } from "@/tools/bench/timing";
import { insertScaledSslOrders, sslOrderNames } from "@/tools/demo/scaled-ssl-orders";

const { values } = parseArgs({ options: { runs: { type: "string", default: "50" }, "ssl-orders": { type: "string", default: "200000" } } });
const RUNS = Math.max(1, Number(values.runs) || 50);
/** SSL certificate orders (CN + 3 SANs each) added to the scaled world once, for the SAN cases (tools/demo/scaled-ssl-orders.ts). */
const SSL_ORDERS = Math.max(1, Number(values["ssl-orders"]) || 200_000);
const SSL_SEED = 1;
const TARGET_P95_MS = 50;
const support: Actor = { id: "bench-support", email: "bench@orderdesk.test", name: "Bench", role: "SUPPORT" } as Actor;

interface Case {
  name: string;
  /** The i-th run (samples rotate so one cached value does not flatter the figure); returns what it found. */
  run: (i: number) => Promise<string>;
  /** The same answer by hand: one indexed query. */
  floor: (i: number) => { text: string; values: unknown[] };
}

await withDatabase(async (url) => {
  // The app's Prisma singleton, pointed at this database before the use cases first touch it.
  const { createPrismaClient } = await import("@/lib/db");
  (globalThis as unknown as { prisma?: ReturnType<typeof createPrismaClient> }).prisma = createPrismaClient(url);
  const { findAnything } = await import("@/lib/lookup/find");
  const { listLicenses, licensesQuerySchema } = await import("@/lib/licenses/queries/list-licenses");
  const { listCustomers, customersQuerySchema } = await import("@/lib/customers/list-customers");
  const { listOrders, ordersQuerySchema } = await import("@/lib/orders/list-orders");
  const { prisma } = await import("@/lib/db");
  const raw = new pg.Pool({ connectionString: url, max: 2 });

  // The scaled world has no certificate orders: add them once (app-side only).
  {
    const client = await raw.connect();
    try {
      const { rows: account } = await client.query<{ resellerAccountId: string }>(`SELECT "resellerAccountId" FROM "Customer" LIMIT 1`);
      if (account[0]) {
        const started = performance.now();
        const r = await insertScaledSslOrders(client, { seed: SSL_SEED, count: SSL_ORDERS, anchor: new Date(), resellerAccountId: account[0].resellerAccountId });
        if (r.status === "seeded") console.log(`Added ${r.orders.toLocaleString("en")} SSL orders with ${r.names.toLocaleString("en")} certificate names in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      }
    } finally {
      client.release();
    }
  }
  const count = async (table: string) => (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]?.n ?? 0;
  const [orders, licenses, customers, certificateNames] = [await count("Order"), await count("License"), await count("Customer"), await count("OrderItemDomain")];
  const sslCount = (await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Order" WHERE "foreignOrderNumber" LIKE $1`, [`OD-S${SSL_SEED}-SSL-%`])).rows[0]?.n ?? 0;
  // The i-th sampled SSL order: spread over all of them, never the same few.
  const sslJ = (i: number) => 1 + ((i * 104_729 + 17) % Math.max(1, sslCount));
  const partnerSan = (i: number) => sslOrderNames(SSL_SEED, sslJ(i)).altNames[2]!;
  const { rows: samples } = await raw.query<{ orderNumber: string; foreignOrderNumber: string; email: string; name: string; domainName: string }>(
    `SELECT o."orderNumber", o."foreignOrderNumber", c.email, c.name, l."domainName"
       FROM "License" l TABLESAMPLE SYSTEM (1) JOIN "Order" o ON o.id = l."orderId" JOIN "Customer" c ON c.id = l."customerId"
      WHERE o."orderNumber" IS NOT NULL LIMIT ${RUNS}`,
  );
  if (samples.length === 0) throw new Error("No licenses to sample: fill the database with npm run world:scale first.");
  const s = (i: number) => samples[i % samples.length]!;
  const firstLabel = (i: number) => s(i).domainName.split(".")[0]!;
  const labelEnd = (i: number) => firstLabel(i).slice(firstLabel(i).indexOf("-") + 1);
  const emailStart = (i: number) => s(i).email.split(".")[0]!; // "owner@c23755"
  const namePart = (i: number) => s(i).name.split(" ").slice(1).join(" "); // "Outfitters 23755"
  const reversed = (text: string) => Array.from(text).reverse().join("");
  const summary = (r: Awaited<ReturnType<typeof findAnything>>) =>
    r ? `${r.exact ? "exact, " : ""}${r.groups.map((g) => `${g.hits.length}${g.more ? "+" : ""} ${g.kind}`).join(", ")}` : "none";
  const find = (q: string) => findAnything(support, q).then(summary);
  const page = (p: { rows: unknown[]; total: number; totalCapped?: boolean }) => `${p.rows.length} rows of ${p.total}${p.totalCapped ? "+" : ""}`;

  const cases: Case[] = [
    { name: "find: order number", run: (i) => find(s(i).orderNumber), floor: (i) => ({ text: `SELECT id FROM "Order" WHERE "orderNumber" = $1`, values: [s(i).orderNumber] }) },
    { name: "find: our reference (OD-…)", run: (i) => find(s(i).foreignOrderNumber), floor: (i) => ({ text: `SELECT id FROM "Order" WHERE "foreignOrderNumber" = $1`, values: [s(i).foreignOrderNumber] }) },
    { name: "find: whole domain", run: (i) => find(s(i).domainName), floor: (i) => ({ text: `SELECT id FROM "License" WHERE "domainName" = $1`, values: [s(i).domainName] }) },
    { name: "find: a subdomain (www.<domain>)", run: (i) => find(`www.${s(i).domainName}`), floor: (i) => ({ text: `SELECT id FROM "License" WHERE "domainName" = $1`, values: [s(i).domainName] }) },
    { name: "find: domain's first label", run: (i) => find(firstLabel(i)), floor: (i) => ({ text: `SELECT id FROM "License" WHERE "domainName" LIKE $1 LIMIT 9`, values: [`${firstLabel(i)}%`] }) },
    {
      name: "find: a label's end",
      run: (i) => find(labelEnd(i)),
      floor: (i) => ({
        // LIMIT 200, as the app: under ~100 rows PostgreSQL bets on a sequential scan (lib/lookup/find.ts).
        text: `SELECT id FROM "License" WHERE domain_search_tokens("domainName") @@ $1::tsquery AND strpos(lower("domainName"), $2) > 0 LIMIT 200`,
        values: [`'${labelEnd(i)}':* | '!${reversed(labelEnd(i))}':*`, labelEnd(i)],
      }),
    },
    { name: "find: whole e-mail", run: (i) => find(s(i).email), floor: (i) => ({ text: `SELECT id FROM "Customer" WHERE email = $1`, values: [s(i).email] }) },
    { name: "find: e-mail's start", run: (i) => find(emailStart(i)), floor: (i) => ({ text: `SELECT id FROM "Customer" WHERE email LIKE $1 LIMIT 9`, values: [`${emailStart(i)}%`] }) },
    { name: "find: customer name", run: (i) => find(s(i).name), floor: (i) => ({ text: `SELECT id FROM "Customer" WHERE lower(name) LIKE $1 LIMIT 9`, values: [`${s(i).name.toLowerCase()}%`] }) },
    { name: "find: part of a company name", run: (i) => find(namePart(i)), floor: (i) => ({ text: `SELECT id FROM "Customer" WHERE name ILIKE $1 LIMIT 9`, values: [`%${namePart(i)}%`] }) },
    {
      name: "find: SSL order by a SAN",
      run: (i) => find(partnerSan(i)),
      floor: (i) => ({ text: `SELECT "orderId" FROM "OrderItemDomain" WHERE "domainName" = $1`, values: [partnerSan(i)] }),
    },
    {
      name: "find: SSL order by a SAN, pasted as URL",
      run: (i) => find(`https://${partnerSan(i)}/login?next=%2F`),
      floor: (i) => ({ text: `SELECT "orderId" FROM "OrderItemDomain" WHERE "domainName" = $1`, values: [partnerSan(i)] }),
    },
    {
      name: "licenses list, page 1",
      run: () => listLicenses(support, licensesQuerySchema.parse({})).then(page),
      floor: () => ({ text: `SELECT id FROM "License" ORDER BY "expiresAt", id LIMIT 25`, values: [] }),
    },
    {
      name: "licenses list, by domain, renewable",
      run: () => listLicenses(support, licensesQuerySchema.parse({ sort: "domainName", window: "open" })).then(page),
      floor: () => ({ text: `SELECT id FROM "License" WHERE "expiresAt" > now() AND "expiresAt" <= now() + interval '30 days' ORDER BY "domainName", id LIMIT 25`, values: [] }),
    },
    {
      name: "licenses list, search a domain part",
      run: (i) => listLicenses(support, licensesQuerySchema.parse({ q: firstLabel(i) })).then(page),
      floor: (i) => ({ text: `SELECT id FROM "License" WHERE "domainName" LIKE $1 ORDER BY "expiresAt" LIMIT 25`, values: [`${firstLabel(i)}%`] }),
    },
    {
      name: "licenses list, search a customer",
      run: (i) => listLicenses(support, licensesQuerySchema.parse({ q: emailStart(i) })).then(page),
      floor: (i) => ({ text: `SELECT l.id FROM "License" l JOIN "Customer" c ON c.id = l."customerId" WHERE c.email LIKE $1 ORDER BY l."expiresAt" LIMIT 25`, values: [`${emailStart(i)}%`] }),
    },
    {
      name: "customers list, page 1",
      run: () => listCustomers(support, customersQuerySchema.parse({})).then(page),
      floor: () => ({ text: `SELECT id FROM "Customer" ORDER BY name, id LIMIT 25`, values: [] }),
    },
    {
      name: "customers list, search a name part",
      run: (i) => listCustomers(support, customersQuerySchema.parse({ q: namePart(i) })).then(page),
      floor: (i) => ({ text: `SELECT id FROM "Customer" WHERE name ILIKE $1 ORDER BY name LIMIT 25`, values: [`%${namePart(i)}%`] }),
    },
    {
      name: "customers list, search an e-mail",
      run: (i) => listCustomers(support, customersQuerySchema.parse({ q: s(i).email })).then(page),
      floor: (i) => ({ text: `SELECT id FROM "Customer" WHERE email = $1`, values: [s(i).email] }),
    },
    {
      name: "orders list, page 1",
      run: () => listOrders(support, ordersQuerySchema.parse({})).then(page),
      floor: () => ({ text: `SELECT id FROM "Order" ORDER BY "createdAt" DESC, id DESC LIMIT 26`, values: [] }),
    },
    {
      name: "orders list, search a domain",
      run: (i) => listOrders(support, ordersQuerySchema.parse({ q: s(i).domainName })).then(page),
      floor: (i) => ({ text: `SELECT "orderId" FROM "OrderItem" WHERE "domainName" = $1`, values: [s(i).domainName] }),
    },
    {
      name: "orders list, search a SAN",
      run: (i) => listOrders(support, ordersQuerySchema.parse({ q: partnerSan(i) })).then(page),
      floor: (i) => ({ text: `SELECT "orderId" FROM "OrderItemDomain" WHERE "domainName" = $1`, values: [partnerSan(i)] }),
    },
  ];

  console.log(
    `Lookup and list pages: ${orders.toLocaleString("en")} orders (${sslCount.toLocaleString("en")} SSL, ${certificateNames.toLocaleString("en")} certificate names), ${licenses.toLocaleString("en")} licenses, ${customers.toLocaleString("en")} customers; ` +
      `${RUNS} runs per case (ms; target p95 < ${TARGET_P95_MS}); load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}\n`,
  );
  const header = ["case", "app p50", "p95", "raw SQL p50", "p95", "found (last run)", ""];
  const table: string[][] = [];
  let misses = 0;
  for (const c of cases) {
    const app: number[] = [];
    const floor: number[] = [];
    let found = "";
    for (let i = 0; i < 3; i++) await c.run(i); // warm-up
    for (let i = 0; i < RUNS; i++) {
      app.push(await time(async () => (found = await c.run(i))));
      const { text, values: v } = c.floor(i);
      floor.push(await time(() => raw.query(text, v)));
    }
    app.sort((a, b) => a - b);
    floor.sort((a, b) => a - b);
    const p95 = percentile(app, 95);
    if (p95 >= TARGET_P95_MS) misses++;
    table.push([c.name, percentile(app, 50).toFixed(1), p95.toFixed(1), percentile(floor, 50).toFixed(1), percentile(floor, 95).toFixed(1), found, p95 < TARGET_P95_MS ? "PASS" : "MISS"]);
  }
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => r[k]!.length)));
  for (const row of [header, ...table]) console.log(row.map((cell, k) => (k === 0 || k === 5 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join("  "));
  console.log(misses ? `\n${misses} case(s) over the p95 target.` : `\nEvery case under the p95 target of ${TARGET_P95_MS} ms.`);
  console.log(`Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  await raw.end();
  await prisma.$disconnect();
});
