/**
 * Issue 18: time is one clock. In sandbox mode (APP_CLOCK=sandbox) the app decides on the sandbox's
 * clock (lib/clock), so moving the sandbox's clock (POST /__sandbox/clock) moves the app's decisions:
 * a license 40 days from expiry is not renewable; the sandbox's clock moves 15 days on; the app's
 * license page now says renewable, and the renewal through the app's own deps is accepted by the
 * sandbox. In LIVE mode (APP_CLOCK=machine) the app never asks the sandbox.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { fixedNow } from "@/lib/clock/clock";
import { setAppEnv, startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const DAY = 86_400_000;
const T0 = new Date("2031-03-01T12:00:00.000Z");
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: (typeof import("@/lib/db"))["prisma"];
const key = generateKey();
const ACCOUNT = "acct-clock";
let manager: Actor;
let staff: Actor;
const admin = sandboxAdmin(() => sandbox);

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  sandbox = await startSandbox({ port: 0, now: T0 });
  setAppEnv(db.url, key);
  process.env.APP_CLOCK = "sandbox";
  process.env.SECTIGO_SANDBOX_URL = `${sandbox.url}/products/`;
  ({ prisma } = await import("@/lib/db"));
  await seedResellerAccount(prisma, { id: ACCOUNT, label: "Clock", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const m = await seedUser(prisma, { id: "u-am", email: "am@clock.test", name: "Max Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-2" });
  manager = { id: m.id, email: m.email, name: m.name, role: m.role };
  const s = await seedUser(prisma, { id: "u-staff", email: "staff@clock.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-1" });
  staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
}, 60_000);

afterAll(async () => {
  delete process.env.APP_CLOCK;
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

/** A SiteLock Basic license (365 days, auto-renew off) placed at T0 on both sides. */
async function placedLicense() {
  const domain = `clock-${Date.now()}.example`;
  const deps = { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), now: fixedNow(T0) };
  const result = await submitOrder(
    staff,
    {
      submissionKey: randomUUID(),
      resellerAccountId: ACCOUNT,
      customer: { new: { name: "Clock Customer", email: `owner-${Date.now()}@clock.example` } },
      kind: "NEW",
      currency: "USD",
      items: [{ productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 149 }],
      sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode: 1060, addOnCodes: [], days: 365, domainName: domain, contactEmail: "owner@clock.example", autoRenew: false } },
    },
    deps,
  );
  expect(result.outcome).toBe("PLACED");
  return { domain, license: await prisma.license.findFirstOrThrow({ where: { orderId: result.order.id } }) };
}

describe("the app follows the sandbox's clock", () => {
  it("moving the sandbox's clock 15 days on makes a license 40 days from expiry renewable in the app, and the app's renewal is accepted", async () => {
    const { getLicense } = await import("@/lib/licenses/queries/get-license");
    const { appNow, forgetAppClockReading } = await import("@/lib/clock/app-clock");
    const { appLifecycleDeps } = await import("@/lib/orders/app-deps");
    const { renewLicense } = await import("@/lib/licenses/actions/renew");
    const { license, domain } = await placedLicense();
    const expiry = license.expiresAt!;
    expect(expiry).toEqual(new Date(T0.getTime() + 365 * DAY));

    await admin("POST", "clock", { now: new Date(expiry.getTime() - 40 * DAY).toISOString(), freeze: true });
    forgetAppClockReading();
    expect(await appNow()).toEqual(new Date(expiry.getTime() - 40 * DAY));
    const before = await getLicense(manager, license.id, await appNow());
    expect(before?.eligibility).toMatchObject({ ok: false, code: "OUTSIDE_WINDOW" });
    // The renewal through the app is refused by the app itself: nothing reaches Sectigo.
    expect(await renewLicense(manager, { licenseId: license.id }, await appLifecycleDeps())).toMatchObject({ ok: false, code: "OUTSIDE_WINDOW" });

    await admin("POST", "clock", { advanceDays: 15 });
    forgetAppClockReading(); // instead of waiting out the reading's second
    const now = await appNow();
    expect(now).toEqual(new Date(expiry.getTime() - 25 * DAY));
    const after = await getLicense(manager, license.id, now);
    expect(after?.eligibility).toEqual({ ok: true });

    const renewed = await renewLicense(manager, { licenseId: license.id }, await appLifecycleDeps());
    expect(renewed).toMatchObject({ ok: true, status: "PLACED", newExpiresAt: new Date(expiry.getTime() + 365 * DAY) });
    const upstream = await admin<{ orders: Array<{ order: { orderNumber: string } }> }>("GET", `orders?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`);
    expect(upstream.orders).toHaveLength(2);
    const stored = await prisma.license.findUniqueOrThrow({ where: { id: license.id } });
    expect(upstream.orders.map((o) => o.order.orderNumber)).toContain(stored.currentOrderNumber);
  });

  it("LIVE mode (APP_CLOCK=machine) is this machine's time and never asks the sandbox", async () => {
    // serverEnv() is read once per process: a fresh module graph with the machine clock.
    vi.resetModules();
    process.env.APP_CLOCK = "machine";
    process.env.SECTIGO_SANDBOX_URL = "http://127.0.0.1:9/products/"; // nothing listens there
    const fresh = await import("@/lib/clock/app-clock");
    const realFetch = globalThis.fetch;
    let fetched = 0;
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      fetched++;
      return realFetch(...args);
    }) as typeof fetch;
    try {
      const t = Date.now();
      const now = await fresh.appNow();
      expect(Math.abs(now.getTime() - t)).toBeLessThan(1_000);
      expect(fetched).toBe(0);
    } finally {
      globalThis.fetch = realFetch;
      process.env.APP_CLOCK = "sandbox";
      process.env.SECTIGO_SANDBOX_URL = `${sandbox.url}/products/`;
    }
  });
});
