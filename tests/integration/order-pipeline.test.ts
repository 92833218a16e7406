/**
 * The ordering pipeline (lib/orders) against the real sandbox over HTTP, with its faults: an order
 * reaches Sectigo once whatever happens to the submission or to the answer.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER, anchorDay } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { systemActor } from "@/lib/auth/system-actor";
import { orderDeps, type OrderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { reconcileOrder, SETTLE_WINDOW_MS } from "@/lib/orders/reconcile-order";
import { decideAuthorization } from "@/lib/orders/decide-authorization";
import { settleUnknownOrder } from "@/lib/orders/settle-unknown-order";
import { placeOrderFromForm } from "@/lib/orders/place-order-from-form";
import { productByKey } from "@/lib/catalog";
import { validFormInput } from "../sectigo/catalog-values";
import type { SectigoClient } from "@/lib/sectigo/client";
import type { OrderSubmissionInput } from "@/lib/orders/submission";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: OrderDeps;
const key = generateKey();
const ACCOUNT = "acct-orders";
let staff: Actor;
let support: Actor;

const admin = sandboxAdmin(() => sandbox);

/** Orders "Sectigo" holds for a domain: the upstream truth. */
async function upstreamOrders(domain: string): Promise<Array<{ order: { orderNumber: string; foreignOrderNumber: string | null } }>> {
  return (await admin<{ orders: Array<{ order: { orderNumber: string; foreignOrderNumber: string | null } }> }>("GET", `orders?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`)).orders;
}

let n = 0;
function siteLockOrder(over: { domain?: string; email?: string; key?: string } = {}): OrderSubmissionInput {
  n++;
  const domain = over.domain ?? `pipe-${n}-${Date.now()}.example`;
  const email = over.email ?? `owner-${n}-${Date.now()}@pipe.example`;
  return {
    submissionKey: over.key ?? randomUUID(),
    resellerAccountId: ACCOUNT,
    customer: { new: { name: `Pipe Customer ${n}`, email } },
    kind: "NEW",
    currency: "USD",
    items: [
      { productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 149 },
      { productCode: 1071, productName: "TrueShield", days: 365, domainName: domain, isAddOn: true, buyPrice: null, sellPrice: 20 },
    ],
    sectigo: {
      operation: "autoApplyOrder",
      input: { kind: "newCustomer", productCode: 1060, addOnCodes: [1071], days: 365, domainName: domain, contactEmail: email, autoRenew: false },
    },
  };
}

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchorDay(new Date()) });
  await seedResellerAccount(prisma, { id: ACCOUNT, label: "Orders", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const s = await seedUser(prisma, { id: "u-staff", email: "staff@pipe.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-1" });
  const sup = await seedUser(prisma, { id: "u-support", email: "support@pipe.test", name: "Sue Support", role: "SUPPORT", password: "a-long-password-2" });
  staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  support = { id: sup.id, email: sup.email, name: sup.name, role: sup.role };
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  deps = orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 });
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("placing an order", () => {
  it("places a SiteLock order, records the license, its add-on, the story and the call with who made it", async () => {
    const input = siteLockOrder();
    const result = await submitOrder(staff, input, deps);
    expect(result.outcome).toBe("PLACED");
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order.id }, include: { licenses: { include: { addOns: true } }, events: { orderBy: { createdAt: "asc" } }, apiCalls: true } });
    expect(order.orderNumber).toMatch(/^\d+$/);
    expect(order.placedById).toBe(staff.id);
    expect(order.licenses).toHaveLength(1);
    expect(order.licenses[0]).toMatchObject({ productCode: 1060, status: "ACTIVE", currentOrderNumber: order.orderNumber });
    expect(order.licenses[0]!.addOns.map((a) => a.productCode)).toEqual([1071]);
    expect(order.events.map((e) => e.kind)).toEqual(["CREATED", "PLACED"]);
    expect(order.events[1]).toMatchObject({ fromStatus: "SUBMITTING", toStatus: "PLACED", actorId: staff.id });
    expect(order.apiCalls).toHaveLength(1);
    expect(order.apiCalls[0]).toMatchObject({ endpoint: "!AutoApplyOrder", actorId: staff.id, outcome: "SUCCESS" });
    const domain = (input.sectigo.input as { domainName: string }).domainName;
    const upstream = await upstreamOrders(domain);
    expect(upstream.map((u) => u.order.orderNumber)).toEqual([order.orderNumber]);
    expect(upstream[0]!.order.foreignOrderNumber).toBe(order.foreignOrderNumber);
  });

  it("an existing customer's order (written in one statement) has the same rows as a new customer's (written in a transaction)", async () => {
    const first = siteLockOrder();
    const a = await submitOrder(staff, first, deps);
    const orderA = await prisma.order.findUniqueOrThrow({ where: { id: a.order.id }, include: { items: { orderBy: { productCode: "asc" } }, events: { orderBy: { createdAt: "asc" } } } });
    const domain = `pipe-existing-${Date.now()}.example`;
    const second: OrderSubmissionInput = {
      ...siteLockOrder({ domain }),
      customer: { id: orderA.customerId },
      sectigo: {
        operation: "autoApplyOrder",
        input: { kind: "existingCustomer", previousOrderNumber: orderA.orderNumber!, productCode: 1060, addOnCodes: [1071], days: 365, domainName: domain, contactEmail: (first.customer as { new: { email: string } }).new.email, autoRenew: false },
      },
    };
    const before = Date.now();
    const b = await submitOrder(staff, second, deps);
    expect(b.outcome).toBe("PLACED");
    const orderB = await prisma.order.findUniqueOrThrow({ where: { id: b.order.id }, include: { items: { orderBy: { productCode: "asc" } }, events: { orderBy: { createdAt: "asc" } } } });
    const same = (o: typeof orderA) => ({
      kind: o.kind, status: o.status, customerId: o.customerId, resellerAccountId: o.resellerAccountId, placedById: o.placedById, currency: o.currency,
      sellTotal: o.sellTotal?.toString(), operation: o.operation, testMode: o.testMode, targetLicenseId: o.targetLicenseId, pendingAction: o.pendingAction,
      items: o.items.map((i) => ({ productCode: i.productCode, productName: i.productName, days: i.days, quantity: i.quantity, isAddOn: i.isAddOn, cost: i.cost?.toString() })),
      events: o.events.map((e) => ({ kind: e.kind, actorId: e.actorId, actorLabel: e.actorLabel, fromStatus: e.fromStatus, toStatus: e.toStatus })),
    });
    expect(same(orderB)).toEqual(same(orderA));
    expect(orderB.items.map((i) => i.domainName)).toEqual([domain, domain]);
    expect(orderB.submissionKey).toBe(second.submissionKey);
    expect((orderB.request as { input: { kind: string } }).input.kind).toBe("existingCustomer");
    // Timestamps are UTC like Prisma's (a zone slip would be hours off) and ids look like Prisma's.
    for (const t of [orderB.createdAt, orderB.items[0]!.createdAt, orderB.events[0]!.createdAt]) expect(Math.abs(t.getTime() - before)).toBeLessThan(60_000);
    expect(orderB.updatedAt.getTime()).toBeGreaterThanOrEqual(orderB.createdAt.getTime());
    expect([orderB.id, ...orderB.items.map((i) => i.id), orderB.events[0]!.id].every((id) => /^c[0-9a-z]{24}$/.test(id))).toBe(true);
  });

  it("an existing customer of another reseller account is refused before anything is written or sent", async () => {
    const other = await prisma.resellerAccount.create({ data: { label: "Other", loginName: "other-login", loginPasswordEnc: "x", apiBaseUrl: `${sandbox.url}/products/` } });
    const stranger = await prisma.customer.create({ data: { resellerAccountId: other.id, name: "Stranger", email: `stranger-${Date.now()}@pipe.example` } });
    const input: OrderSubmissionInput = { ...siteLockOrder(), customer: { id: stranger.id } };
    await expect(submitOrder(staff, input, deps)).rejects.toMatchObject({ code: "NOT_FOUND", field: "customer" });
    expect(await prisma.order.count({ where: { submissionKey: input.submissionKey } })).toBe(0);
  });

  it("the same submission twice at once reaches Sectigo once; the second is told it was already submitted", async () => {
    const input = siteLockOrder();
    const results = await Promise.all([submitOrder(staff, input, deps), submitOrder(staff, input, deps)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["ALREADY_SUBMITTED", "PLACED"]);
    expect(results[0]!.order.id).toBe(results[1]!.order.id);
    expect(await upstreamOrders((input.sectigo.input as { domainName: string }).domainName)).toHaveLength(1);
    // And once more later (a retry after a reload): still one.
    expect((await submitOrder(staff, input, deps)).outcome).toBe("ALREADY_SUBMITTED");
    expect(await upstreamOrders((input.sectigo.input as { domainName: string }).domainName)).toHaveLength(1);
  });

  it("twenty copies of one submission at once: one placed, every other answered 'already submitted', one upstream order", async () => {
    const input = siteLockOrder();
    const results = await Promise.all(Array.from({ length: 20 }, () => submitOrder(staff, input, deps)));
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === "PLACED")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "ALREADY_SUBMITTED")).toHaveLength(19);
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(await upstreamOrders((input.sectigo.input as { domainName: string }).domainName)).toHaveLength(1);
  });

  it("a Sectigo refusal fails the order with the wire parameters it concerns, and nothing is bought", async () => {
    const taken = siteLockOrder();
    expect((await submitOrder(staff, taken, deps)).outcome).toBe("PLACED");
    const again = siteLockOrder({ domain: (taken.sectigo.input as { domainName: string }).domainName });
    const result = await submitOrder(staff, again, deps);
    expect(result.outcome).toBe("FAILED");
    // -122 cannot say whether the domain or the e-mail is taken: both, as AutoApplyOrder spells them.
    expect(result.outcome === "FAILED" && result.parameters).toEqual(["domainName", "appRepEmailAddress"]);
    expect(await upstreamOrders((taken.sectigo.input as { domainName: string }).domainName)).toHaveLength(1);
  });

  it("a lost answer makes the order UNKNOWN, never resent; reconciliation finds it PLACED with the one upstream order", async () => {
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoApplyOrder", times: 1 });
    const input = siteLockOrder();
    const result = await submitOrder(staff, input, deps);
    expect(result.outcome).toBe("UNKNOWN");
    expect(result.order.orderNumber).toBeNull();
    const upstream = await upstreamOrders((input.sectigo.input as { domainName: string }).domainName);
    expect(upstream).toHaveLength(1);
    // Submitting the same form again does not send it again.
    expect((await submitOrder(staff, input, deps)).outcome).toBe("ALREADY_SUBMITTED");

    const settled = await reconcileOrder(systemActor("reconciliation"), { orderId: result.order.id }, deps);
    expect(settled).toEqual({ outcome: "PLACED", orderNumber: upstream[0]!.order.orderNumber });
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order.id }, include: { licenses: true, events: { orderBy: { createdAt: "asc" } } } });
    expect(order).toMatchObject({ status: "PLACED", orderNumber: upstream[0]!.order.orderNumber });
    expect(order.licenses).toHaveLength(1);
    expect(order.events.map((e) => e.kind)).toEqual(["CREATED", "UNKNOWN", "DUPLICATE_SUBMISSION", "PLACED"]);
    expect(order.events.at(-1)).toMatchObject({ actorId: null, actorLabel: "Order Desk (reconciliation)" });
    expect(await upstreamOrders((input.sectigo.input as { domainName: string }).domainName)).toHaveLength(1);
    // Settling twice changes nothing.
    expect((await reconcileOrder(staff, { orderId: result.order.id }, deps)).outcome).toBe("SETTLED_ALREADY");
  });

  it("a 503 before Sectigo acted makes the order UNKNOWN; reconciliation says it was not placed, safe to order again", async () => {
    await admin("POST", "faults", { mode: "http503", endpoint: "!AutoApplyOrder", times: 1 });
    const input = siteLockOrder();
    const result = await submitOrder(staff, input, deps);
    expect(result.outcome).toBe("UNKNOWN");
    expect(await upstreamOrders((input.sectigo.input as { domainName: string }).domainName)).toHaveLength(0);
    // At once it is not final (Sectigo may still be placing an order whose answer was lost)...
    expect((await reconcileOrder(staff, { orderId: result.order.id }, deps)).outcome).toBe("NOT_YET");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: result.order.id } })).status).toBe("UNKNOWN");
    // ...after the settle window it is: not placed, safe to order again.
    const later = { ...deps, now: () => new Date(Date.now() + SETTLE_WINDOW_MS + 60_000) };
    expect(await reconcileOrder(staff, { orderId: result.order.id }, later)).toEqual({ outcome: "NOT_PLACED" });
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order.id } });
    expect(order.status).toBe("FAILED");
    expect(order.errorMessage).toMatch(/not placed.*safe to order it again/);
  });

  it("PlaceOrder with reseller=Y waits for authorization; a lost answer is reconciled by time, domain and products", async () => {
    const domain = `po-${Date.now()}.example`;
    const email = `po-${Date.now()}@pipe.example`;
    const input: OrderSubmissionInput = {
      submissionKey: randomUUID(),
      resellerAccountId: ACCOUNT,
      customer: { new: { name: "Place Order Ltd", email } },
      kind: "NEW",
      currency: "USD",
      items: [{ productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 150 }],
      sectigo: {
        operation: "placeOrder",
        input: { brand: "OrderDesk", resellerPays: true, domainName: domain, customer: { kind: "new", contactEmail: email }, items: [{ productId: 1060, days: 365, domainName: domain }] },
      },
    };
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!PlaceOrder", times: 1 });
    const result = await submitOrder(staff, input, deps);
    expect(result.outcome).toBe("UNKNOWN");
    const settled = await reconcileOrder(staff, { orderId: result.order.id }, deps);
    expect(settled.outcome).toBe("PLACED");
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order.id } });
    expect(order.status).toBe("AWAITING_AUTHORIZATION");
  });

  it("an account that no longer exists: a clear refusal, no order row, nothing sent", async () => {
    const input = { ...siteLockOrder(), resellerAccountId: "no-such-account" };
    await expect(submitOrder(staff, input, deps)).rejects.toThrow(/reseller account no longer exists/);
    expect(await prisma.order.count({ where: { submissionKey: input.submissionKey } })).toBe(0);
  });

  it("SUPPORT cannot place or reconcile orders", async () => {
    await expect(submitOrder(support, siteLockOrder(), deps)).rejects.toThrow(/role does not allow/);
    await expect(submitOrder(null, siteLockOrder(), deps)).rejects.toThrow(/session has ended/);
  });
});

function placeOrderWaiting(): OrderSubmissionInput {
  n++;
  const domain = `auth-${n}-${Date.now()}.example`;
  const email = `auth-${n}-${Date.now()}@pipe.example`;
  return {
    submissionKey: randomUUID(),
    resellerAccountId: ACCOUNT,
    customer: { new: { name: `Waiting ${n}`, email } },
    kind: "NEW",
    currency: "USD",
    items: [
      { productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 150 },
    ],
    sectigo: {
      operation: "placeOrder",
      input: { brand: "OrderDesk", resellerPays: true, domainName: domain, customer: { kind: "new", contactEmail: email }, items: [{ productId: 1060, days: 365, domainName: domain }] },
    },
  };
}

async function authorizeCalls(orderId: string): Promise<number> {
  return prisma.apiCall.count({ where: { orderId, endpoint: { in: ["!AutoAuthorize", "!AutoReject"] } } });
}

describe("database sessions", () => {
  it("are UTC whatever the server's TimeZone: raw SQL's now() agrees with what Prisma stores", async () => {
    const setZone = (zone: string | null) =>
      prisma.$executeRawUnsafe(
        zone
          ? `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), '${zone}'); END $$`
          : `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET timezone', current_database()); END $$`,
      );
    await setZone("Pacific/Chatham");
    const plain = new pg.Client({ connectionString: db.url });
    const fresh = createPrismaClient(db.url);
    try {
      await plain.connect();
      // The server's setting reaches a session that does not ask for UTC...
      expect((await plain.query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz")).rows[0]!.tz).toBe("Pacific/Chatham");
      // ...and not the app's.
      const [row] = await fresh.$queryRaw<Array<{ tz: string; t: Date }>>`SELECT current_setting('TimeZone') AS tz, now()::timestamp AS t`;
      expect(row!.tz).toBe("UTC");
      expect(Math.abs(row!.t.getTime() - Date.now())).toBeLessThan(60_000);
    } finally {
      await plain.end();
      await fresh.$disconnect();
      await setZone(null);
    }
  });
});

describe("the authorization queue", () => {
  it("two people authorizing at once send one AutoAuthorize; the order is PLACED with its license", async () => {
    const placed = await submitOrder(staff, placeOrderWaiting(), deps);
    expect(placed.outcome).toBe("AWAITING_AUTHORIZATION");
    const results = await Promise.all([
      decideAuthorization(staff, { orderId: placed.order.id, decision: "AUTHORIZE" }, deps),
      decideAuthorization(staff, { orderId: placed.order.id, decision: "AUTHORIZE" }, deps),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["ALREADY_DECIDED", "AUTHORIZED"]);
    expect(await authorizeCalls(placed.order.id)).toBe(1);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id }, include: { licenses: true } });
    expect(order).toMatchObject({ status: "PLACED", pendingAction: null });
    expect(order.licenses.map((l) => l.productCode)).toEqual([1060]);
    // Rejecting it afterwards is refused without a call.
    expect((await decideAuthorization(staff, { orderId: placed.order.id, decision: "REJECT" }, deps)).outcome).toBe("ALREADY_DECIDED");
    expect(await authorizeCalls(placed.order.id)).toBe(1);
  });

  it("a rejection rejects the order at Sectigo and records no license", async () => {
    const placed = await submitOrder(staff, placeOrderWaiting(), deps);
    expect(await decideAuthorization(staff, { orderId: placed.order.id, decision: "REJECT" }, deps)).toMatchObject({ outcome: "REJECTED" });
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id }, include: { licenses: true } });
    expect(order.status).toBe("REJECTED");
    expect(order.licenses).toEqual([]);
    const upstream = await admin<{ order: { status: string } }>("GET", `orders/${order.orderNumber}`);
    expect(upstream.order.status).toBe("rejected");
  });

  it("a lost answer to AutoAuthorize makes the order UNKNOWN; reconciliation reads Sectigo's status and finishes it", async () => {
    const placed = await submitOrder(staff, placeOrderWaiting(), deps);
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoAuthorize", times: 1 });
    expect((await decideAuthorization(staff, { orderId: placed.order.id, decision: "AUTHORIZE" }, deps)).outcome).toBe("UNKNOWN");
    expect((await decideAuthorization(staff, { orderId: placed.order.id, decision: "AUTHORIZE" }, deps)).outcome).toBe("ALREADY_DECIDED");
    expect(await reconcileOrder(systemActor("reconciliation"), { orderId: placed.order.id }, deps)).toMatchObject({ outcome: "PLACED" });
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id }, include: { licenses: true } });
    expect(order).toMatchObject({ status: "PLACED", pendingAction: null });
    expect(order.licenses).toHaveLength(1);
    expect(await authorizeCalls(placed.order.id)).toBe(1);
  });

  it("a 503 on AutoAuthorize (not applied) goes back to the queue after reconciliation, to be decided again", async () => {
    const placed = await submitOrder(staff, placeOrderWaiting(), deps);
    await admin("POST", "faults", { mode: "http503", endpoint: "!AutoAuthorize", times: 1 });
    expect((await decideAuthorization(staff, { orderId: placed.order.id, decision: "AUTHORIZE" }, deps)).outcome).toBe("UNKNOWN");
    expect(await reconcileOrder(staff, { orderId: placed.order.id }, deps)).toEqual({ outcome: "AWAITING_AUTHORIZATION" });
    expect(await decideAuthorization(staff, { orderId: placed.order.id, decision: "AUTHORIZE" }, deps)).toMatchObject({ outcome: "AUTHORIZED" });
  });

  it("SUPPORT and ACCOUNT_MANAGER cannot authorize", async () => {
    await expect(decideAuthorization(support, { orderId: "x", decision: "AUTHORIZE" }, deps)).rejects.toThrow(/role does not allow/);
  });
});

describe("an outcome only a person can settle", () => {
  /** A Sectigo that loses the PlaceOrder answer and then reports two orders that could be ours. */
  function ambiguousSectigo(domain: string): OrderDeps {
    const lost = { ok: false as const, error: { kind: "network" as const, domainCode: "UNAVAILABLE" as const, meaning: "", userMessage: "lost", operation: "placeOrder" as const, mayHavePlaced: true, retryable: false } };
    const row = (orderNumber: string, codes: number[]) => ({ index: 1, orderNumber, orderStatus: "active", placedAt: new Date(), domainName: domain, items: codes.map((c, i) => ({ index: i + 1, productCode: c, domain, extra: {} })), extra: {} });
    const fake = {
      placeOrder: async () => lost,
      webHostReport: async () => ({ ok: true as const, value: { rows: [row("7700001", [1060]), row("7700002", [1060])] } }),
    } as unknown as SectigoClient;
    return { db: prisma, sectigo: async () => fake };
  }

  it("several candidates: the order stays UNKNOWN with them; a person picks one (or none), nothing is sent", async () => {
    const input = placeOrderWaiting();
    const domain = (input.sectigo.input as { domainName: string }).domainName;
    const fakeDeps = ambiguousSectigo(domain);
    (input.sectigo.input as { resellerPays: boolean }).resellerPays = false;
    const result = await submitOrder(staff, input, fakeDeps);
    expect(result.outcome).toBe("UNKNOWN");
    const verdict = await reconcileOrder(staff, { orderId: result.order.id }, fakeDeps);
    expect(verdict.outcome).toBe("NEEDS_A_PERSON");
    expect(verdict.outcome === "NEEDS_A_PERSON" && verdict.candidates.map((c) => c.orderNumber)).toEqual(["7700001", "7700002"]);
    await expect(settleUnknownOrder(staff, { orderId: result.order.id, choice: "7799999" }, fakeDeps)).rejects.toThrow(/Pick one of the orders/);
    await expect(settleUnknownOrder(support, { orderId: result.order.id, choice: "7700002" }, fakeDeps)).rejects.toThrow(/role does not allow/);
    expect(await settleUnknownOrder(staff, { orderId: result.order.id, choice: "7700002" }, fakeDeps)).toEqual({ status: "PLACED" });
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order.id }, include: { events: { orderBy: { createdAt: "asc" } } } });
    expect(order).toMatchObject({ status: "PLACED", orderNumber: "7700002" });
    expect(order.events.at(-1)).toMatchObject({ kind: "PLACED", actorId: staff.id });
    await expect(settleUnknownOrder(staff, { orderId: result.order.id, choice: "NOT_PLACED" }, fakeDeps)).rejects.toThrow(/no longer waiting/);
  });
});

describe("the order form's use case", () => {
  it("a Sectigo refusal naming the customer e-mail comes back on the form's e-mail field", async () => {
    const taken = `taken-${Date.now()}@known.example`;
    const res = await fetch(`${sandbox.url}/products/!AutoApplyOrder`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, product: "1059", days: "365", domainName: `elsewhere-${Date.now()}.example`, appRepEmailAddress: taken, responseFormat: "1" }),
    });
    expect(new URLSearchParams(await res.text()).get("errorCode")).toBe("0");
    const result = await placeOrderFromForm(
      staff,
      {
        submissionKey: randomUUID(),
        resellerAccountId: ACCOUNT,
        productKey: "sitelock-pro",
        customerId: null,
        licenseId: null,
        resellerPays: true,
        values: { term: "365", domainName: `refused-${Date.now()}.example`, appRepEmailAddress: taken },
      },
      deps,
    );
    expect(result.outcome).toBe("FAILED");
    // -122 names neither the domain nor the e-mail: both fields say what it can be (no special case:
    // the code's two parameters, each turned into its form field by the catalog's map).
    const either = expect.stringMatching(/a SiteLock license for this domain, or an account with this e-mail/);
    expect(result.outcome === "FAILED" && result.fieldErrors).toEqual({ "values.appRepEmailAddress": [either], "values.domainName": [either] });
  });

  it("a plan an admin disabled is refused on the server, nothing is sent", async () => {
    await expect(
      placeOrderFromForm(
        staff,
        { submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: "sitelock-pro", customerId: null, licenseId: null, resellerPays: true, values: { term: "365", domainName: `off-${Date.now()}.example`, appRepEmailAddress: `off-${Date.now()}@x.example` } },
        { ...deps, priceOf: () => ({ offered: false }) },
      ),
    ).rejects.toThrow(/not offered for this term any more/);
  });

  it("a cart: two PlaceOrder products for one customer go to Sectigo as one order with both items", async () => {
    const unique = `cart${Date.now()}`;
    const ssl = productByKey("positivessl-ov")!;
    const web = productByKey("sectigo-web-monitor")!;
    await seedResellerBrand();
    const result = await placeOrderFromForm(
      staff,
      {
        submissionKey: randomUUID(),
        resellerAccountId: ACCOUNT,
        productKey: web.key,
        customerId: null,
        licenseId: null,
        resellerPays: true,
        values: validFormInput(web, unique) as Record<string, unknown>,
        cart: [{ productKey: ssl.key, values: validFormInput(ssl, unique) as Record<string, unknown> }],
      },
      deps,
    );
    expect(result.outcome).toBe("AWAITING_AUTHORIZATION");
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order!.id }, include: { items: { orderBy: { createdAt: "asc" } }, apiCalls: true } });
    expect(order.apiCalls).toHaveLength(1);
    const request = JSON.parse(order.apiCalls[0]!.request) as Record<string, string>;
    expect(Object.keys(request).filter((k) => /^\d+_PPP$/.test(k)).length).toBe(2);
    expect(order.items.map((i) => i.productName.split(",")[0])).toEqual([ssl.name, web.name]);
    const upstream = await admin<{ licenses: unknown[] }>("GET", `orders/${order.orderNumber}`);
    expect(upstream.licenses).toHaveLength(2);
  });

  it("a cart whose products disagree on the customer is refused before anything is sent", async () => {
    const ssl = productByKey("positivessl-ov")!;
    await expect(
      placeOrderFromForm(
        staff,
        {
          submissionKey: randomUUID(),
          resellerAccountId: ACCOUNT,
          productKey: ssl.key,
          customerId: null,
          licenseId: null,
          resellerPays: true,
          values: validFormInput(ssl, `a${Date.now()}`) as Record<string, unknown>,
          cart: [{ productKey: ssl.key, values: validFormInput(ssl, `b${Date.now()}`) as Record<string, unknown> }],
        },
        deps,
      ),
    ).rejects.toThrow(/one order has one customer/);
  });
});

async function seedResellerBrand() {
  await prisma.resellerAccount.update({ where: { id: ACCOUNT }, data: { apBrand: "OrderDeskTest" } });
}

