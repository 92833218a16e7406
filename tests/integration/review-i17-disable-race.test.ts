/** Reviewer probe (issue 17 #11): the trigger that refuses orders of a disabled account, against a disable in flight. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedCustomer, seedResellerAccount } from "@/lib/demo/factories";
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

it.runIf(process.env.REVIEW_FIXED_TRIGGER === "1")("(with the suggested trigger) setup", async () => {
  await a.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION "order_account_enabled"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE disabled timestamp(3);
BEGIN
  SELECT "disabledAt" INTO disabled FROM "ResellerAccount" WHERE id = NEW."resellerAccountId" FOR SHARE;
  IF disabled IS NOT NULL THEN
    RAISE EXCEPTION 'reseller account % is disabled', NEW."resellerAccountId" USING ERRCODE = 'OD001';
  END IF;
  RETURN NEW;
END;
$$`);
});

// Fails today (the order row is written for the disabled account): it.fails until the trigger locks the row it reads.
it.fails("an order inserted while the account is being disabled is refused once the disable commits", async () => {
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
  console.log("INSERT DURING DISABLE:", JSON.stringify(outcome));
  expect(outcome).toHaveProperty("refused");
});
