import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedDemo } from "@/tools/demo/seed-demo";
import { anchorDay } from "@/tools/demo-world/demo-data";
import { startSandbox } from "@/tools/sandbox/server";
import { startTestDatabase } from "./test-database";

/** The app's demo seed and the sandbox's demo state describe the same world. */
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
// An anchor in the past, as on a second start days after the data dir was created.
const anchor = new Date(anchorDay(new Date()).getTime() - 3 * 86_400_000);

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor });
  await seedDemo(prisma, { anchor, credentialsKey: generateKey(), sandboxUrl: `${sandbox.url}/products/` });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

interface SandboxOrder {
  order: { orderNumber: string; foreignOrderNumber: string | null; status: string };
  licenses: Array<{ productCode: number; domainName: string; expiresAt: string; autoRenew: boolean; parentId: string | null }>;
}

describe("demo world", () => {
  it("every license the app knows exists in the sandbox with the same order numbers, dates and add-ons", async () => {
    const licenses = await prisma.license.findMany({ include: { order: true, addOns: true } });
    expect(licenses.length).toBeGreaterThan(0);
    for (const l of licenses) {
      const res = await fetch(`${sandbox.url}/__sandbox/orders/${l.currentOrderNumber}`, {
        headers: { authorization: `Bearer ${sandbox.adminToken}` },
      });
      expect(res.status, `sandbox knows order ${l.currentOrderNumber}`).toBe(200);
      const s = (await res.json()) as SandboxOrder;
      expect(s.order.foreignOrderNumber).toBe(l.order.foreignOrderNumber);
      const base = s.licenses.find((x) => x.parentId === null);
      expect(base).toMatchObject({ productCode: l.productCode, domainName: l.domainName, autoRenew: l.autoRenew });
      expect(new Date(base!.expiresAt).toISOString()).toBe(l.expiresAt!.toISOString());
      expect(s.licenses.filter((x) => x.parentId !== null).map((x) => x.productCode).sort()).toEqual(l.addOns.map((a) => a.productCode).sort());
      expect(s.order.status === "awaiting").toBe(l.order.status === "AWAITING_AUTHORIZATION");
    }
  });
});

describe("demo world dates (issue 17, item 10)", () => {
  it("no timestamp in the seeded database is after now, except expiries", async () => {
    // Every timestamp column of every table, from the database's own catalog (a new table or column is checked too).
    const columns = await prisma.$queryRaw<Array<{ table: string; column: string }>>`
      SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type LIKE 'timestamp%' AND table_name <> '_prisma_migrations'`;
    expect(columns.map((c) => `${c.table}.${c.column}`)).toEqual(expect.arrayContaining(["Order.createdAt", "Order.placedAt", "License.startsAt", "License.expiresAt"]));
    const now = new Date();
    const late: string[] = [];
    for (const { table, column } of columns) {
      // Expiries, and the hour of an expiry the renewals tally counts by (auto-renew-tally.ts).
      if (/^(expiresAt|expiryHour)$/i.test(column)) continue;
      const [row] = await prisma.$queryRawUnsafe<Array<{ n: number; max: Date | null }>>(
        `SELECT count(*)::int AS n, max("${column}") AS max FROM "${table}" WHERE "${column}" > $1`,
        now,
      );
      if (row && row.n > 0) late.push(`${table}.${column}: ${row.n} rows up to ${row.max?.toISOString()}`);
    }
    expect(late).toEqual([]);
    // The expiries still reach ahead (the renewals book spans 90 days to come).
    expect(await prisma.license.count({ where: { expiresAt: { gt: new Date(now.getTime() + 60 * 86_400_000) } } })).toBeGreaterThan(10);
  });
});

describe("demo world money (issue 17, item 9: each figure filled when it is known)", () => {
  it("an order whose every item is on the price list says what the customer pays; an order awaiting authorization is not yet debited", async () => {
    const { PRODUCTS } = await import("@/lib/catalog");
    const keyOf = new Map(PRODUCTS.filter((p) => p.productId !== undefined).map((p) => [p.productId!, p.key]));
    const prices = new Map((await prisma.planPrice.findMany({ where: { enabled: true } })).map((p) => [`${p.productKey}|${p.term}`, Number(p.sellPrice)]));
    const orders = await prisma.order.findMany({ where: { kind: "NEW" }, include: { items: true } });
    let priced = 0;
    for (const o of orders) {
      const term = o.items.find((i) => !i.isAddOn)?.days;
      const sells = o.items.map((i) => prices.get(`${keyOf.get(i.productCode)}|${term}`));
      const expected = sells.some((s) => s === undefined) ? null : sells.reduce((t, s) => t! + s!, 0)!;
      if (expected !== null) priced++;
      expect(o.sellTotal === null ? null : Number(o.sellTotal), `${o.id} customer pays`).toBe(expected === null ? null : Math.round(expected * 100) / 100);
      if (o.status === "AWAITING_AUTHORIZATION") {
        expect(o.totalCost, `${o.id} not debited before authorization`).toBeNull();
        expect(o.buyTotal, `${o.id} what we expect to pay`).not.toBeNull();
      }
    }
    expect(priced).toBeGreaterThan(orders.length / 4);
    expect(orders.some((o) => o.status === "AWAITING_AUTHORIZATION")).toBe(true);
  });

  // Was: the plan item's "Customer pays" was our buy cost (SiteLock Pro $299.99) and the add-ons "—",
  // beside a summary saying the customer pays $717.00 (order 9100001).
  it("each item's Customer pays is its sell price on the price list, and the items add up to the order's", async () => {
    const { PRODUCTS } = await import("@/lib/catalog");
    const keyOf = new Map(PRODUCTS.filter((p) => p.productId !== undefined).map((p) => [p.productId!, p.key]));
    const prices = new Map((await prisma.planPrice.findMany({ where: { enabled: true } })).map((p) => [`${p.productKey}|${p.term}`, Number(p.sellPrice)]));
    const orders = await prisma.order.findMany({ where: { kind: "NEW" }, include: { items: true } });
    const wrong: string[] = [];
    for (const o of orders) {
      const term = o.items.find((i) => !i.isAddOn)?.days;
      for (const i of o.items) {
        const expected = prices.get(`${keyOf.get(i.productCode)}|${term}`) ?? null;
        const cost = i.cost === null ? null : Number(i.cost);
        if (cost !== expected) wrong.push(`${o.orderNumber} ${i.productName}: ${cost} (price list ${expected})`);
      }
      if (o.sellTotal !== null) {
        const sum = Math.round(o.items.reduce((t, i) => t + Number(i.cost) * 100, 0)) / 100;
        if (sum !== Number(o.sellTotal)) wrong.push(`${o.orderNumber}: items ${sum}, order ${String(o.sellTotal)}`);
      }
    }
    expect(wrong).toEqual([]);
    const acme = await prisma.order.findFirstOrThrow({ where: { orderNumber: "9100001" }, include: { items: { orderBy: { isAddOn: "asc" } } } });
    expect(acme.items.map((i) => Number(i.cost)).sort((a, b) => a - b)).toEqual([119, 149, 449]);
    expect(Number(acme.sellTotal)).toBe(717);
  });
});
