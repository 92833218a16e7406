/**
 * Issue 19 item 4: the renewals funds warning no longer asks Sectigo for the balance on every view.
 * Against the demo world and the sandbox (Sectigo's stand-in, over HTTP): every getAccountBalance
 * call is recorded in ApiCall by the client, so the calls are counted where they happen.
 * The first test failed before: each view made one more call.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { generateKey } from "@/lib/crypto/credentials";
import { anchorDay, DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { startSandbox } from "@/tools/sandbox/server";
import { startTestDatabase, setAppEnv } from "./test-database";

const manager: Actor = { id: "demo-user-account_manager", email: "manager@orderdesk.test", name: "Mia", role: "ACCOUNT_MANAGER" };
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: (typeof import("@/lib/db"))["prisma"];
let funds: typeof import("@/lib/licenses/expiry-workspace/funds-warning");
let cache: typeof import("@/lib/licenses/expiry-workspace/account-balance");
const anchor = anchorDay(new Date());

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  setAppEnv(db.url, generateKey());
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor });
  ({ prisma } = await import("@/lib/db"));
  const { seedDemo } = await import("@/tools/demo/seed-demo");
  await seedDemo(prisma as never, { anchor, credentialsKey: process.env.CREDENTIALS_KEY!, sandboxUrl: `${sandbox.url}/products/` });
  funds = await import("@/lib/licenses/expiry-workspace/funds-warning");
  cache = await import("@/lib/licenses/expiry-workspace/account-balance");
});
afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

const balanceCalls = () => prisma.apiCall.count({ where: { endpoint: { contains: "getAccountBalance" } } });

describe("the funds warning's balance", () => {
  it("is asked of Sectigo once, then read from the shared snapshot while fresh (views make no call)", async () => {
    const before = await balanceCalls();
    const [first] = await funds.checkRenewalFunds(manager);
    expect(first?.balance).toMatchObject({ ok: true, available: DEMO_RESELLER.funds, currency: "USD" });
    expect(await balanceCalls()).toBe(before + 1);
    for (let i = 0; i < 3; i++) {
      const [again] = await funds.checkRenewalFunds(manager);
      expect(again?.balance).toEqual(first?.balance);
      expect(again?.balanceAsOf).toEqual(first?.balanceAsOf);
    }
    await cache.settleBalanceRefreshes();
    expect(await balanceCalls()).toBe(before + 1);
  });

  it("once stale: shown as it was (with its time) while ONE refresh asks Sectigo beside the page", async () => {
    const old = new Date(Date.now() - cache.BALANCE_FRESH_MS - 5_000);
    await prisma.accountBalanceSnapshot.updateMany({ data: { fetchedAt: old, available: 1.23 } });
    const before = await balanceCalls();
    const [first] = await funds.checkRenewalFunds(manager);
    expect(first?.balance).toMatchObject({ ok: true, available: 1.23 });
    expect(first?.balanceAsOf).toEqual(old);
    // More views meanwhile (as from other instances): the stale figure or the refreshed one, never a second call.
    const views = await Promise.all([1, 2, 3].map(() => funds.checkRenewalFunds(manager)));
    for (const [check] of views) {
      if (check!.balanceAsOf.getTime() === old.getTime()) expect(check?.balance).toMatchObject({ available: 1.23 });
      else expect(check?.balance).toMatchObject({ available: DEMO_RESELLER.funds });
    }
    await cache.settleBalanceRefreshes();
    expect(await balanceCalls()).toBe(before + 1);
    const [fresh] = await funds.checkRenewalFunds(manager);
    expect(fresh?.balance).toMatchObject({ ok: true, available: DEMO_RESELLER.funds });
    expect(fresh!.balanceAsOf.getTime()).toBeGreaterThan(old.getTime() + cache.BALANCE_FRESH_MS);
  });
});
