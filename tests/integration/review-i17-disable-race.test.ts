/** The trigger that refuses orders of a disabled account, against a disable in flight (found by the issue 17 review). */
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedCustomer, seedResellerAccount } from "@/tools/demo/factories";
import { startTestDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let a: ReturnType<typeof createPrismaClient>;
let b: ReturnType<typeof createPrismaClient>;

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  a = createPrismaClient(db.url);
  b = createPrismaClient(db.url);
  await seedResellerAccount(a, { id: "acct-x", label: "x", loginName: "x", password: "p-123456789", apiBaseUrl: "http://127.0.0.1:9/products/", mode: "SANDBOX", credentialsKey: generateKey(), apBrand: "b" });
  await seedCustomer(a, { id: "cust-x", resellerAccountId: "acct-x", name: "X", email: "x@x.example" });
}, 60_000);

afterAll(async () => {
  await a?.$disconnect();
  await b?.$disconnect();
  await db?.stop();
});


// Failed before migration 20261207160000 (the order row was written for the disabled account).
it("an order inserted while the account is being disabled is refused once the disable commits", async () => {
  let insert: Promise<unknown> | undefined;
  await a.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "ResellerAccount" WHERE id = 'acct-x' FOR UPDATE`;
    await tx.$executeRaw`UPDATE "ResellerAccount" SET "disabledAt" = now() WHERE id = 'acct-x'`;
    insert = b.order.create({ data: { foreignOrderNumber: "OD-RACE-1", kind: "NEW", status: "SUBMITTING", customerId: "cust-x", resellerAccountId: "acct-x" } }).then((o) => ({ inserted: o.id }), (e: Error) => ({ refused: e.message.slice(0, 120) }));
    // Wait (by polling the server's own view, not a timer) until the insert is blocked on our lock.
    for (let i = 0; i < 2000; i++) {
      const [row] = await tx.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM pg_locks WHERE NOT granted`;
      if (Number(row!.n) > 0) break;
    }
  }, { timeout: 20_000 });
  const outcome = await insert;
  expect(outcome).toHaveProperty("refused");
});
