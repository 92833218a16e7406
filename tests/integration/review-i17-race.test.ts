/** Reviewer probe (issue 17): the near-duplicate guard under two tabs pressing Place at the same moment. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedCustomer, seedResellerAccount, seedUser } from "@/lib/demo/factories";
import { startSandbox } from "@/lib/sectigo/sandbox/server";
import { DEMO_RESELLER, anchorDay } from "@/lib/demo/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps, type OrderDeps } from "@/lib/orders/order-deps";
import { placeOrderFromForm } from "@/lib/orders/place-order-from-form";
import { productByKey } from "@/lib/catalog";
import { validFormInput } from "../sectigo/catalog-values";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: OrderDeps;
let staff: Actor;
const key = generateKey();
const ACCOUNT = "acct-race";
const admin = sandboxAdmin(() => sandbox);

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchorDay(new Date()) });
  await seedResellerAccount(prisma, { id: ACCOUNT, label: ACCOUNT, loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key, apBrand: "OrderDeskTest" });
  const s = await seedUser(prisma, { id: "u-race", email: "staff@race.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-1" });
  staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  deps = orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 });
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("two tabs at once", () => {
  // Failed before the fix (both were placed, two calls to Sectigo): the guard is now read again under a
  // lock that joins it to the order row's insert (submit-order.ts `guard`).
  it("two identical orders pressed at the same moment: at most one goes without the question", async () => {
    const positive = productByKey("positivessl-ov")!;
    const c = "c-race";
    await seedCustomer(prisma, { id: c, resellerAccountId: ACCOUNT, name: "Race", email: "race@race.example" });
    const values = validFormInput(positive, "race1") as Record<string, unknown>;
    const form = () => ({ submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: positive.key, customerId: c, licenceId: null, resellerPays: true, values, confirmed: [] });
    // A barrier: each tab's guard query waits until the other tab reached its guard too (two people pressing Place together).
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>((r) => (release = r));
    const barrierDb = new Proxy(prisma, {
      get(target, prop, receiver) {
        if (prop === "$queryRaw") {
          return async (...args: unknown[]) => {
            const sql = JSON.stringify(args[0]);
            if (sql.includes("placedBy")) { arrived++; if (arrived === 2) release(); await both; }
            return (target.$queryRaw as (...a: unknown[]) => unknown)(...args);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const raced = { ...deps, db: barrierDb } as typeof deps;
    const results = await Promise.all([placeOrderFromForm(staff, form(), raced), placeOrderFromForm(staff, form(), raced)]);
    console.log("RACE OUTCOMES", results.map((r) => r.outcome));
    expect(results.filter((r) => r.outcome === "NEEDS_CONFIRMATION").length).toBe(1);
  });

  it("a new customer typed in two tabs (same e-mail, same CSR): the second is asked or refused", async () => {
    const positive = productByKey("positivessl-ov")!;
    const values = validFormInput(positive, "race2") as Record<string, unknown>;
    const form = () => ({ submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: positive.key, customerId: null, licenceId: null, resellerPays: true, values, confirmed: [] });
    const first = await placeOrderFromForm(staff, form(), deps);
    let second: unknown;
    try { second = await placeOrderFromForm(staff, form(), deps); } catch (e) { second = { threw: (e as Error).message }; }
    console.log("NEW CUSTOMER OUTCOMES", first.outcome, JSON.stringify(second).slice(0, 300));
    expect((second as { outcome?: string }).outcome).not.toBe("AWAITING_AUTHORIZATION");
  });
});

describe("a busy customer", () => {
  it("21 recent orders of a product that names no domain: the 22nd can still be placed after 'Place another'", async () => {
    const p = productByKey(process.env.BUSY_PRODUCT ?? "sectigo-web-monitor")!;
    const c = "c-busy";
    await seedCustomer(prisma, { id: c, resellerAccountId: ACCOUNT, name: "Busy", email: "busy@race.example" });
    for (let i = 0; i < 23; i++) {
      const values = validFormInput(p, `busy${i}`) as Record<string, unknown>;
      let r = await placeOrderFromForm(staff, { submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: p.key, customerId: c, licenceId: null, resellerPays: true, values, confirmed: [] }, deps);
      console.log(`ORDER ${i + 1}: ${r.outcome} ${r.outcome === "NEEDS_CONFIRMATION" ? r.confirmations.length : (r as { message?: string }).message ?? ""}`);
      if (r.outcome === "NEEDS_CONFIRMATION") {
        const keys = r.confirmations.map((q) => q.key);
        try {
          r = await placeOrderFromForm(staff, { submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: p.key, customerId: c, licenceId: null, resellerPays: true, values, confirmed: keys }, deps);
        } catch (e) {
          console.log(`ORDER ${i + 1}: asked about ${keys.length} orders; answering them all: ${(e as Error).message}`);
          throw e;
        }
      }
    }
  }, 120_000);
});
