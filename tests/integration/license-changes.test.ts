/**
 * Plan changes and cancellations (lib/licenses/actions/change-plan.ts, cancel-license.ts) against the real
 * sandbox over HTTP, on a shared clock: the app charges what the preview said, the license and its
 * add-ons follow, every action reaches Sectigo once, and a lost answer is never resent.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { systemActor } from "@/lib/auth/system-actor";
import { submitOrder } from "@/lib/orders/submit-order";
import { changePlan, previewPlanChange, type ChangePlanDeps, type PlanChangePreview } from "@/lib/licenses/actions/change-plan";
import { cancelLicense, previewCancellation, type CancellationPreview } from "@/lib/licenses/actions/cancel";
import { orderAddOn } from "@/lib/licenses/actions/order-add-on";
import { confirmedAddOn } from "./add-on-confirmed";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const DAY = 86_400_000;
const ACCOUNT = "acct-changes";
const key = generateKey();
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: ChangePlanDeps;
let manager: Actor;
let support: Actor;
let staff: Actor;
let clock = new Date(Math.floor(Date.now() / DAY) * DAY + 9 * 3_600_000);

const admin = sandboxAdmin(() => sandbox);

/** Moves the sandbox's clock and the app's together. */
async function advanceDays(days: number): Promise<void> {
  clock = new Date(clock.getTime() + days * DAY);
  await admin("POST", "clock", { now: clock.toISOString(), freeze: true });
}

async function funds(): Promise<number> {
  const { accounts } = await admin<{ accounts: Array<{ loginName: string; funds: number }> }>("GET", "accounts");
  return accounts.find((a) => a.loginName === DEMO_RESELLER.loginName)!.funds;
}

async function upstreamLicenses(domain: string) {
  return (await admin<{ licenses: Array<{ productCode: number; status: string; parentId: string | null }> }>("GET", `licenses?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`)).licenses;
}

const callsOf = (orderId: string) => prisma.apiCall.count({ where: { orderId } });

let n = 0;
/** A license bought through the pipeline now (on the shared clock). */
async function buyLicense(productCode: number, days: 30 | 365, addOnCodes: number[] = []) {
  n++;
  const domain = `change-${n}-${Date.now()}.example`;
  const email = `owner-${n}-${Date.now()}@change.example`;
  const result = await submitOrder(
    staff,
    {
      submissionKey: randomUUID(),
      resellerAccountId: ACCOUNT,
      customer: { new: { name: `Change Customer ${n}`, email } },
      kind: "NEW",
      currency: "USD",
      items: [{ productCode, productName: `Plan ${productCode}`, days, domainName: domain, isAddOn: false, buyPrice: null, sellPrice: null }],
      sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode, addOnCodes, days, domainName: domain, contactEmail: email, autoRenew: false } },
    },
    deps,
  );
  expect(result.outcome).toBe("PLACED");
  const license = await prisma.license.findFirstOrThrow({ where: { orderId: result.order.id }, include: { addOns: true } });
  const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order.id }, select: { totalCost: true } });
  return { license, domain, paid: Number(order.totalCost) };
}

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, now: clock });
  await seedResellerAccount(prisma, { id: ACCOUNT, label: "Changes", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const users = await Promise.all([
    seedUser(prisma, { id: "u-manager", email: "manager@change.test", name: "Max Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-1" }),
    seedUser(prisma, { id: "u-support", email: "support@change.test", name: "Sue Support", role: "SUPPORT", password: "a-long-password-2" }),
    seedUser(prisma, { id: "u-staff", email: "staff@change.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-3" }),
  ]);
  [manager, support, staff] = users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role })) as [Actor, Actor, Actor];
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 100_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  // The reseller's buy prices are the sandbox's (tools/sandbox/core/catalog.ts): the preview must match what it debits.
  const prices: Array<[string, string, number, number]> = [
    ["sitelock-monitor", "365", 0, 0],
    ["sitelock-basic", "365", 99.99, 149], ["sitelock-basic", "30", 9.99, 14],
    ["sitelock-pro", "365", 299.99, 399], ["sitelock-pro", "30", 29.99, 39],
    ["sitelock-business", "365", 599.99, 799],
  ];
  await prisma.planPrice.createMany({ data: prices.map(([productKey, term, buyPrice, sellPrice]) => ({ productKey, term, buyPrice, sellPrice, currency: "USD" })) });
  const base = orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 });
  deps = {
    ...base,
    now: () => clock,
    price: async (_actor, productKey, term) => {
      const row = await prisma.planPrice.findUnique({ where: { productKey_term: { productKey, term } } });
      return row ? { buyPrice: row.buyPrice.toFixed(2), sellPrice: row.sellPrice.toFixed(2), currency: row.currency, margin: "0", marginPercent: null } : null;
    },
  };
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("changing plan", () => {
  it("upgrade Basic -> Pro: Sectigo debits what the preview said, once; the license starts today and keeps its expiry", async () => {
    const { license, domain } = await buyLicense(1060, 365);
    await advanceDays(100);
    const preview = (await previewPlanChange(manager, { licenseId: license.id, productCode: 1061 }, deps)) as PlanChangePreview;
    expect(preview).toMatchObject({ ok: true, direction: "UPGRADE", addOnsLost: [], startsAt: clock, expiresAt: license.expiresAt, remainingDays: 265 });
    expect(preview.charge).toEqual({ cost: Math.round(200 * (265 / 365) * 100) / 100, customer: Math.round(250 * (265 / 365) * 100) / 100, currency: "USD" });

    const before = await funds();
    const submissionKey = randomUUID();
    const results = await Promise.all([changePlan(manager, { licenseId: license.id, productCode: 1061, submissionKey }, deps), changePlan(manager, { licenseId: license.id, productCode: 1061, submissionKey }, deps)]);
    expect(results.map((r) => (r.ok ? r.outcome : r.code)).sort()).toEqual(["ALREADY_SUBMITTED", "PLACED"]);
    expect(Math.round((before - (await funds())) * 100) / 100).toBe(preview.charge!.cost);

    const orderId = (results[0] as { orderId: string }).orderId;
    const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order).toMatchObject({ kind: "UPGRADE", targetLicenseId: license.id, status: "PLACED", placedById: manager.id });
    expect(await callsOf(orderId)).toBe(1);
    const after = await prisma.license.findUniqueOrThrow({ where: { id: license.id } });
    expect(after).toMatchObject({ productCode: 1061, startsAt: clock, expiresAt: license.expiresAt, currentOrderNumber: order.orderNumber });
    expect((await upstreamLicenses(domain)).find((l) => l.parentId === null)?.productCode).toBe(1061);
  });

  it("a downgrade drops the add-on the new plan cannot hold, here and at Sectigo, and charges nothing", async () => {
    const { license, domain } = await buyLicense(1060, 365, [1071]);
    await advanceDays(10);
    const preview = (await previewPlanChange(manager, { licenseId: license.id, productCode: 1059 }, deps)) as PlanChangePreview;
    expect(preview).toMatchObject({ ok: true, direction: "DOWNGRADE", charge: { cost: 0, customer: 0 } });
    expect(preview.addOnsLost.map((a) => a.productCode)).toEqual([1071]);
    const before = await funds();
    const result = await changePlan(manager, { licenseId: license.id, productCode: 1059, submissionKey: randomUUID() }, deps);
    expect(result).toMatchObject({ ok: true, outcome: "PLACED" });
    expect(await funds()).toBe(before);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: (result as { orderId: string }).orderId } });
    expect(order.kind).toBe("DOWNGRADE");
    const after = await prisma.license.findUniqueOrThrow({ where: { id: license.id }, include: { addOns: true } });
    expect(after.productCode).toBe(1059);
    expect(after.addOns.map((a) => [a.productCode, a.status])).toEqual([[1071, "CANCELLED"]]);
    expect((await upstreamLicenses(domain)).find((l) => l.parentId !== null)?.status).toBe("cancelled");
  });

  it("refusals are data: same plan, the bundle, a license no longer active; SUPPORT is refused", async () => {
    const { license } = await buyLicense(1061, 365);
    expect(await previewPlanChange(manager, { licenseId: license.id, productCode: 1061 }, deps)).toMatchObject({ ok: false, code: "SAME_TIER", field: "productCode" });
    expect(await previewPlanChange(manager, { licenseId: license.id, productCode: 1071 }, deps)).toMatchObject({ ok: false, code: "NOT_A_PLAN" });
    const monthly = (await buyLicense(1060, 30)).license;
    expect(await previewPlanChange(manager, { licenseId: monthly.id, productCode: 1059 }, deps)).toMatchObject({ ok: false, code: "NOT_A_PLAN", message: "SiteLock Monitor is not sold for a 30-day term: pick another plan." });
    await prisma.license.update({ where: { id: license.id }, data: { productCode: 1072 } });
    expect(await previewPlanChange(manager, { licenseId: license.id, productCode: 1062 }, deps)).toMatchObject({ ok: false, code: "BUNDLE", message: expect.stringContaining("must first purchase a paid SiteLock product") });
    await prisma.license.update({ where: { id: license.id }, data: { productCode: 1061, status: "CANCELLED" } });
    expect(await previewPlanChange(manager, { licenseId: license.id, productCode: 1062 }, deps)).toMatchObject({ ok: false, code: "NOT_ACTIVE" });
    expect(await changePlan(manager, { licenseId: license.id, productCode: 1062, submissionKey: randomUUID() }, deps)).toMatchObject({ ok: false, code: "NOT_ACTIVE" });
    await expect(previewPlanChange(support, { licenseId: license.id, productCode: 1062 }, deps)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changePlan(support, { licenseId: license.id, productCode: 1062, submissionKey: randomUUID() }, deps)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a lost answer leaves the plan change UNKNOWN, the same submission is not sent again, and reconciliation settles it", async () => {
    const { license } = await buyLicense(1060, 365);
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoApplyOrder", times: 1 });
    const submissionKey = randomUUID();
    const first = await changePlan(manager, { licenseId: license.id, productCode: 1062, submissionKey }, deps);
    expect(first).toMatchObject({ ok: true, outcome: "UNKNOWN" });
    expect(await changePlan(manager, { licenseId: license.id, productCode: 1062, submissionKey }, deps)).toMatchObject({ ok: true, outcome: "ALREADY_SUBMITTED" });
    const orderId = (first as { orderId: string }).orderId;
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } })).toEqual({ status: "UNKNOWN" });
    expect(await callsOf(orderId)).toBe(1);
    // A fresh submission (another tab, a second try by hand) is refused while the outcome is unknown.
    expect(await changePlan(manager, { licenseId: license.id, productCode: 1061, submissionKey: randomUUID() }, deps)).toMatchObject({ ok: false, code: "ORDER_PENDING" });
    // Reconciliation finds it at Sectigo by our reference and settles the license.
    expect(await reconcileOrder(systemActor("test"), { orderId }, deps)).toMatchObject({ outcome: "PLACED" });
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).productCode).toBe(1062);
  });
});

describe("cancelling", () => {
  it("inside the 14-day window: AutoRefund; the license and its add-ons are REFUNDED and the funds come back, once", async () => {
    const before = await funds();
    const { license, domain, paid } = await buyLicense(1060, 365, [1071]);
    expect(await funds()).toBeCloseTo(before - paid, 2);
    await advanceDays(13);
    const preview = (await previewCancellation(manager, { licenseId: license.id }, deps)) as CancellationPreview;
    expect(preview).toMatchObject({ ok: true, call: "autoRefund", kind: "REFUND", window: { state: "OPEN" } });
    expect(preview.addOns.map((a) => a.productName)).toHaveLength(1);

    const submissionKey = randomUUID();
    const results = await Promise.all([cancelLicense(manager, { licenseId: license.id, submissionKey }, deps), cancelLicense(manager, { licenseId: license.id, submissionKey }, deps)]);
    expect(results.map((r) => (r.ok ? r.outcome : r.code)).sort()).toEqual(["ALREADY_SUBMITTED", "REFUNDED"]);
    expect(await funds()).toBeCloseTo(before, 2);
    const orderId = (results[0] as { orderId: string }).orderId;
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ kind: "REFUND", status: "PLACED", targetLicenseId: license.id, operation: "autoRefund" });
    expect(await callsOf(orderId)).toBe(1);
    const after = await prisma.license.findUniqueOrThrow({ where: { id: license.id }, include: { addOns: true } });
    expect(after.status).toBe("REFUNDED");
    expect(after.addOns.map((a) => a.status)).toEqual(["REFUNDED"]);
    expect((await upstreamLicenses(domain)).map((l) => l.status).sort()).toEqual(["refunded", "refunded"]);
    // Once refunded, there is nothing left to cancel.
    expect(await cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID() }, deps)).toMatchObject({ ok: false, code: "NOT_ACTIVE" });
  });

  it("after the window (day 15): CANCELLICENCE, CANCELLED, no refund", async () => {
    const { license } = await buyLicense(1060, 365);
    await advanceDays(15);
    expect(await previewCancellation(manager, { licenseId: license.id }, deps)).toMatchObject({ ok: true, call: "cancelLicense", kind: "CANCELLATION", window: { state: "CLOSED" } });
    const before = await funds();
    expect(await cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID() }, deps)).toMatchObject({ ok: true, outcome: "CANCELLED" });
    expect(await funds()).toBe(before);
  });

  it("review: the same cancellation form after Sectigo refused it answers FAILED, never 'already sent'; another order's key is refused", async () => {
    const { license } = await buyLicense(1060, 365);
    const submissionKey = randomUUID();
    await prisma.order.create({
      data: {
        foreignOrderNumber: `OD-REFUSED-${n}`, submissionKey, kind: "REFUND", status: "FAILED", errorMessage: "Sectigo refused the refund.",
        customerId: license.customerId, resellerAccountId: ACCOUNT, targetLicenseId: license.id,
      },
    });
    expect(await cancelLicense(manager, { licenseId: license.id, submissionKey }, deps)).toMatchObject({ ok: false, code: "FAILED" });
    const other = await buyLicense(1060, 365);
    await expect(cancelLicense(manager, { licenseId: other.license.id, submissionKey }, deps)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.license.findUniqueOrThrow({ where: { id: other.license.id } })).toMatchObject({ status: "ACTIVE" });
  });

  it("a monthly license has no refund window: CANCELLED without refund, on its first day, once", async () => {
    const { license, domain } = await buyLicense(1060, 30);
    const preview = await previewCancellation(manager, { licenseId: license.id }, deps);
    expect(preview).toMatchObject({ ok: true, call: "cancelLicense", kind: "CANCELLATION", window: { state: "NONE" } });
    const before = await funds();
    const submissionKey = randomUUID();
    const first = await cancelLicense(manager, { licenseId: license.id, submissionKey, reason: "other" }, deps);
    expect(first).toMatchObject({ ok: true, outcome: "CANCELLED" });
    expect(await cancelLicense(manager, { licenseId: license.id, submissionKey }, deps)).toMatchObject({ ok: true, outcome: "ALREADY_SUBMITTED" });
    expect(await funds()).toBe(before);
    const orderId = (first as { orderId: string }).orderId;
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ kind: "CANCELLATION", operation: "modifyThirdPartyDetails" });
    expect(await callsOf(orderId)).toBe(1);
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).status).toBe("CANCELLED");
    expect((await upstreamLicenses(domain)).map((l) => l.status)).toEqual(["cancelled"]);
  });

  it("a lost answer leaves the cancellation UNKNOWN (license untouched), never resent; reconciliation reads the license at Sectigo; SUPPORT is refused", async () => {
    const { license } = await buyLicense(1060, 365);
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoRefund", times: 1 });
    const submissionKey = randomUUID();
    const first = await cancelLicense(manager, { licenseId: license.id, submissionKey }, deps);
    expect(first).toMatchObject({ ok: true, outcome: "UNKNOWN" });
    expect(await cancelLicense(manager, { licenseId: license.id, submissionKey }, deps)).toMatchObject({ ok: true, outcome: "ALREADY_SUBMITTED" });
    const orderId = (first as { orderId: string }).orderId;
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } })).toEqual({ status: "UNKNOWN" });
    expect(await callsOf(orderId)).toBe(1);
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).status).toBe("ACTIVE");
    expect(await previewCancellation(manager, { licenseId: license.id }, deps)).toMatchObject({ ok: false, code: "ORDER_PENDING" });
    expect(await cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID() }, deps)).toMatchObject({ ok: false, code: "ORDER_PENDING" });
    // Reconciliation reads the license's status at Sectigo (never the order call again): refunded.
    expect(await reconcileOrder(systemActor("test"), { orderId }, deps)).toMatchObject({ outcome: "PLACED" });
    expect(await callsOf(orderId)).toBe(2);
    expect((await prisma.apiCall.findMany({ where: { orderId }, select: { endpoint: true }, orderBy: { createdAt: "asc" } })).map((c) => c.endpoint)).toEqual(["!AutoRefund", "!WebHostReport"]);
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).status).toBe("REFUNDED");
    await expect(previewCancellation(support, { licenseId: license.id }, deps)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cancelLicense(support, { licenseId: license.id, submissionKey: randomUUID() }, deps)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("review: one open order per license (issue 9 #3, #2)", () => {
  it("two tabs at once: a plan change, another plan change, a cancellation and an add-on race on one license; one reaches Sectigo, the rest are told another order is waiting, as data", async () => {
    const { license } = await buyLicense(1060, 365);
    // Every call takes 400 ms at Sectigo, so all four are past their checks while the first is still waiting.
    await admin("POST", "faults", { mode: "latency", latencyMs: 400 });
    try {
      const results = await Promise.all([
        changePlan(manager, { licenseId: license.id, productCode: 1061, submissionKey: randomUUID() }, deps),
        changePlan(manager, { licenseId: license.id, productCode: 1062, submissionKey: randomUUID() }, deps),
        cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID() }, deps),
        confirmedAddOn(manager, { licenseId: license.id, productCode: 1071, submissionKey: randomUUID() }, deps),
      ]);
      const orders = await prisma.order.findMany({ where: { targetLicenseId: license.id }, select: { id: true } });
      expect(orders).toHaveLength(1);
      expect(await prisma.apiCall.count({ where: { orderId: { in: orders.map((o) => o.id) } } })).toBe(1);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const refused of results.filter((r) => !r.ok)) {
        expect(refused).toMatchObject({ ok: false, code: "ORDER_PENDING", message: expect.stringContaining("still waiting for Sectigo's answer") });
      }
    } finally {
      await admin("DELETE", "faults");
    }
  });
});

describe("review: an add-on whose answer was lost (issue 9 #2)", () => {
  it("the same form again is the same order; a new form is refused while the outcome is unknown; Sectigo is called once", async () => {
    const { license } = await buyLicense(1060, 365);
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoApplyOrder", times: 1 });
    const submissionKey = randomUUID();
    const first = await confirmedAddOn(manager, { licenseId: license.id, productCode: 1071, submissionKey }, deps);
    expect(first).toMatchObject({ ok: true, status: "UNKNOWN" });
    // The form keeps its key after UNKNOWN (components/licenses/add-on-key.ts): a second click is answered, not sent.
    expect(await orderAddOn(manager, { licenseId: license.id, productCode: 1071, submissionKey }, deps)).toMatchObject({ ok: true, duplicate: true, status: "UNKNOWN" });
    expect(await orderAddOn(manager, { licenseId: license.id, productCode: 1071, submissionKey: randomUUID() }, deps)).toMatchObject({ ok: false, code: "ORDER_PENDING", message: expect.stringContaining("still waiting for Sectigo's answer") });
    const orders = await prisma.order.findMany({ where: { targetLicenseId: license.id }, select: { id: true } });
    expect(orders).toHaveLength(1);
    expect(await callsOf(orders[0]!.id)).toBe(1);
  });
});

describe("review: a plan change Sectigo refused (issue 9 #5)", () => {
  it("the same form again answers FAILED with Sectigo's reason, never 'already sent'; another order's key is refused", async () => {
    const { license } = await buyLicense(1060, 365);
    const submissionKey = randomUUID();
    await prisma.order.create({
      data: {
        foreignOrderNumber: `OD-REFUSED-PLAN-${n}`, submissionKey, kind: "UPGRADE", status: "FAILED", errorMessage: "Sectigo refused the plan change: insufficient funds.",
        customerId: license.customerId, resellerAccountId: ACCOUNT, targetLicenseId: license.id,
      },
    });
    expect(await changePlan(manager, { licenseId: license.id, productCode: 1061, submissionKey }, deps)).toMatchObject({
      ok: false, code: "FAILED", message: expect.stringContaining("insufficient funds"),
    });
    const other = await buyLicense(1060, 365);
    await expect(changePlan(manager, { licenseId: other.license.id, productCode: 1061, submissionKey }, deps)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.license.findUniqueOrThrow({ where: { id: other.license.id } })).toMatchObject({ productCode: 1060 });
  });
});

describe("review: the SSL PLUS SiteLock Bundle (issue 9 #6)", () => {
  it("inside its 14-day window it is cancelled with CANCELLICENCE, never AutoRefund, and nothing is refunded", async () => {
    const { license } = await buyLicense(1060, 365);
    await prisma.license.update({ where: { id: license.id }, data: { productCode: 1072, productName: "SSL PLUS SiteLock Bundle" } });
    await advanceDays(3);
    expect(await previewCancellation(manager, { licenseId: license.id }, deps)).toMatchObject({ ok: true, window: { state: "OPEN" }, call: "cancelLicense", kind: "CANCELLATION", bundle: true });
  });
});

describe("issue 18 item 4: the lifecycle as users meet it", () => {
  it("an add-on is not placed without its confirmation: the question names its price and term end, and warns before when the term outlives the license", async () => {
    await prisma.planPrice.createMany({
      data: [
        { productKey: "sitelock-trueshield", term: "30", buyPrice: 9.99, sellPrice: 14, currency: "USD" },
        { productKey: "sitelock-trueshield", term: "365", buyPrice: 99.99, sellPrice: 129, currency: "USD" },
      ],
      skipDuplicates: true,
    });
    const { license } = await buyLicense(1060, 365);
    await advanceDays(100);
    const submissionKey = randomUUID();
    // One year from day 100 ends after the license (day 365): asked, with the warning, nothing sent.
    const year = await orderAddOn(manager, { licenseId: license.id, productCode: 1071, submissionKey }, deps);
    expect(year).toMatchObject({ ok: false, code: "NEEDS_CONFIRMATION", offer: { days: 365, outlivesLicense: true } });
    const yearQuestion = (year as { message: string }).message;
    expect(yearQuestion).toContain("$129.00");
    expect(yearQuestion).toContain(`ends on ${new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(clock.getTime() + 365 * DAY))}`);
    expect(yearQuestion).toContain("outlives its license");
    // An answer to another question (30 days) does not cover the 1-year order.
    const month = await orderAddOn(manager, { licenseId: license.id, productCode: 1071, days: 30, submissionKey }, deps);
    expect(month).toMatchObject({ ok: false, code: "NEEDS_CONFIRMATION", offer: { days: 30, outlivesLicense: false } });
    const monthKeys = (month as { confirmations: Array<{ key: string }> }).confirmations.map((c) => c.key);
    expect((month as { message: string }).message).not.toContain("outlives");
    expect(await orderAddOn(manager, { licenseId: license.id, productCode: 1071, submissionKey, confirmed: monthKeys }, deps)).toMatchObject({ code: "NEEDS_CONFIRMATION" });
    expect(await prisma.order.count({ where: { targetLicenseId: license.id } })).toBe(0);
    expect(await prisma.apiCall.count({ where: { order: { targetLicenseId: license.id } } })).toBe(0);
    // Answered: placed for 30 days, ending with its license.
    expect(await orderAddOn(manager, { licenseId: license.id, productCode: 1071, days: 30, submissionKey, confirmed: monthKeys }, deps)).toMatchObject({ ok: true, status: "PLACED" });
    const addOn = await prisma.addOn.findFirstOrThrow({ where: { licenseId: license.id, productCode: 1071 } });
    expect(addOn.expiresAt).toEqual(new Date(clock.getTime() + 30 * DAY));
  });

  it("a refund says before what it does (ends the license now, the amount back, the days lost) and after what it did; the page then reads how it ended", async () => {
    const { license, paid } = await buyLicense(1060, 365);
    await advanceDays(3);
    const preview = (await previewCancellation(manager, { licenseId: license.id }, deps)) as CancellationPreview;
    expect(preview).toMatchObject({ ok: true, refundOffered: true, amountBack: { amount: paid, currency: "USD" }, daysLost: 362 });
    const before = await funds();
    const result = await cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID() }, deps);
    expect(result).toMatchObject({ ok: true, outcome: "REFUNDED", endedAt: clock, amountBack: { amount: paid, currency: "USD" }, daysLost: 362 });
    // What the page said is what Sectigo gave back.
    expect(Math.round(((await funds()) - before) * 100) / 100).toBe(paid);
    const after = await previewCancellation(manager, { licenseId: license.id }, deps);
    expect(after).toMatchObject({ ok: false, code: "NOT_ACTIVE", ending: { how: "REFUNDED", on: clock, amountBack: { amount: paid, currency: "USD" } } });
  });

  it("near the end of the refund period Sectigo refuses the refund: said plainly, nothing happened, and the plain cancellation (always offered) cancels it", async () => {
    const { license, domain } = await buyLicense(1060, 365);
    await advanceDays(13);
    // The app still counts day 13 (window open); Sectigo's clock is already past day 14.
    await admin("POST", "clock", { now: new Date(clock.getTime() + 2 * DAY).toISOString(), freeze: true });
    try {
      const preview = (await previewCancellation(manager, { licenseId: license.id }, deps)) as CancellationPreview;
      expect(preview).toMatchObject({ ok: true, refundOffered: true, call: "autoRefund" });
      const before = await funds();
      const refused = await cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID(), mode: "refund" }, deps);
      expect(refused).toMatchObject({ ok: false, code: "FAILED", cancelWithoutRefund: true, message: expect.stringContaining("Sectigo refused the refund") });
      expect((refused as { message: string }).message).toContain("You can still cancel it without a refund");
      expect((refused as { message: string }).message).not.toContain("remove it");
      expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).status).toBe("ACTIVE");
      // The plain cancellation, a new submission: CANCELLICENCE, cancelled, no money back.
      const cancelled = await cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID(), mode: "cancel" }, deps);
      expect(cancelled).toMatchObject({ ok: true, outcome: "CANCELLED", amountBack: null });
      const order = await prisma.order.findUniqueOrThrow({ where: { id: (cancelled as { orderId: string }).orderId } });
      expect(order).toMatchObject({ kind: "CANCELLATION", operation: "modifyThirdPartyDetails" });
      expect(await funds()).toBe(before);
      expect((await upstreamLicenses(domain)).map((l) => l.status)).toEqual(["cancelled"]);
      expect(await previewCancellation(manager, { licenseId: license.id }, deps)).toMatchObject({ ending: { how: "CANCELLED", on: clock, amountBack: null } });
    } finally {
      await advanceDays(0);
    }
  });

  it("a refund asked for after the refund period is refused before anything is sent, with the way that works", async () => {
    const { license } = await buyLicense(1060, 365);
    await advanceDays(20);
    expect(await cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID(), mode: "refund" }, deps)).toMatchObject({ ok: false, code: "NOT_REFUNDABLE", message: expect.stringContaining("without a refund") });
    expect(await prisma.order.count({ where: { targetLicenseId: license.id } })).toBe(0);
  });
});
