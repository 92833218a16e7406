/**
 * Every AutoApplyOrder order kind the order form places (new customer, existing customer with a new
 * domain, add-on to an existing license, SiteLock 911, SSL with the SSL PLUS SiteLock Bundle), through
 * the form's use case against the real sandbox over HTTP: placed normally, and under each fault that
 * leaves the outcome unknown, where reconciliation must find the one upstream order and never resend.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER, anchorDay } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { placeOrderFromForm, type FormDeps } from "@/lib/orders/place-order-from-form";
import { addOnOnLicenseRules } from "@/lib/licenses/actions/add-on-checks";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { systemActor } from "@/lib/auth/system-actor";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: FormDeps;
const key = generateKey();
const ACCOUNT = "acct-kinds";
const DAY_MS = 86_400_000;
let staff: Actor;

const admin = sandboxAdmin(() => sandbox);

type Upstream = { order: { orderNumber: string; foreignOrderNumber: string | null } };
/** Orders "Sectigo" holds for a domain: the upstream truth. */
async function upstreamOrders(domain: string): Promise<Upstream[]> {
  return (await admin<{ orders: Upstream[] }>("GET", `orders?loginName=${DEMO_RESELLER.loginName}&domainName=${encodeURIComponent(domain)}`)).orders;
}

let n = 0;
const unique = () => `${++n}-${Date.now()}`;

/** The order form's request for a product: what the browser sends to the server action. */
function formRequest(productKey: string, values: Record<string, unknown>, over: { customerId?: string | null; licenseId?: string | null } = {}) {
  return { submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey, customerId: over.customerId ?? null, licenseId: over.licenseId ?? null, resellerPays: true, values };
}

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchorDay(new Date()) });
  await seedResellerAccount(prisma, { id: ACCOUNT, label: "Kinds", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const s = await seedUser(prisma, { id: "u-kinds-staff", email: "staff@kinds.test", name: "Kim Staff", role: "STAFF", password: "a-long-password-1" });
  staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  deps = { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), addOnOnLicense: addOnOnLicenseRules };
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("SSL with the SSL PLUS SiteLock Bundle, from the order form", () => {
  it("places the certificate order and records the bundle license with its dates", async () => {
    const domain = `bundle-${unique()}.example`;
    const before = Date.now();
    const result = await placeOrderFromForm(
      staff,
      formRequest("sitelock-ssl-bundle", { term: "365", sslProductId: "287", domainName: domain, appRepEmailAddress: `owner@${domain}`, webserverSoftwareId: "36", countryName: "GB" }),
      deps,
    );
    expect(result.outcome).toBe("PLACED");
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order!.id }, include: { items: true, licenses: true } });
    expect(order.items.map((i) => [i.productCode, i.productName, i.isAddOn])).toEqual([
      [287, "PositiveSSL", false],
      [1072, "SSL PLUS SiteLock Bundle", false],
    ]);
    expect(order.licenses).toHaveLength(1);
    const license = order.licenses[0]!;
    expect(license).toMatchObject({ productCode: 1072, productName: "SSL PLUS SiteLock Bundle", domainName: domain, termDays: 365, status: "ACTIVE", currentOrderNumber: order.orderNumber });
    expect(license.startsAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(license.expiresAt!.getTime() - license.startsAt.getTime()).toBe(365 * DAY_MS);
    // "Sectigo" holds one order for the domain: the certificate with its bundle.
    const upstream = await upstreamOrders(domain);
    expect(upstream.map((u) => u.order.orderNumber)).toEqual([order.orderNumber]);
  });

  it("a wildcard certificate's bundle covers the root domain", async () => {
    const root = `wild-${unique()}.example`;
    const result = await placeOrderFromForm(staff, formRequest("sitelock-ssl-bundle", { term: "730", sslProductId: "289", domainName: `*.${root}`, appRepEmailAddress: `owner@${root}` }), deps);
    expect(result.outcome).toBe("PLACED");
    const licenses = await prisma.license.findMany({ where: { orderId: result.order!.id } });
    expect(licenses.map((l) => [l.productCode, l.domainName, l.termDays])).toEqual([[1072, root, 730]]);
  });
});

/** A placed SiteLock Basic license for a new customer: what the existing-customer and add-on kinds build on. */
async function placedBase() {
  const domain = `base-${unique()}.example`;
  const email = `owner@${domain}`;
  const result = await placeOrderFromForm(staff, formRequest("sitelock-basic", { term: "365", domainName: domain, appRepEmailAddress: email }), deps);
  expect(result.outcome).toBe("PLACED");
  const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order!.id }, include: { licenses: true } });
  return { domain, email, orderNumber: order.orderNumber!, customerId: order.customerId, licenseId: order.licenses[0]!.id };
}

type Kind = {
  name: string;
  /** The form request for this kind, and the domain whose upstream orders it adds one to. */
  prepare(): Promise<{ request: ReturnType<typeof formRequest>; domain: string; upstreamBefore: number }>;
};

const KINDS: Kind[] = [
  {
    name: "new customer",
    prepare: async () => {
      const domain = `new-${unique()}.example`;
      return { domain, upstreamBefore: 0, request: formRequest("sitelock-pro", { term: "365", domainName: domain, appRepEmailAddress: `owner@${domain}` }) };
    },
  },
  {
    name: "existing customer, new domain",
    prepare: async () => {
      const base = await placedBase();
      const domain = `second-${unique()}.example`;
      return {
        domain,
        upstreamBefore: 0,
        request: formRequest("sitelock-basic", { term: "30", domainName: domain, appRepEmailAddress: base.email, previousOrderNumber: base.orderNumber }, { customerId: base.customerId }),
      };
    },
  },
  {
    name: "add-on to an existing license",
    prepare: async () => {
      const base = await placedBase();
      const request = formRequest("sitelock-trueshield", { term: "365", domainName: base.domain, appRepEmailAddress: base.email }, { licenseId: base.licenseId });
      // The add-on's question (its price, the date its term ends) is answered first, as the person does: asking sends nothing.
      const asked = await placeOrderFromForm(staff, request, deps);
      if (asked.outcome !== "NEEDS_CONFIRMATION") throw new Error(`expected the add-on's question, got ${asked.outcome}`);
      return { domain: base.domain, upstreamBefore: 1, request: { ...request, confirmed: asked.confirmations.map((c) => c.key) } };
    },
  },
  {
    name: "SiteLock 911",
    prepare: async () => {
      const domain = `hacked-${unique()}.example`;
      return { domain, upstreamBefore: 0, request: formRequest("sitelock-911", { term: "0", domainName: domain, appRepEmailAddress: `owner@${domain}` }) };
    },
  },
  {
    name: "SSL with the SSL PLUS SiteLock Bundle",
    prepare: async () => {
      const domain = `bundle-${unique()}.example`;
      return { domain, upstreamBefore: 0, request: formRequest("sitelock-ssl-bundle", { term: "365", sslProductId: "287", domainName: domain, appRepEmailAddress: `owner@${domain}` }) };
    },
  },
];

/** Faults after which Sectigo has placed the order but we cannot know it (the sandbox's admin fault rules). */
const FAULTS = [
  // Sectigo answers after our call gave up.
  { name: "timeout", rule: { mode: "latency", latencyMs: 900 }, timeoutMs: 300 },
  { name: "lost response", rule: { mode: "lost-response" }, timeoutMs: 5_000 },
  { name: "5xx after send", rule: { mode: "http500-after-processing" }, timeoutMs: 5_000 },
  { name: "malformed reply", rule: { mode: "malformed-after-processing" }, timeoutMs: 5_000 },
] as const;

describe("every AutoApplyOrder kind under every fault: UNKNOWN, then reconciled PLACED with its one upstream order", () => {
  it.each(KINDS.flatMap((kind) => FAULTS.map((fault) => [kind.name, fault.name, kind, fault] as const)))("%s, %s", async (_k, _f, kind, fault) => {
    const { request, domain, upstreamBefore } = await kind.prepare();
    await admin("POST", "faults", { ...fault.rule, endpoint: "!AutoApplyOrder", loginName: DEMO_RESELLER.loginName, times: 1 });
    const faulty = { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: fault.timeoutMs }), addOnOnLicense: addOnOnLicenseRules };

    const result = await placeOrderFromForm(staff, request, faulty);
    expect(result.outcome).toBe("UNKNOWN");
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order!.id } });
    expect(order).toMatchObject({ status: "UNKNOWN", orderNumber: null });
    // The call that went wrong is in the order's story, whatever bytes the answer carried (a malformed
    // one with a NUL character lost its row before: PostgreSQL's text refuses it).
    expect(await prisma.apiCall.count({ where: { orderId: order.id, endpoint: "!AutoApplyOrder" } })).toBe(1);

    // Sectigo did place it (a slow answer finishes after our timeout): exactly one order with our reference.
    const ours = async () => (await upstreamOrders(domain)).filter((u) => u.order.foreignOrderNumber === order.foreignOrderNumber);
    await vi.waitFor(async () => expect(await ours()).toHaveLength(1), { timeout: 5_000, interval: 100 });
    const upstream = (await ours())[0]!.order;

    expect(await reconcileOrder(systemActor("reconciliation"), { orderId: order.id }, deps)).toEqual({ outcome: "PLACED", orderNumber: upstream.orderNumber });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "PLACED", orderNumber: upstream.orderNumber });
    // Nothing was sent again: one upstream order for this submission, none other for the domain.
    expect(await ours()).toHaveLength(1);
    expect(await upstreamOrders(domain)).toHaveLength(upstreamBefore + 1);
  });
});
