import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedDemo } from "@/tools/demo/seed-demo";
import { anchorDay } from "@/tools/demo-world/demo-data";
import { scaleWorld } from "@/tools/demo/scale-world";
import { startSandbox } from "@/tools/sandbox/server";
import { startTestDatabase } from "./test-database";

/**
 * world:scale fills the app's database and the sandbox with the same scaled world: the comparisons
 * of demo-world-consistency.test.ts, over 2,000 licenses and their add-ons.
 */
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
const anchor = new Date(anchorDay(new Date()).getTime() - 3 * 86_400_000);
const LICENSES = 2000;
const SEED = 2;

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
  order: { orderNumber: string; foreignOrderNumber: string | null; status: string; loginName: string };
  licenses: Array<{ productCode: number; domainName: string; expiresAt: string; autoRenew: boolean; parentId: string | null }>;
}

const run = () => scaleWorld({ databaseUrl: db.url, options: { licenses: LICENSES, seed: SEED }, anchor, sandbox: { url: `${sandbox.url}/products/`, adminToken: sandbox.adminToken } });
const counts = async () => Promise.all([prisma.customer.count(), prisma.order.count(), prisma.orderItem.count(), prisma.license.count(), prisma.addOn.count()]);

describe("scaled world", () => {
  it("is the same world in the app's database and the sandbox: order numbers, domains, expiries, add-ons, auto-renew", async () => {
    const before = new Date();
    const result = await run();
    expect(result).toMatchObject({ status: "seeded", db: { licenses: LICENSES, orders: LICENSES }, sandbox: { licenses: LICENSES, orders: LICENSES }, analyzeMs: expect.any(Number) });
    // world:scale ends with ANALYZE: the planner knows the new rows at once, not after autovacuum.
    const analyzed = await prisma.$queryRaw<Array<{ relname: string; last_analyze: Date | null }>>`
      SELECT relname, last_analyze FROM pg_stat_user_tables WHERE relname IN ('License', 'Order', 'Customer', 'OrderItem')`;
    expect(analyzed).toHaveLength(4);
    for (const t of analyzed) expect(t.last_analyze?.getTime() ?? 0, t.relname).toBeGreaterThanOrEqual(before.getTime() - 10); // same machine clock

    const res = await fetch(`${sandbox.url}/__sandbox/orders?loginName=orderdesk-demo`, { headers: { authorization: `Bearer ${sandbox.adminToken}` } });
    const bySandbox = new Map(((await res.json()) as { orders: SandboxOrder[] }).orders.map((o) => [o.order.orderNumber, o]));
    const licenses = await prisma.license.findMany({ where: { order: { foreignOrderNumber: { startsWith: `OD-S${SEED}-` } } }, include: { order: true, addOns: true, customer: true } });
    expect(licenses).toHaveLength(LICENSES);
    expect(licenses.reduce((n, l) => n + l.addOns.length, 0)).toBe((result as { db: { addOns: number } }).db.addOns);
    for (const l of licenses) {
      const s = bySandbox.get(l.currentOrderNumber ?? "");
      expect(s, `sandbox knows order ${l.currentOrderNumber}`).toBeDefined();
      expect(s!.order.foreignOrderNumber).toBe(l.order.foreignOrderNumber);
      const base = s!.licenses.find((x) => x.parentId === null);
      expect(base).toMatchObject({ productCode: l.productCode, domainName: l.domainName, autoRenew: l.autoRenew });
      expect(new Date(base!.expiresAt).toISOString()).toBe(l.expiresAt!.toISOString());
      expect(s!.licenses.filter((x) => x.parentId !== null).map((x) => x.productCode).sort()).toEqual(l.addOns.map((a) => a.productCode).sort());
      expect(l.status).toBe(l.expiresAt! <= new Date() ? "EXPIRED" : "ACTIVE");
      expect(l.customer.resellerAccountId).toBe("demo-reseller");
    }
    expect(new Set(licenses.map((l) => l.status))).toEqual(new Set(["ACTIVE", "EXPIRED"]));
  });

  it("a second run with the same seed says the world is already there and adds no row", async () => {
    const before = await counts();
    expect(await run()).toEqual({ status: "already there" });
    expect(await counts()).toEqual(before);
  });

  it.each([LICENSES + 5, LICENSES - 5])("a seed already there in another size (%i licenses asked) is refused before any change", async (licenses) => {
    const before = await counts();
    const result = await scaleWorld({ databaseUrl: db.url, options: { licenses, seed: SEED }, anchor, sandbox: { url: sandbox.url, adminToken: sandbox.adminToken } });
    expect(result).toMatchObject({ status: "refused", message: expect.stringMatching(/another size in the app's database and the sandbox/) });
    expect(await counts()).toEqual(before);
  });

  it("a refusal by the sandbox rolls the database back, and a wrong admin token is named", async () => {
    const before = await counts();
    // The sandbox has no account of that login: it answers 400 after the database rows are written.
    await prisma.resellerAccount.update({ where: { id: "demo-reseller" }, data: { loginName: "ghost-login" } });
    try {
      const result = await scaleWorld({ databaseUrl: db.url, options: { licenses: 10, seed: 3 }, anchor, sandbox: { url: sandbox.url, adminToken: sandbox.adminToken } });
      expect(result).toMatchObject({ status: "refused", message: expect.stringMatching(/sandbox refused the seed \(400\).*ghost-login.*database is unchanged/) });
    } finally {
      await prisma.resellerAccount.update({ where: { id: "demo-reseller" }, data: { loginName: "orderdesk-demo" } });
    }
    expect(await counts()).toEqual(before);
    await expect(scaleWorld({ databaseUrl: db.url, options: { licenses: 10, seed: 3 }, anchor, sandbox: { url: sandbox.url, adminToken: "x".repeat(40) } })).rejects.toThrow(/refused the admin token/);
    expect(await counts()).toEqual(before);
  });
});
