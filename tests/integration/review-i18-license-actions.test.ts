/**
 * Reviewer probes (issue 18, independent review): cancel and add-on (lib/licenses/actions): what a refund says it gives back against what the
 * sandbox (Sectigo) actually credits, and an add-on form key reused on another license. Each test here FAILED on main at review time; see the report.
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
import { submitOrder } from "@/lib/orders/submit-order";
import type { ChangePlanDeps } from "@/lib/licenses/actions/change-plan";
import { cancelLicense, previewCancellation, type CancellationPreview } from "@/lib/licenses/actions/cancel";
import { orderAddOn } from "@/lib/licenses/actions/order-add-on";
import { confirmedAddOn } from "./add-on-confirmed";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const DAY = 86_400_000;
const ACCOUNT = "acct-review-i18";
const key = generateKey();
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: ChangePlanDeps;
let manager: Actor;
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

let n = 0;
/** A license bought through the pipeline now (on the shared clock). */
async function buyLicense(productCode: number, days: 30 | 365, addOnCodes: number[] = []) {
  n++;
  const domain = `rv18-${n}-${Date.now()}.example`;
  const email = `owner-${n}-${Date.now()}@rv18.example`;
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
    seedUser(prisma, { id: "u-manager", email: "manager@rv18.test", name: "Max Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-1" }),
    seedUser(prisma, { id: "u-support", email: "support@rv18.test", name: "Sue Support", role: "SUPPORT", password: "a-long-password-2" }),
    seedUser(prisma, { id: "u-staff", email: "staff@rv18.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-3" }),
  ]);
  [manager, , staff] = users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role })) as [Actor, Actor, Actor];
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


describe("review i18: the refund's amount back is what Sectigo credits", () => {
  it("a 30-day add-on bought in the annual license's refund period is not refunded by Sectigo (monthly: no refund period), so the amount shown must not include it", async () => {
    await prisma.planPrice.createMany({
      data: [
        { productKey: "sitelock-trueshield", term: "30", buyPrice: 9.99, sellPrice: 14, currency: "USD" },
        { productKey: "sitelock-trueshield", term: "365", buyPrice: 99.99, sellPrice: 129, currency: "USD" },
      ],
      skipDuplicates: true,
    });
    const { license } = await buyLicense(1060, 365);
    await advanceDays(1);
    const added = await confirmedAddOn(manager, { licenseId: license.id, productCode: 1071, days: 30, submissionKey: randomUUID() }, deps);
    expect(added).toMatchObject({ ok: true, status: "PLACED" });
    await advanceDays(2);
    const preview = (await previewCancellation(manager, { licenseId: license.id }, deps)) as CancellationPreview;
    expect(preview).toMatchObject({ ok: true, refundOffered: true, call: "autoRefund" });
    const before = await funds();
    const result = await cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID() }, deps);
    expect(result).toMatchObject({ ok: true, outcome: "REFUNDED" });
    const credited = Math.round(((await funds()) - before) * 100) / 100;
    // The page said "$x back" before the click and records it after: it must be what came back.
    expect(preview.amountBack?.amount).toBe(credited);
    expect((result as { amountBack?: { amount: number } }).amountBack?.amount).toBe(credited);
  });
});

describe("review i18: an add-on form's submission key", () => {
  it("a key already used for another license's add-on is refused, never answered 'added' with that other order (cancel.ts refuses it the same way)", async () => {
    const a = await buyLicense(1060, 365);
    const b = await buyLicense(1060, 365);
    const submissionKey = randomUUID();
    const first = await confirmedAddOn(manager, { licenseId: a.license.id, productCode: 1071, days: 30, submissionKey }, deps);
    expect(first).toMatchObject({ ok: true, status: "PLACED" });
    // The same key (a stale tab, a replayed request) on license B: B gets no add-on...
    const reused = await orderAddOn(manager, { licenseId: b.license.id, productCode: 1071, days: 30, submissionKey }, deps).catch((e: unknown) => e);
    expect(await prisma.addOn.count({ where: { licenseId: b.license.id } })).toBe(0);
    // ...so it must not be told it did.
    expect(reused).not.toMatchObject({ ok: true });
  });
});

describe("review i18: the plain cancellation inside the refund period", () => {
  it("'cancel without a refund' on day 2: what the app records (CANCELLED, nothing back) is what Sectigo did", async () => {
    const { license, domain } = await buyLicense(1060, 365);
    await advanceDays(2);
    const before = await funds();
    const result = await cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID(), mode: "cancel" }, deps);
    expect(result).toMatchObject({ ok: true, outcome: "CANCELLED" });
    const credited = Math.round(((await funds()) - before) * 100) / 100;
    // CANCELLICENCE refunds what is still inside its refund period (the sandbox, from Sectigo's
    // modifyThirdPartyDetails reference): then the app must say so, or not send CANCELLICENCE here.
    expect(credited).toBe((result as { amountBack?: { amount: number } | null }).amountBack?.amount ?? 0);
    expect((await upstreamStatus(domain))).toBe((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).status.toLowerCase());
  });
});

async function upstreamStatus(domain: string): Promise<string | undefined> {
  const { licenses } = await admin<{ licenses: Array<{ status: string; parentId: string | null }> }>("GET", `licenses?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`);
  return licenses.find((l) => l.parentId === null)?.status;
}
