import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedDemo } from "@/lib/demo/seed-demo";
import { anchorDay } from "@/lib/demo/demo-data";
import { startSandbox } from "@/lib/sectigo/sandbox/server";
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
