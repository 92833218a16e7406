/**
 * Renewing a license (lib/licenses/actions/renew.ts) against the real sandbox over HTTP, with its
 * clock: inside the window it is placed once per period whatever happens (twice, at once, a lost
 * answer); outside it, our pre-check and Sectigo's -121 both end in a sentence.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { systemActor } from "@/lib/auth/system-actor";
import { orderDeps, type OrderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { renewalSubmissionKey, renewLicense } from "@/lib/licenses/actions/renew";
import { setAutoRenew } from "@/lib/licenses/actions/set-auto-renew";
import { orderAddOn } from "@/lib/licenses/actions/order-add-on";
import { confirmedAddOn } from "./add-on-confirmed";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const DAY = 86_400_000;
const T0 = new Date("2031-03-01T12:00:00.000Z");
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: OrderDeps;
let now = T0;
const key = generateKey();
const ACCOUNT = "acct-renew";
let staff: Actor;
let manager: Actor;

const admin = sandboxAdmin(() => sandbox);

/** Both clocks (ours and Sectigo's) at the same instant, unless a skew is asked for. */
async function setClocks(ours: Date, sectigo: Date = ours): Promise<void> {
  now = ours;
  await admin("POST", "clock", { now: sectigo.toISOString(), freeze: true });
}

async function upstreamOrders(domain: string): Promise<Array<{ order: { orderNumber: string; kind?: string } }>> {
  return (await admin<{ orders: Array<{ order: { orderNumber: string; kind?: string } }> }>("GET", `orders?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`)).orders;
}

let n = 0;
/** A SiteLock Basic license (365 days, with TrueShield) placed at T0 on both sides. */
async function placedLicense() {
  n++;
  await setClocks(T0);
  const domain = `renew-${n}-${Date.now()}.example`;
  const result = await submitOrder(
    staff,
    {
      submissionKey: randomUUID(),
      resellerAccountId: ACCOUNT,
      customer: { new: { name: `Renew Customer ${n}`, email: `owner-${n}-${Date.now()}@renew.example` } },
      kind: "NEW",
      currency: "USD",
      items: [
        { productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 149 },
        { productCode: 1071, productName: "TrueShield", days: 365, domainName: domain, isAddOn: true, buyPrice: null, sellPrice: 20 },
      ],
      sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode: 1060, addOnCodes: [1071], days: 365, domainName: domain, contactEmail: `owner-${n}@renew.example`, autoRenew: false } },
    },
    deps,
  );
  expect(result.outcome).toBe("PLACED");
  const license = await prisma.license.findFirstOrThrow({ where: { orderId: result.order.id, productCode: 1060 }, include: { addOns: true } });
  expect(license.expiresAt).toEqual(new Date(T0.getTime() + 365 * DAY));
  return { domain, license };
}

const insideWindow = new Date(T0.getTime() + 345 * DAY); // 20 days before expiry

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, now: T0 });
  await seedResellerAccount(prisma, { id: ACCOUNT, label: "Renewals", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const s = await seedUser(prisma, { id: "u-staff", email: "staff@renew.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-1" });
  const m = await seedUser(prisma, { id: "u-am", email: "am@renew.test", name: "Max Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-2" });
  staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  manager = { id: m.id, email: m.email, name: m.name, role: m.role };
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  deps = { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), now: () => now };
}, 60_000);

beforeEach(() => {
  now = T0;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("renewing a license", () => {
  it("inside the window: PLACED, the expiry moves one term on (add-ons too), one upstream renewal, the order is in the license's chain", async () => {
    const { domain, license } = await placedLicense();
    await setClocks(insideWindow);
    const result = await renewLicense(manager, { licenseId: license.id }, deps);
    const newExpiry = new Date(license.expiresAt!.getTime() + 365 * DAY);
    expect(result).toMatchObject({ ok: true, status: "PLACED", duplicate: false, newExpiresAt: newExpiry });
    const after = await prisma.license.findUniqueOrThrow({ where: { id: license.id }, include: { addOns: true, actingOrders: true } });
    expect(after.expiresAt).toEqual(newExpiry);
    expect(after.addOns.map((a) => a.expiresAt)).toEqual([newExpiry]);
    expect(after.actingOrders).toHaveLength(1);
    expect(after.actingOrders[0]).toMatchObject({ kind: "RENEWAL", status: "PLACED", placedById: manager.id, targetLicenseId: license.id });
    expect(after.currentOrderNumber).toBe(after.actingOrders[0]!.orderNumber);
    const upstream = await upstreamOrders(domain);
    expect(upstream).toHaveLength(2);
    expect(upstream.map((u) => u.order.orderNumber)).toContain(after.actingOrders[0]!.orderNumber);
  });

  it("the same renewal twice at once, and again after: one upstream order, the others answered with it", async () => {
    const { domain, license } = await placedLicense();
    await setClocks(insideWindow);
    const seen = license.expiresAt!.toISOString();
    const results = await Promise.all([
      renewLicense(manager, { licenseId: license.id, expiresAt: seen }, deps),
      renewLicense(manager, { licenseId: license.id, expiresAt: seen }, deps),
      renewLicense(manager, { licenseId: license.id }, deps),
    ]);
    const orderIds = new Set(results.slice(0, 2).map((r) => (r.ok ? r.orderId : r.code)));
    expect(orderIds.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    // The third names no period: it renews the license as it finds it. Overlapping the others it is
    // answered with their order; arriving after them it finds the license renewed (next window not open).
    const third = results[2]!;
    if (third.ok) expect(third).toMatchObject({ duplicate: true, orderId: [...orderIds][0] });
    else expect(third.code).toBe("OUTSIDE_WINDOW");
    // A second tab still showing the old expiry: answered with the same order, nothing sent.
    const again = await renewLicense(manager, { licenseId: license.id, expiresAt: seen }, deps);
    expect(again).toMatchObject({ ok: true, duplicate: true, orderId: [...orderIds][0] });
    expect(await upstreamOrders(domain)).toHaveLength(2);
    expect(await prisma.order.count({ where: { targetLicenseId: license.id } })).toBe(1);
    // The license now expires a year later: the next period's window is not open.
    const next = await renewLicense(manager, { licenseId: license.id }, deps);
    expect(next).toMatchObject({ ok: false, code: "OUTSIDE_WINDOW" });
  });

  it("outside the window our pre-check refuses with the date it opens; nothing is sent", async () => {
    const { domain, license } = await placedLicense();
    await setClocks(new Date(T0.getTime() + 200 * DAY));
    const result = await renewLicense(manager, { licenseId: license.id }, deps);
    expect(result).toMatchObject({ ok: false, code: "OUTSIDE_WINDOW", opensAt: new Date(license.expiresAt!.getTime() - 30 * DAY) });
    expect(!result.ok && result.message).toMatch(/^Renewal opens on \d{1,2} \w{3} \d{4}/);
    expect(await upstreamOrders(domain)).toHaveLength(1);
    expect(await prisma.order.count({ where: { targetLicenseId: license.id } })).toBe(0);
  });

  it("review: an order on the license with no known outcome (a plan change) blocks the renewal; nothing is sent", async () => {
    const { domain, license } = await placedLicense();
    await setClocks(insideWindow);
    const customer = await prisma.customer.findUniqueOrThrow({ where: { id: license.customerId } });
    await prisma.order.create({
      data: { foreignOrderNumber: `OD-REVIEW-${n}`, kind: "UPGRADE", status: "UNKNOWN", customerId: customer.id, resellerAccountId: ACCOUNT, targetLicenseId: license.id },
    });
    const result = await renewLicense(manager, { licenseId: license.id }, deps);
    expect(result).toMatchObject({ ok: false, code: "ORDER_PENDING" });
    expect(await upstreamOrders(domain)).toHaveLength(1);
    expect(await prisma.order.count({ where: { targetLicenseId: license.id, kind: "RENEWAL" } })).toBe(0);
  });

  it("review: an order placed with a borrowed renewal key never answers for the renewal", async () => {
    const { domain, license } = await placedLicense();
    await setClocks(insideWindow);
    const customer = await prisma.customer.findUniqueOrThrow({ where: { id: license.customerId } });
    await prisma.order.create({
      data: {
        foreignOrderNumber: `OD-BORROWED-${n}`,
        kind: "NEW",
        status: "PLACED",
        customerId: customer.id,
        resellerAccountId: ACCOUNT,
        submissionKey: renewalSubmissionKey(license.id, license.expiresAt!.toISOString()),
      },
    });
    const result = await renewLicense(manager, { licenseId: license.id }, deps);
    expect(result).toMatchObject({ ok: true, status: "PLACED", duplicate: false });
    expect((await upstreamOrders(domain)).length).toBe(2);
  });

  it("Sectigo's -121 (our clock inside the window, Sectigo's outside) becomes a FAILED order with a sentence; the period can be tried again", async () => {
    const { domain, license } = await placedLicense();
    await setClocks(insideWindow, new Date(T0.getTime() + 200 * DAY));
    const result = await renewLicense(manager, { licenseId: license.id }, deps);
    expect(result).toMatchObject({ ok: false, code: "FAILED" });
    expect(!result.ok && result.message).toBe(
      "Sectigo refused the renewal: it is outside the renewal period (the 30 days before expiry). Nothing was charged. Check the license's expiry date at Sectigo.",
    );
    const failed = await prisma.order.findUniqueOrThrow({ where: { id: (result as { orderId: string }).orderId } });
    expect(failed).toMatchObject({ status: "FAILED", errorCode: -121, kind: "RENEWAL", targetLicenseId: license.id });
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).expiresAt).toEqual(license.expiresAt);
    // Clocks agree again: the same period is renewed under its next attempt key.
    await setClocks(insideWindow);
    const retry = await renewLicense(manager, { licenseId: license.id }, deps);
    expect(retry).toMatchObject({ ok: true, status: "PLACED", duplicate: false });
    expect(await upstreamOrders(domain)).toHaveLength(2);
  });

  it("a lost answer: UNKNOWN, never resent (a second try is answered with it), reconciled PLACED with the new expiry", async () => {
    const { domain, license } = await placedLicense();
    await setClocks(insideWindow);
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoApplyOrder", times: 1 });
    const result = await renewLicense(manager, { licenseId: license.id }, deps);
    expect(result).toMatchObject({ ok: true, status: "UNKNOWN", newExpiresAt: null });
    const orderId = (result as { orderId: string }).orderId;
    expect(await renewLicense(manager, { licenseId: license.id }, deps)).toMatchObject({ ok: true, status: "UNKNOWN", duplicate: true, orderId });
    expect(await upstreamOrders(domain)).toHaveLength(2);

    const settled = await reconcileOrder(systemActor("reconciliation"), { orderId }, deps);
    expect(settled.outcome).toBe("PLACED");
    const after = await prisma.license.findUniqueOrThrow({ where: { id: license.id } });
    expect(after.expiresAt).toEqual(new Date(license.expiresAt!.getTime() + 365 * DAY));
    // The page still showing the old expiry: answered with the reconciled order, nothing sent.
    expect(await renewLicense(manager, { licenseId: license.id, expiresAt: license.expiresAt!.toISOString() }, deps)).toMatchObject({ ok: true, status: "PLACED", duplicate: true, orderId });
    expect(await upstreamOrders(domain)).toHaveLength(2);
  });

  it("checks manageRenewals itself: STAFF may place orders but not renew from here", async () => {
    const { license } = await placedLicense();
    await expect(renewLicense(staff, { licenseId: license.id }, deps)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("auto-renew on one license", () => {
  async function sandboxLicense(domain: string) {
    const { licenses } = await admin<{ licenses: Array<{ productCode: number; autoRenew: boolean }> }>("GET", `licenses?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`);
    return licenses.find((l) => l.productCode === 1060)!;
  }

  it("switched on at Sectigo and here, with who did it; then Order Desk never renews it and Sectigo does at expiry", async () => {
    const { domain, license } = await placedLicense();
    await setClocks(insideWindow);
    expect(await setAutoRenew(manager, { licenseId: license.id, autoRenew: true }, deps)).toEqual({ ok: true, autoRenew: true, changed: true });
    expect((await sandboxLicense(domain)).autoRenew).toBe(true);
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).autoRenew).toBe(true);
    const event = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: license.orderId, kind: "AUTO_RENEW" } });
    expect(event).toMatchObject({ actorId: manager.id, message: expect.stringMatching(/Max Manager .* switched auto-renew on/) });
    expect(event.data).toEqual({ licenseId: license.id, autoRenew: true });

    expect(await renewLicense(manager, { licenseId: license.id }, deps)).toMatchObject({ ok: false, code: "AUTO_RENEW_ON" });
    // Sectigo renews it itself at expiry.
    await setClocks(new Date(license.expiresAt!.getTime() + DAY));
    const upstream = await upstreamOrders(domain);
    expect(upstream.map((u) => u.order.kind)).toContain("auto-renewal");
  });

  it("switched off again: Sectigo does not renew at expiry; repeating the same value calls nothing", async () => {
    const { domain, license } = await placedLicense();
    expect((await setAutoRenew(manager, { licenseId: license.id, autoRenew: true }, deps)).ok).toBe(true);
    expect(await setAutoRenew(manager, { licenseId: license.id, autoRenew: false }, deps)).toEqual({ ok: true, autoRenew: false, changed: true });
    expect((await sandboxLicense(domain)).autoRenew).toBe(false);
    const calls = await prisma.apiCall.count({ where: { orderId: license.orderId } });
    expect(await setAutoRenew(manager, { licenseId: license.id, autoRenew: false }, deps)).toEqual({ ok: true, autoRenew: false, changed: false });
    expect(await prisma.apiCall.count({ where: { orderId: license.orderId } })).toBe(calls);
    await setClocks(new Date(license.expiresAt!.getTime() + DAY));
    expect(await upstreamOrders(domain)).toHaveLength(1);
  });

  it("a lost answer leaves our record as it was and says switching again is safe; SUPPORT and STAFF may not switch", async () => {
    const { license } = await placedLicense();
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!modifyThirdPartyDetails", times: 1 });
    const lost = await setAutoRenew(manager, { licenseId: license.id, autoRenew: true }, deps);
    expect(lost).toMatchObject({ ok: false, code: "UNKNOWN", message: expect.stringMatching(/Switching again is safe/) });
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).autoRenew).toBe(false);
    expect(await setAutoRenew(manager, { licenseId: license.id, autoRenew: true }, deps)).toMatchObject({ ok: true, changed: true });
    await expect(setAutoRenew(staff, { licenseId: license.id, autoRenew: false }, deps)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("an add-on from the license page", () => {
  it("is ordered once on this license (kind ADD_ON, targetLicenseId), runs its own term from today, and is refused when the tier cannot take it", async () => {
    const { domain, license } = await placedLicense();
    await setClocks(new Date(T0.getTime() + 100 * DAY));
    const submissionKey = randomUUID();
    const [a, b] = await Promise.all([
      confirmedAddOn(manager, { licenseId: license.id, productCode: 1069, submissionKey }, deps),
      confirmedAddOn(manager, { licenseId: license.id, productCode: 1069, submissionKey }, deps),
    ]);
    expect([a, b].filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    expect(a.ok && b.ok && a.orderId === b.orderId).toBe(true);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: (a as { orderId: string }).orderId } });
    expect(order).toMatchObject({ kind: "ADD_ON", status: "PLACED", targetLicenseId: license.id });
    const addOn = await prisma.addOn.findFirstOrThrow({ where: { licenseId: license.id, productCode: 1069 } });
    // 365 days from today: it outlives the license (which expires 265 days from now).
    expect(addOn.expiresAt).toEqual(new Date(now.getTime() + 365 * DAY));
    expect(addOn.expiresAt! > license.expiresAt!).toBe(true);
    expect(await upstreamOrders(domain)).toHaveLength(2);
    // Not the same add-on again, nor a product that is not one of its plan's add-ons.
    await expect(orderAddOn(manager, { licenseId: license.id, productCode: 1069, submissionKey: randomUUID() }, deps)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(orderAddOn(manager, { licenseId: license.id, productCode: 1077, submissionKey: randomUUID() }, deps)).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("review: a renewal racing another change on the same license (issue 9 #3)", () => {
  // The loser's "is another order pending?" check reads the database before the winner's order is
  // written, and answers only once the winner is at Sectigo: the loser then inserts its own order
  // while the winner's outcome is unknown. Each side loses once.
  it.each(["RENEWAL", "ADD_ON"] as const)("the %s loses: one order reaches Sectigo, the other is told another order is waiting, as data", async (loser) => {
    const { license } = await placedLicense();
    await setClocks(insideWindow);
    let winnerAtSectigo!: () => void;
    const winnerSent = new Promise<void>((resolve) => (winnerAtSectigo = resolve));
    let loserChecked = false;
    const racingDeps: OrderDeps = {
      ...deps,
      sectigo: async (accountId, link) => {
        const kind = link.orderId ? (await prisma.order.findUnique({ where: { id: link.orderId }, select: { kind: true } }))?.kind : undefined;
        if (kind && kind !== loser) winnerAtSectigo();
        return deps.sectigo(accountId, link);
      },
      db: new Proxy(deps.db, {
        get(target, prop, receiver) {
          // A renewal asks "is another order pending?" inside its one context statement.
          if (prop === "$queryRaw" && loser === "RENEWAL") {
            return async (strings: TemplateStringsArray, ...values: unknown[]) => {
              const found: unknown = await target.$queryRaw(strings, ...values);
              if (!loserChecked && strings.join("?").includes('AS "pendingOrder"')) {
                loserChecked = true;
                await winnerSent;
              }
              return found;
            };
          }
          if (prop !== "order") return Reflect.get(target, prop, receiver);
          const order = target.order;
          return new Proxy(order, {
            get(o, p, r) {
              if (p !== "findFirst") return Reflect.get(o, p, r);
              return async (args: Parameters<typeof order.findFirst>[0]) => {
                const found = await order.findFirst(args);
                // The add-on's check (the renewal's own is in its context statement, above).
                if (!loserChecked && loser === "ADD_ON") {
                  loserChecked = true;
                  await winnerSent;
                }
                return found;
              };
            },
          });
        },
      }),
    };
    // Every call takes 400 ms at Sectigo: the winner's outcome is unknown while the loser inserts.
    await admin("POST", "faults", { mode: "latency", latencyMs: 400 });
    try {
      const [renewal, addOn] = await Promise.all([
        renewLicense(manager, { licenseId: license.id }, racingDeps),
        confirmedAddOn(manager, { licenseId: license.id, productCode: 1069, submissionKey: randomUUID() }, racingDeps),
      ]);
      expect(loserChecked).toBe(true);
      const orders = await prisma.order.findMany({ where: { targetLicenseId: license.id }, select: { id: true, kind: true } });
      expect(orders.map((o) => o.kind)).toEqual([loser === "RENEWAL" ? "ADD_ON" : "RENEWAL"]);
      expect(await prisma.apiCall.count({ where: { orderId: { in: orders.map((o) => o.id) } } })).toBe(1);
      expect(loser === "RENEWAL" ? renewal : addOn).toMatchObject({ ok: false, code: "ORDER_PENDING", message: expect.stringContaining("still waiting for Sectigo's answer") });
      expect(loser === "RENEWAL" ? addOn : renewal).toMatchObject({ ok: true });
    } finally {
      await admin("DELETE", "faults");
    }
  });
});
