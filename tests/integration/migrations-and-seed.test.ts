import fs from "node:fs";
import { renewalsBookCustomers } from "@/tools/demo-world/renewals-book";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { seedDemo } from "@/tools/demo/seed-demo";
import { DEMO_CUSTOMERS, DEMO_RESELLER, DEMO_USERS, anchorDay } from "@/tools/demo-world/demo-data";
import { decryptSecret, generateKey } from "@/lib/crypto/credentials";
import { startTestDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startTestDatabase>>;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.stop();
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("apply every migration in prisma/migrations to an empty database, once", async () => {
    const onDisk = fs.readdirSync(MIGRATIONS_DIR).filter((n) => fs.statSync(`${MIGRATIONS_DIR}/${n}`).isDirectory()).sort();
    expect(onDisk.length).toBeGreaterThan(0);
    expect(await applyMigrations(db.url)).toEqual(onDisk);
    expect(await applyMigrations(db.url)).toEqual([]);

    const recorded = await query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(onDisk);
    const tables = (await query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).map(
      (r) => r.table_name,
    );
    for (const t of ["User", "ResellerAccount", "Customer", "Order", "OrderItem", "License", "AddOn", "ApiCall"]) expect(tables).toContain(t);
  });

  it("create the indexes the lookups need", async () => {
    const indexes = (await query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'`)).map((r) => r.indexdef);
    const has = (table: string, column: string) => indexes.some((d) => d.includes(`ON public."${table}"`) && new RegExp(`\\("?${column}"?[,)]`).test(d));
    expect(has("Order", "orderNumber")).toBe(true);
    expect(has("Order", "foreignOrderNumber")).toBe(true);
    expect(has("License", "domainName")).toBe(true);
    expect(has("License", "expiresAt")).toBe(true);
    expect(has("Customer", "email")).toBe(true);
    expect(has("OrderItem", "domainName")).toBe(true);
  });
});

describe("demo seed", () => {
  const tables = ["User", "ResellerAccount", "Customer", "Order", "OrderItem", "License", "AddOn"];
  const snapshot = async () => {
    const out: Record<string, string[]> = {};
    for (const t of tables) out[t] = (await query<{ id: string }>(`SELECT id FROM "${t}" ORDER BY id`)).map((r) => r.id);
    return out;
  };

  const key = generateKey();

  it("is idempotent: run twice, same rows", async () => {
    const prisma = createPrismaClient(db.url);
    const anchor = anchorDay(new Date());
    try {
      await seedDemo(prisma, { anchor, credentialsKey: key, sandboxUrl: "http://127.0.0.1:4999/products/" });
      const first = await snapshot();
      await seedDemo(prisma, { anchor, credentialsKey: key, sandboxUrl: "http://127.0.0.1:4999/products/" });
      expect(await snapshot()).toEqual(first);

      expect(first.User).toHaveLength(DEMO_USERS.length);
      const world = [...DEMO_CUSTOMERS, ...renewalsBookCustomers().map((b) => b.customer)];
      expect(first.Customer).toHaveLength(world.length);
      expect(first.License).toHaveLength(world.flatMap((c) => c.licenses).length);
      expect(first.AddOn).toHaveLength(world.flatMap((c) => c.licenses.flatMap((l) => l.addOns)).length);
      const roles = await prisma.user.findMany({ select: { role: true } });
      expect(new Set(roles.map((r) => r.role))).toEqual(new Set(["ADMIN", "STAFF", "ACCOUNT_MANAGER", "SUPPORT"]));
    } finally {
      await prisma.$disconnect();
    }
  });

  it("stores the reseller password encrypted, and it decrypts with the key", async () => {
    const rows = await query<{ loginPasswordEnc: string; loginName: string }>(`SELECT "loginName", "loginPasswordEnc" FROM "ResellerAccount"`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.loginName).toBe(DEMO_RESELLER.loginName);
    expect(rows[0]!.loginPasswordEnc).not.toContain(DEMO_RESELLER.password);
    expect(decryptSecret(rows[0]!.loginPasswordEnc, key)).toBe(DEMO_RESELLER.password);
    expect(() => decryptSecret(rows[0]!.loginPasswordEnc, generateKey())).toThrow();
  });

  it("covers the telling license states: active, in the renewal window, expired, with add-ons, awaiting authorization", async () => {
    const rows = await query<{ domainName: string; status: string; days: number; addons: number }>(`
      SELECT l."domainName", l.status, CEIL(EXTRACT(EPOCH FROM (l."expiresAt" - now())) / 86400)::int AS days,
             (SELECT count(*) FROM "AddOn" a WHERE a."licenseId" = l.id)::int AS addons
      FROM "License" l`);
    expect(rows.some((r) => r.status === "ACTIVE" && r.days > 30 && r.addons > 0)).toBe(true);
    expect(rows.some((r) => r.status === "ACTIVE" && r.days > 0 && r.days <= 30)).toBe(true);
    expect(rows.some((r) => r.status === "EXPIRED" && r.days <= 0)).toBe(true);
    expect(rows.some((r) => r.status === "PENDING")).toBe(true);
  });
});
