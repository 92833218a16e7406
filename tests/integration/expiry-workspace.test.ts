/**
 * The expiry workspace against a real PostgreSQL holding the demo world (its renewals book covers
 * every bucket): the grouped SQL (bucket counts, sell values, the 13-week chart) and the keyset list
 * agree with the TypeScript rule (`expiryBucket`, `weekIndexOf`) and with `expiryFilterWhere`, the
 * CSV export gives exactly the list's rows, and the funds warning sees the demo's shortfall.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { generateKey } from "@/lib/crypto/credentials";
import { anchorDay, DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { EXPIRY_BUCKETS, expiryBucket } from "@/lib/licenses/rules/status";
import { expiryFilterSchema, expiryFilterWhere, type ExpiryFilter } from "@/lib/licenses/expiry-workspace/filter";
import { weekIndexOf } from "@/lib/licenses/expiry-workspace/sql";
import { startSandbox } from "@/tools/sandbox/server";
import { startTestDatabase, setAppEnv } from "./test-database";

const manager: Actor = { id: "demo-user-account_manager", email: "manager@orderdesk.test", name: "Mia", role: "ACCOUNT_MANAGER" };
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
const anchor = anchorDay(new Date());
const now = new Date();

type Ws = typeof import("@/lib/licenses/expiry-workspace/workspace");
let ws: Ws;
let prisma: (typeof import("@/lib/db"))["prisma"];

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  setAppEnv(db.url, generateKey());
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor });
  ({ prisma } = await import("@/lib/db"));
  const { seedDemo } = await import("@/tools/demo/seed-demo");
  await seedDemo(prisma as never, { anchor, credentialsKey: process.env.CREDENTIALS_KEY!, sandboxUrl: `${sandbox.url}/products/` });
  // A plan priced in another currency: values are kept apart per currency, never added up.
  await prisma.planPrice.update({ where: { productKey_term: { productKey: "sitelock-business", term: "30" } }, data: { currency: "EUR" } });
  ws = await import("@/lib/licenses/expiry-workspace/workspace");
});
afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

const FILTERS: Array<Partial<Record<keyof ExpiryFilter, string>>> = [
  {},
  { bucket: "0-7" },
  { bucket: "expired", autoRenew: "off" },
  { autoRenew: "on" },
  { tier: "2" },
  { product: "1060", bucket: "8-30" },
  { manager: "demo-user-account_manager" },
  { manager: "none", bucket: "61-90" },
];

async function allLicenses() {
  return prisma.license.findMany({ select: { id: true, status: true, expiresAt: true, productCode: true, termDays: true } });
}

describe("expiry workspace", () => {
  it("the demo covers every bucket, with and without auto-renew and account manager", async () => {
    const { buckets } = await ws.viewExpiryWorkspace(manager, ws.workspaceQuerySchema.parse({}), now);
    for (const b of buckets) expect(b.count, b.key).toBeGreaterThan(5);
    for (const f of [{ autoRenew: "on" }, { autoRenew: "off" }, { manager: "none" }, { manager: manager.id }] as const) {
      expect(await prisma.license.count({ where: expiryFilterWhere(expiryFilterSchema.parse(f), now) }), JSON.stringify(f)).toBeGreaterThan(10);
    }
    expect(await prisma.addOn.count()).toBeGreaterThan(20);
  });

  it("bucket counts and sell values match the TypeScript rule and the price list", async () => {
    const book = await ws.loadPriceBook();
    const licenses = await allLicenses();
    const buckets = await ws.bucketSummaries(expiryFilterSchema.parse({}), now, book);
    for (const b of EXPIRY_BUCKETS) {
      const mine = licenses.filter((l) => expiryBucket(l, now) === b.key);
      const expected = new Map<string, number>();
      let unpriced = 0;
      for (const l of mine) {
        const price = book.get(ws.planKeyOf(l.productCode, l.termDays) ?? "");
        if (!price) unpriced++;
        else expected.set(price.currency, (expected.get(price.currency) ?? 0) + price.sellPrice);
      }
      const got = buckets.find((x) => x.key === b.key)!;
      expect(got.count, b.key).toBe(mine.length);
      expect(got.unpriced, b.key).toBe(unpriced);
      expect(Object.fromEntries(got.value.map((v) => [v.currency, v.amount])), b.key).toEqual(
        Object.fromEntries([...expected].map(([c, a]) => [c, Math.round(a * 100) / 100])),
      );
    }
    expect(buckets.some((b) => b.value.length === 2), "USD and EUR kept apart").toBe(true);
  });

  it.each(FILTERS)("filter %o: bucket counts and every list page agree with expiryFilterWhere", async (raw) => {
    const filter = expiryFilterSchema.parse(raw);
    const buckets = await ws.bucketSummaries(filter, now, await ws.loadPriceBook());
    for (const b of EXPIRY_BUCKETS) {
      expect(buckets.find((x) => x.key === b.key)!.count, b.key).toBe(await prisma.license.count({ where: expiryFilterWhere({ ...filter, bucket: b.key }, now) }));
    }
    for (const sort of ["expiresAt", "domainName", "customer"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const expected = await prisma.license.findMany({ where: expiryFilterWhere(filter, now), orderBy: ws.orderByOf(sort, dir), select: { id: true } });
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await ws.listPage(ws.workspaceQuerySchema.parse({ ...raw, sort, dir, after }), now, 17);
          seen.push(...page.rows.map((r) => r.id));
          // Each row is what Prisma's own select of it gives (listPage is one SQL statement); add-ons oldest first.
          const own = await prisma.license.findMany({
            where: { id: { in: page.rows.map((r) => r.id) } },
            select: { ...ws.WORKSPACE_ROW, addOns: { ...ws.WORKSPACE_ROW.addOns, orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] } },
          });
          const byId = new Map(own.map((r) => [r.id, r]));
          for (const r of page.rows) expect(r).toStrictEqual(byId.get(r.id));
          after = page.next;
        } while (after);
        expect(seen, `${sort} ${dir}`).toEqual(expected.map((r) => r.id));
      }
    }
  });

  it("a forged cursor (the URL's `after`) starts the list over, never an error: values PostgreSQL would refuse or read another way", async () => {
    const { encodeCursor } = await import("@/lib/pagination");
    const first = await ws.listPage(ws.workspaceQuerySchema.parse({}), now, 5);
    // Dates JavaScript reads but PostgreSQL refuses (22007, 22008, 22009, 22021), reads another way (an offset), or that
    // JavaScript writes with an extended year (the adapter sends "00-1-01-01" for -000001).
    const forged = ["1", "x 1", "2025-02-30", "2026-01-01T00:00:00+05:00", "2026-01-01", `${now.toISOString()}\u0000`, "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00.000Z", "0000-01-01T00:00:00.000Z"];
    for (const value of forged) {
      const after = encodeCursor({ sort: "expiresAt", dir: "asc", value, id: "x" });
      const page = await ws.listPage(ws.workspaceQuerySchema.parse({ after }), now, 5);
      expect(page.isFirstPage, value).toBe(true);
      expect(page.rows.map((r) => r.id), value).toEqual(first.rows.map((r) => r.id));
    }
    // A NUL in a text sort's value or in the id: refused as well (it was a 500).
    for (const c of [{ sort: "domainName", value: "a\u0000", id: "x" }, { sort: "domainName", value: "a", id: "x\u0000" }]) {
      const page = await ws.listPage(ws.workspaceQuerySchema.parse({ sort: c.sort, after: encodeCursor({ ...c, dir: "asc" }) }), now, 5);
      expect(page.isFirstPage).toBe(true);
    }
  });

  it("chart: expiries per week match weekIndexOf on every license that counts", async () => {
    const chart = await ws.chartWeeks(expiryFilterSchema.parse({}), now, await ws.loadPriceBook());
    const licenses = await allLicenses();
    const counts = new Array(13).fill(0);
    for (const l of licenses) {
      if (!["ACTIVE", "EXPIRED"].includes(l.status) || !l.expiresAt) continue;
      const week = weekIndexOf(l.expiresAt, now);
      if (week !== null) counts[week]++;
    }
    expect(chart.map((w) => w.count)).toEqual(counts);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
  });

  it("the CSV is, byte for byte, the list's rows in its order written by csv-stringify, for every filter, sort and direction; formulas disarmed, hostile text quoted", async () => {
    // PostgreSQL writes the export's lines (issue 16, item 9). The oracle shares no code with it:
    // the list's Prisma query with `expiryFilterWhere`, each cell as the list shows it, the formula
    // guard and csv-stringify (RFC 4180), written here from their documents.
    const { exportChunks, CSV_COLUMNS } = await import("@/lib/licenses/expiry-workspace/export");
    const { stringify } = await import("csv-stringify/sync");
    const pg = (await import("pg")).default;
    const conn = new pg.Client({ connectionString: db.url });
    await conn.connect();
    try {
      const hostile = [
        '=HYPERLINK("http://x")',
        'Smith, Jones & "Partners"',
        "Comma, Only",
        "Line\nBreak",
        "Carriage\rReturn",
        "\tTabbed",
        "-minus",
        "+plus",
        "@at",
        "Ünïcödé — 😀 ø",
        " leading and trailing space ",
      ];
      // Customers whose licenses the workspace shows (every bucket), so the hostile names are exported.
      const customers = await prisma.customer.findMany({ where: { licenses: { some: expiryFilterWhere(ws.workspaceQuerySchema.parse({}), now) } }, select: { id: true }, orderBy: { id: "asc" }, take: hostile.length });
      expect(customers).toHaveLength(hostile.length);
      for (const [i, c] of customers.entries()) await prisma.customer.update({ where: { id: c.id }, data: { name: hostile[i]! } });
      await prisma.user.update({ where: { id: "demo-user-account_manager" }, data: { name: 'O\'Brien, "Mia"' } });
      const someLicense = await prisma.license.findFirstOrThrow({ where: { status: "ACTIVE" }, orderBy: { expiresAt: "asc" } });
      await prisma.license.update({ where: { id: someLicense.id }, data: { domainName: 'weird,"domain".example', productName: "=SUM(1)" } });

      const guard = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
      const select = { ...ws.WORKSPACE_ROW, addOns: { select: { productName: true }, where: { status: "ACTIVE" as const }, orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] } };
      const expectedCsv = (rows: Awaited<ReturnType<typeof listed>>) =>
        stringify([CSV_COLUMNS.map((c) => c.header)]) +
        stringify(
          rows.map((l) =>
            [
              l.id,
              l.domainName,
              l.customer.name,
              l.productName,
              l.termDays === null ? "" : String(l.termDays),
              l.expiresAt?.toISOString() ?? "",
              EXPIRY_BUCKETS.find((b) => b.key === expiryBucket(l, now))?.label ?? "",
              l.autoRenew ? "on" : "off",
              l.addOns.map((a) => a.productName).join("; "),
              l.customer.accountManager?.name ?? "",
              l.currentOrderNumber ?? "",
            ].map(guard),
          ),
        );
      const listed = (q: ReturnType<Ws["workspaceQuerySchema"]["parse"]>) => prisma.license.findMany({ where: expiryFilterWhere(q, now), orderBy: ws.orderByOf(q.sort, q.dir), select });
      const exported = async (q: ReturnType<Ws["workspaceQuerySchema"]["parse"]>, batch: number) => {
        const chunks: Uint8Array[] = [];
        for await (const chunk of exportChunks(conn, q, now, batch)) chunks.push(chunk);
        return Buffer.concat(chunks).toString("utf8");
      };
      let rows = 0;
      let everything = "";
      for (const filter of FILTERS) {
        for (const [sort, dir] of [["expiresAt", "asc"], ["expiresAt", "desc"], ["domainName", "asc"], ["domainName", "desc"], ["customer", "asc"], ["customer", "desc"]] as const) {
          const q = ws.workspaceQuerySchema.parse({ ...filter, sort, dir });
          const expected = await listed(q);
          rows += expected.length;
          // Batches smaller than the set: the keyset on (sort value, id) is crossed many times.
          const csv = await exported(q, 7);
          expect(csv, `${JSON.stringify(filter)} ${sort} ${dir}`).toBe(expectedCsv(expected));
          everything += csv;
        }
      }
      expect(rows).toBeGreaterThan(1000);
      // The hostile cells were in the files compared (a filter that missed them would prove nothing).
      for (const text of ['"\'=HYPERLINK(""http://x"")"', '"Smith, Jones & ""Partners"""', '"Line\nBreak"', "'\tTabbed", "'-minus", '"Comma, Only"', '"weird,""domain"".example"', "'=SUM(1)", '"O\'Brien, ""Mia"""']) {
        expect(everything).toContain(text);
      }
    } finally {
      await conn.end();
    }
  });

  it("funds: the demo account's balance does not cover a month of auto-renewals", async () => {
    const { checkRenewalFunds } = await import("@/lib/licenses/expiry-workspace/funds-warning");
    const [check] = await checkRenewalFunds(manager, now);
    expect(check?.balance).toMatchObject({ ok: true, available: DEMO_RESELLER.funds, currency: "USD" });
    expect(check!.autoRenewals.count).toBeGreaterThan(0);
    expect(check!.shortfall).toBeGreaterThan(0);
    expect(check!.queued.count).toBe(0);
  });

  it("funds: renewals queued in bulk runs (RenewalRunItem PENDING/RUNNING) count at the buy price", async () => {
    const { checkRenewalFunds, queuedRenewalDemand } = await import("@/lib/licenses/expiry-workspace/funds-warning");
    expect(await queuedRenewalDemand()).toEqual([]); // no run yet: nothing queued
    const runBy = await prisma.user.findFirstOrThrow({ where: { role: "ACCOUNT_MANAGER" } });
    const run = await prisma.renewalRun.create({ data: { createdById: runBy.id, submissionKey: "it-funds-run", source: { kind: "selection", licenseIds: [] }, total: 3 } });
    const picks = await prisma.license.findMany({ where: { productCode: 1061, termDays: 365, status: "ACTIVE" }, take: 3, orderBy: { id: "asc" }, select: { id: true } });
    expect(picks).toHaveLength(3);
    const statuses = ["PENDING", "RUNNING", "PLACED"];
    for (const [i, p] of picks.entries()) {
      await prisma.renewalRunItem.create({ data: { runId: run.id, licenseId: p.id, status: statuses[i] as "PENDING" | "RUNNING" | "PLACED" } });
    }
    const before = (await checkRenewalFunds(manager, now))[0]!;
    expect(before.queued).toEqual({ count: 2, cost: [{ currency: "USD", amount: 2 * 299.99 }], unpriced: 0 });
    const available = (before.balance as { available: number }).available;
    const auto = before.autoRenewals.cost.find((c) => c.currency === "USD")?.amount ?? 0;
    expect(before.shortfall).toBeCloseTo(Math.max(0, auto + 2 * 299.99 - available), 2);
    await prisma.renewalRun.delete({ where: { id: run.id } });
  });
});
