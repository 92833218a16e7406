/**
 * Issue 16 #8: deciding a reseller=Y order updates its license in the same step.
 *
 * After AutoAuthorize the demo's awaiting license stayed PENDING in Order Desk while Sectigo showed
 * it active (only the next sync noticed); an order placed through the app got its license dated
 * from the day it was authorized, not from the day Sectigo placed it. Against the real sandbox over
 * HTTP, on one clock: what Order Desk holds right after the decision is what Sectigo holds (its
 * admin view, and the sync's own comparison of its WebHostReport finds nothing to report).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { DEMO_RESELLER_ACCOUNT_ID, seedDemo } from "@/tools/demo/seed-demo";
import { anchorDay, DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { startSandbox } from "@/tools/sandbox/server";
import type { Actor } from "@/lib/auth/session";
import { systemActor } from "@/lib/auth/system-actor";
import { orderDeps, type OrderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { decideAuthorization } from "@/lib/orders/decide-authorization";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { comparePage } from "@/lib/sync/compare-page";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const DAY = 86_400_000;
const anchor = anchorDay(new Date());
const key = generateKey();
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: OrderDeps;
let staff: Actor;
let now = new Date(anchor.getTime() + 10 * 3_600_000);

const admin = sandboxAdmin(() => sandbox);

async function setClocks(at: Date): Promise<void> {
  now = at;
  await admin("POST", "clock", { now: at.toISOString(), freeze: true });
}

type UpstreamLicense = { productCode: number; status: string; startsAt: string; expiresAt: string; parentId: string | null };
/** What "Sectigo" holds for the base license of a domain. */
async function upstreamBase(domain: string): Promise<UpstreamLicense> {
  const { licenses } = await admin<{ licenses: UpstreamLicense[] }>("GET", `licenses?loginName=${DEMO_RESELLER.loginName}&domainName=${encodeURIComponent(domain)}`);
  return licenses.find((l) => l.parentId === null)!;
}

/**
 * The sync's own comparison of Sectigo's WebHostReport for the order with what Order Desk holds:
 * status and expiry (what deciding an authorization moves; auto-renew is not its business).
 */
async function syncDrift(orderNumber: string) {
  const client = await deps.sectigo(DEMO_RESELLER_ACCOUNT_ID, { actorId: null });
  const report = await client.webHostReport({ orderNumbers: [orderNumber] });
  if (!report.ok) throw new Error(report.error.userMessage);
  const { drift } = await comparePage(prisma, DEMO_RESELLER_ACCOUNT_ID, report.value.rows);
  return drift.filter((d) => d.kind === "STATUS" || d.kind === "EXPIRY" || d.kind === "UNKNOWN_TO_US").map((d) => `${d.kind}: ours ${d.ours}, Sectigo's ${d.theirs}`);
}

let n = 0;
/** A SiteLock Basic order placed through the app with reseller=Y (it waits for authorization). */
async function placedAwaiting() {
  n++;
  const domain = `await-${n}-${Date.now()}.example`;
  const email = `owner-${n}-${Date.now()}@await.example`;
  const placed = await submitOrder(
    staff,
    {
      submissionKey: randomUUID(),
      resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
      customer: { new: { name: `Awaiting ${n}`, email } },
      kind: "NEW",
      currency: "USD",
      items: [{ productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 150 }],
      sectigo: { operation: "placeOrder", input: { brand: "OrderDesk", resellerPays: true, domainName: domain, customer: { kind: "new", contactEmail: email }, items: [{ productId: 1060, days: 365, domainName: domain }] } },
    },
    deps,
  );
  expect(placed.outcome).toBe("AWAITING_AUTHORIZATION");
  const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } });
  return { order, domain };
}

/**
 * An awaiting order whose license Order Desk already holds as PENDING, with Sectigo's dates (as the
 * demo seed and the scaled worlds record them).
 */
async function placedAwaitingWithPendingLicense() {
  const { order, domain } = await placedAwaiting();
  const upstream = await upstreamBase(domain);
  const license = await prisma.license.create({
    data: {
      customerId: order.customerId, orderId: order.id, currentOrderNumber: order.orderNumber, productCode: 1060, productName: "SiteLock Basic", domainName: domain,
      status: "PENDING", termDays: 365, startsAt: new Date(upstream.startsAt), expiresAt: new Date(upstream.expiresAt),
    },
  });
  return { order, domain, license };
}

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor, now });
  await seedDemo(prisma, { anchor, credentialsKey: key, sandboxUrl: `${sandbox.url}/products/`, now });
  const s = await prisma.user.findUniqueOrThrow({ where: { id: "demo-user-staff" } });
  staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  deps = { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), now: () => now };
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("issue 16 #8: deciding an authorization updates the license in the same step", () => {
  it("the demo's reseller=Y order: authorized, its PENDING license is ACTIVE with Sectigo's dates, and the sync finds no status or expiry to report", async () => {
    await setClocks(new Date(anchor.getTime() + 2 * DAY + 10 * 3_600_000));
    const license = await prisma.license.findUniqueOrThrow({ where: { id: "demo-license-cobalt-shop" }, include: { order: true } });
    expect(license).toMatchObject({ status: "PENDING", order: { status: "AWAITING_AUTHORIZATION" } });

    expect(await decideAuthorization(staff, { orderId: license.orderId, decision: "AUTHORIZE" }, deps)).toMatchObject({ outcome: "AUTHORIZED" });

    const after = await prisma.license.findUniqueOrThrow({ where: { id: license.id } });
    const upstream = await upstreamBase(license.domainName);
    expect(upstream.status).toBe("active");
    expect({ status: after.status, startsAt: after.startsAt.toISOString(), expiresAt: after.expiresAt?.toISOString() }).toEqual({
      status: "ACTIVE", startsAt: new Date(upstream.startsAt).toISOString(), expiresAt: new Date(upstream.expiresAt).toISOString(),
    });
    expect(await prisma.license.count({ where: { orderId: license.orderId } }), "no second license for the same order").toBe(1);
    expect(await syncDrift(license.currentOrderNumber!)).toEqual([]);
  });

  it("an order placed through the app, authorized three days later: its license runs from the day Sectigo placed it, as Sectigo's does", async () => {
    await setClocks(new Date(anchor.getTime() + 3 * DAY + 9 * 3_600_000));
    const { order, domain } = await placedAwaiting();
    await setClocks(new Date(now.getTime() + 3 * DAY));

    expect(await decideAuthorization(staff, { orderId: order.id, decision: "AUTHORIZE" }, deps)).toMatchObject({ outcome: "AUTHORIZED" });

    const licenses = await prisma.license.findMany({ where: { orderId: order.id } });
    const upstream = await upstreamBase(domain);
    expect(licenses.map((l) => ({ status: l.status, startsAt: l.startsAt.toISOString(), expiresAt: l.expiresAt?.toISOString() }))).toEqual([
      { status: "ACTIVE", startsAt: new Date(upstream.startsAt).toISOString(), expiresAt: new Date(upstream.expiresAt).toISOString() },
    ]);
    expect(await syncDrift(order.orderNumber!)).toEqual([]);
  });

  it("rejected: its PENDING license is CANCELLED in the same step, as Sectigo shows it rejected", async () => {
    const { order, domain, license } = await placedAwaitingWithPendingLicense();
    expect(await decideAuthorization(staff, { orderId: order.id, decision: "REJECT" }, deps)).toMatchObject({ outcome: "REJECTED" });
    expect((await upstreamBase(domain)).status).toBe("rejected");
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).status).toBe("CANCELLED");
    expect(await syncDrift(order.orderNumber!)).toEqual([]);
  });

  it("the answer to AutoAuthorize was lost: reconciliation reads the order's status at Sectigo and makes the PENDING license ACTIVE with the order", async () => {
    const { order, domain, license } = await placedAwaitingWithPendingLicense();
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoAuthorize", times: 1 });
    expect(await decideAuthorization(staff, { orderId: order.id, decision: "AUTHORIZE" }, deps)).toMatchObject({ outcome: "UNKNOWN" });
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).status, "not known yet: still PENDING").toBe("PENDING");

    expect(await reconcileOrder(systemActor("reconciliation"), { orderId: order.id }, deps)).toMatchObject({ outcome: "PLACED" });
    const after = await prisma.license.findUniqueOrThrow({ where: { id: license.id } });
    const upstream = await upstreamBase(domain);
    expect({ status: after.status, expiresAt: after.expiresAt?.toISOString() }).toEqual({ status: "ACTIVE", expiresAt: new Date(upstream.expiresAt).toISOString() });
    expect(await prisma.license.count({ where: { orderId: order.id } }), "no second license for the same order").toBe(1);
    expect(await syncDrift(order.orderNumber!)).toEqual([]);
  });
});

describe("issue 16 #3: the person's audit entry of a decision says what moved", () => {
  it("authorizing through the action wrapper: one entry whose before/after shows the order and its license moving", async () => {
    const { createActionClient } = await import("@/lib/auth/authorized-action");
    const { writeAuditEntry } = await import("@/lib/audit/write-audit-entry");
    const { decisionSchema } = await import("@/lib/orders/decide-authorization");
    await setClocks(new Date(anchor.getTime() + 6 * DAY + 9 * 3_600_000));
    const { order, license } = await placedAwaitingWithPendingLicense();
    const action = createActionClient({ getActor: async () => staff, logError: () => {}, audit: (record, db) => writeAuditEntry(record, db ?? prisma) })(
      { name: "orders.decideAuthorization", permission: "authorizeOrders", schema: decisionSchema },
      (actor, input) => decideAuthorization(actor, input, deps),
    );
    expect(await action({ orderId: order.id, decision: "AUTHORIZE" })).toMatchObject({ ok: true, data: { outcome: "AUTHORIZED" } });
    const entries = await prisma.auditEntry.findMany({ where: { action: "orders.decideAuthorization", actorId: staff.id } });
    expect(entries).toHaveLength(1);
    const [change] = entries[0]!.changes as Array<{ target: string; before: { status: string; licenses: Array<{ id: string; status: string }> }; after: { status: string; licenses: Array<{ id: string; status: string }> } }>;
    expect(change).toMatchObject({
      target: `Order:${order.id}`,
      before: { status: "AWAITING_AUTHORIZATION", licenses: [{ id: license.id, status: "PENDING" }] },
      after: { status: "PLACED", licenses: [{ id: license.id, status: "ACTIVE" }] },
    });
  });
});

describe("issue 16 review H1: a request that lost the race is not credited with the winner's change", () => {
  it("3 authorizations and 3 rejections at once: one entry has the before/after, and it is the winner's; the others say ALREADY_DECIDED", async () => {
    const { createActionClient } = await import("@/lib/auth/authorized-action");
    const { writeAuditEntry } = await import("@/lib/audit/write-audit-entry");
    const { decisionSchema } = await import("@/lib/orders/decide-authorization");
    await setClocks(new Date(anchor.getTime() + 7 * DAY + 9 * 3_600_000));
    const { order } = await placedAwaitingWithPendingLicense();
    const a = await prisma.user.findUniqueOrThrow({ where: { id: "demo-user-admin" } });
    const admin: Actor = { id: a.id, email: a.email, name: a.name, role: a.role };
    const actionAs = (actor: Actor) =>
      createActionClient({ getActor: async () => actor, logError: () => {}, audit: (record, db) => writeAuditEntry(record, db ?? prisma) })(
        { name: "orders.decideAuthorization.race", permission: "authorizeOrders", schema: decisionSchema },
        (who, input) => decideAuthorization(who, input, deps),
      );
    const results = await Promise.all([
      ...[1, 2, 3].map(() => actionAs(admin)({ orderId: order.id, decision: "AUTHORIZE" })),
      ...[1, 2, 3].map(() => actionAs(staff)({ orderId: order.id, decision: "REJECT" })),
    ]);
    const decided = results.filter((r) => r.ok && (r.data.outcome === "AUTHORIZED" || r.data.outcome === "REJECTED"));
    expect(decided).toHaveLength(1);
    const entries = await prisma.auditEntry.findMany({ where: { action: "orders.decideAuthorization.race" } });
    expect(entries).toHaveLength(6);
    const withChanges = entries.filter((e) => Array.isArray(e.changes) && e.changes.length > 0);
    expect(withChanges).toHaveLength(1);
    const winner = decided[0]!.ok ? decided[0]!.data.outcome : "";
    expect(withChanges[0]!.actorId).toBe(winner === "AUTHORIZED" ? admin.id : staff.id);
    expect(withChanges[0]!.outcome).toBe("OK");
    expect(entries.filter((e) => e.id !== withChanges[0]!.id).map((e) => e.outcome)).toEqual(Array(5).fill("ALREADY_DECIDED"));
  });
});
