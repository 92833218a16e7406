/**
 * Bulk renewal runs (lib/licenses/bulk-renewal + lib/jobs) against the real sandbox over HTTP, with its clock and
 * faults, worked by real pg-boss workers: every item's result is right, nothing is renewed twice
 * (upstream orders counted in the sandbox), a run goes on after its worker dies mid-way, and two
 * workers on one database renew each license once.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps, type OrderDeps } from "@/lib/orders/order-deps";
import { createSectigoClient } from "@/lib/sectigo/client";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { sendRenewalRun } from "@/lib/licenses/bulk-renewal/run-job";
import { eligibility, renewWith } from "@/lib/licenses/bulk-renewal/renewal-deps";
import { startRenewalRun } from "@/lib/licenses/bulk-renewal/start-renewal-run";
import { runDailyLicensePass } from "@/lib/licenses/bulk-renewal/daily-pass";
import type { RenewFn } from "@/lib/licenses/bulk-renewal/renew-contract";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { systemActor } from "@/lib/auth/system-actor";
import { startAppDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const DAY = 86_400_000;
const T0 = new Date("2031-03-01T12:00:00.000Z");
const INSIDE_WINDOW = new Date(T0.getTime() + 345 * DAY); // 20 days before expiry
let db: Awaited<ReturnType<typeof startAppDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: OrderDeps;
let now = T0;
const key = generateKey();
const ACCOUNT = "acct-bulk";
let staff: Actor;
let manager: Actor;
let support: Actor;
/** Workers of the test under way: stopped after it whatever happened (a worker left polling would take the next test's run). */
let workers: RunningWorker[] = [];
/** The sandbox's own log: one line per call with its result code and fault. */
const sandboxLog: string[] = [];

const admin = sandboxAdmin(() => sandbox);

async function setClocks(at: Date): Promise<void> {
  now = at;
  await admin("POST", "clock", { now: at.toISOString(), freeze: true });
}

const account = (callLimitPerMinute: number | null) =>
  admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 10_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false, callLimitPerMinute });

/** Upstream orders per domain (the new order plus any renewals): the sandbox is the truth. */
async function upstreamByDomain(): Promise<Map<string, number>> {
  const { orders } = await admin<{ orders: Array<{ order: { domainName?: string | null } }> }>("GET", `orders?loginName=${DEMO_RESELLER.loginName}`);
  const m = new Map<string, number>();
  for (const o of orders) if (o.order.domainName) m.set(o.order.domainName, (m.get(o.order.domainName) ?? 0) + 1);
  return m;
}

let n = 0;
/**
 * `count` SiteLock Basic licenses placed at T0 on both sides: at Sectigo through the client (the
 * sandbox holds the real order, so renewals are real), and in our database as the order pipeline
 * records a placed NEW order (customer, PLACED order, ACTIVE license with the same order number and
 * expiry). Written in bulk: going through submitOrder one by one took half of this file's time.
 */
async function placeLicenses(prefix: string, count: number): Promise<Array<{ id: string; domainName: string }>> {
  await setClocks(T0);
  const client = createSectigoClient({ baseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, timeoutMs: 15_000 });
  const rows = Array.from({ length: count }, () => {
    const i = ++n;
    const id = `${prefix}-${i}-${randomUUID().slice(0, 8)}`;
    return { id, domainName: `${id}.example`, email: `${id}@bulk.example`, orderNumber: "" };
  });
  for (let i = 0; i < rows.length; i += 16) {
    await Promise.all(
      rows.slice(i, i + 16).map(async (r) => {
        const placed = await client.autoApplyOrder({ kind: "newCustomer", productCode: 1060, addOnCodes: [], days: 365, domainName: r.domainName, contactEmail: r.email, autoRenew: false });
        if (!placed.ok) throw new Error(`placing ${r.domainName}: ${placed.error.userMessage}`);
        r.orderNumber = String(placed.value.orderNumber);
      }),
    );
  }
  const expiresAt = new Date(T0.getTime() + 365 * DAY);
  await prisma.customer.createMany({ data: rows.map((r) => ({ id: `c-${r.id}`, resellerAccountId: ACCOUNT, name: `Bulk Customer ${r.id}`, email: r.email })) });
  await prisma.order.createMany({
    data: rows.map((r) => ({ id: `o-${r.id}`, foreignOrderNumber: `f-${r.id}`, orderNumber: r.orderNumber, kind: "NEW" as const, status: "PLACED" as const, customerId: `c-${r.id}`, resellerAccountId: ACCOUNT, placedById: staff.id, currency: "USD", placedAt: T0, operation: "autoApplyOrder" })),
  });
  await prisma.license.createMany({
    data: rows.map((r) => ({ id: r.id, customerId: `c-${r.id}`, orderId: `o-${r.id}`, currentOrderNumber: r.orderNumber, productCode: 1060, productName: "SiteLock Basic", domainName: r.domainName, status: "ACTIVE" as const, termDays: 365, startsAt: T0, expiresAt })),
  });
  return rows.map((r) => ({ id: r.id, domainName: r.domainName }));
}

async function worker(opts: { renew?: RenewFn; concurrency?: number; loops?: number; leaseMs?: number; unknownRecheckMs?: number } = {}): Promise<RunningWorker> {
  const w = await startWorker({
    databaseUrl: db.appUrl,
    credentialsKey: key,
    sectigoTimeoutMs: 3_000,
    pollingIntervalSeconds: 0.5,
    renewalConcurrency: opts.concurrency ?? 10,
    renewalLoops: opts.loops,
    renewalLeaseMs: opts.leaseMs ?? 60_000,
    renewalBackoffMs: 50,
    renewalUnknownRecheckMs: opts.unknownRecheckMs,
    renew: opts.renew ?? renewWith({ ...deps, now: () => now }),
    log: () => {},
  });
  workers.push(w);
  return w;
}

async function startRun(licenseIds: string[], enqueue: (runId: string) => Promise<void>): Promise<string> {
  const { runId } = await startRenewalRun(manager, { submissionKey: randomUUID(), selection: { kind: "selection", licenseIds } }, { db: prisma, eligibility, now: () => now, enqueue });
  return runId;
}

/** Polls the database (what the progress page shows) until `done` holds; fails after `ms`. */
async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const runOf = (runId: string) => () => prisma.renewalRun.findUniqueOrThrow({ where: { id: runId } });

beforeAll(async () => {
  // Migrations and the queue's schema as the owner; the workers as the app's role, as npm start runs them.
  db = await startAppDatabase();
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, now: T0, log: (line) => sandboxLog.push(line) });
  await seedResellerAccount(prisma, { id: ACCOUNT, label: "Bulk", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const s = await seedUser(prisma, { id: "u-staff", email: "staff@bulk.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-1" });
  const m = await seedUser(prisma, { id: "u-am", email: "am@bulk.test", name: "Max Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-2" });
  const sup = await seedUser(prisma, { id: "u-sup", email: "sup@bulk.test", name: "Sue Support", role: "SUPPORT", password: "a-long-password-3" });
  staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  manager = { id: m.id, email: m.email, name: m.name, role: m.role };
  support = { id: sup.id, email: sup.email, name: sup.name, role: sup.role };
  await account(null);
  // The renewals' call budget: 3 s (a "timeout" fault answers after 4 s).
  deps = orderDeps(prisma, { credentialsKey: key, timeoutMs: 3_000 });
}, 60_000);

/** Stops a worker's queue at once: a hung renewal in it never settles, so a graceful stop would wait. */
const kill = (w: RunningWorker) => w.boss.stop({ graceful: false, timeout: 500 }).catch(() => {});

afterEach(async () => {
  await Promise.all(workers.map(kill));
  workers = [];
  await admin("DELETE", "faults");
  await account(null);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

// First: it counts over every license in the database, so it runs before the runs place theirs.
/** Order deps whose Sectigo calls never leave: a worker writes each order, then dies before its call is sent. */
function muteDeps(): OrderDeps {
  const never = new Promise<never>(() => {});
  return { ...deps, now: () => now, sectigo: async (id, link) => new Proxy(await deps.sectigo(id, link), { get: (t, p) => (typeof Reflect.get(t, p) === "function" ? () => never : Reflect.get(t, p)) }) };
}

describe("the daily license pass", () => {
  it("ACTIVE → EXPIRED once the expiry has passed; one window notice per license and expiry, a renewed license gets one for its next period", async () => {
    const [expired, inWindow, later, cancelled] = await placeLicenses("daily", 4);
    const at = new Date(T0.getTime() + 100 * DAY);
    const set = (id: string, data: { expiresAt?: Date; status?: "CANCELLED" }) => prisma.license.update({ where: { id }, data });
    await set(expired!.id, { expiresAt: new Date(at.getTime() - DAY) });
    await set(inWindow!.id, { expiresAt: new Date(at.getTime() + 10 * DAY) });
    await set(later!.id, { expiresAt: new Date(at.getTime() + 60 * DAY) });
    await set(cancelled!.id, { expiresAt: new Date(at.getTime() - DAY), status: "CANCELLED" });
    const statusOf = async (id: string) => (await prisma.license.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    const notices = (id: string) => prisma.renewalWindowNotice.findMany({ where: { licenseId: id }, select: { expiresAt: true }, orderBy: { expiresAt: "asc" } });

    // Batches of one: the loops run over every row, not only the first batch.
    expect(await runDailyLicensePass(prisma, at, 1)).toEqual({ expired: 1, windowOpened: 1 });
    expect(await statusOf(expired!.id)).toBe("EXPIRED");
    expect(await statusOf(cancelled!.id)).toBe("CANCELLED");
    expect(await statusOf(inWindow!.id)).toBe("ACTIVE");
    expect(await notices(inWindow!.id)).toEqual([{ expiresAt: new Date(at.getTime() + 10 * DAY) }]);
    expect(await notices(later!.id)).toEqual([]);
    expect(await notices(expired!.id)).toEqual([]);

    // The next day (and a second worker on the same day): nothing twice.
    const nextDay = new Date(at.getTime() + DAY);
    const [a, b] = await Promise.all([runDailyLicensePass(prisma, nextDay), runDailyLicensePass(prisma, nextDay)]);
    expect(a.expired + b.expired).toBe(0);
    expect(a.windowOpened + b.windowOpened).toBe(0);
    expect(await notices(inWindow!.id)).toHaveLength(1);

    // Renewed: a new expiry, a new period, its own notice when that window opens.
    const renewedTo = new Date(at.getTime() + 375 * DAY);
    await set(inWindow!.id, { expiresAt: renewedTo });
    expect(await runDailyLicensePass(prisma, new Date(renewedTo.getTime() - 5 * DAY))).toMatchObject({ windowOpened: 1 });
    expect((await notices(inWindow!.id)).map((n) => n.expiresAt)).toEqual([new Date(at.getTime() + 10 * DAY), renewedTo]);
  });
});

describe("a bulk renewal run", () => {
  it("200 licenses with faults (timeout, lost answer, 503, -42): each result right, nothing renewed twice", async () => {
    const licenses = await placeLicenses("run200", 203);
    // Three refused: auto-renew on (two) and one whose window has not opened.
    await prisma.license.updateMany({ where: { id: { in: [licenses[0]!.id, licenses[1]!.id] } }, data: { autoRenew: true } });
    await prisma.license.update({ where: { id: licenses[2]!.id }, data: { expiresAt: new Date(T0.getTime() + 500 * DAY) } });
    await setClocks(INSIDE_WINDOW);
    const w = await worker({ concurrency: 10 });

    // Faults, consumed by the first renewal calls: 3 timeouts (answered after our 3 s budget, but
    // processed), 3 lost answers (processed), 3 × 503 (not processed); then Sectigo's call limit.
    await admin("POST", "faults", { mode: "latency", latencyMs: 4_000, endpoint: "!AutoApplyOrder", times: 3 });
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoApplyOrder", times: 3 });
    await admin("POST", "faults", { mode: "http503", endpoint: "!AutoApplyOrder", times: 3 });
    await account(120);

    const runId = await startRun(licenses.map((l) => l.id), (id) => sendRenewalRun(w.boss, id));
    const started = await runOf(runId)();
    expect(started).toMatchObject({ total: 203, refused: 3 });

    // The call limit (clock frozen: it never lifts by itself) puts items back to wait; lift it then.
    await until("a call-limited item", () => prisma.order.count({ where: { errorCode: -42 } }), (c) => c > 0);
    await account(null);
    const run = await until("the run to finish", runOf(runId), (r) => r.status === "DONE", 30_000);

    // Sectigo works on a timed-out call once its 4 s are up: wait until it has, then count upstream.
    await until("the sandbox to finish the timed-out calls", async () => sandboxLog.filter((l) => l.includes("fault=latency")).length, (c) => c === 3);
    const items = await prisma.renewalRunItem.findMany({ where: { runId }, include: { license: { select: { domainName: true } } } });
    const byStatus = (s: string) => items.filter((i) => i.status === s);
    expect(run).toMatchObject({ placed: 191, unknown: 9, refused: 3, failed: 0 });
    expect(byStatus("PLACED")).toHaveLength(191);
    expect(byStatus("UNKNOWN")).toHaveLength(9);
    expect(byStatus("REFUSED").map((i) => i.message).sort()).toEqual([
      expect.stringMatching(/^Auto-renew is on/),
      expect.stringMatching(/^Auto-renew is on/),
      expect.stringMatching(/^Renewal opens on/),
    ]);
    // At least one item waited on the call limit and was renewed on a later attempt.
    expect(items.some((i) => i.status === "PLACED" && i.attempts > 1)).toBe(true);

    // Upstream: each license renewed at most once; every PLACED item's order is there; the 503s are not.
    const upstream = await upstreamByDomain();
    const renewals = (d: string) => (upstream.get(d) ?? 1) - 1;
    for (const i of items) expect(renewals(i.license.domainName)).toBeLessThanOrEqual(1);
    for (const i of byStatus("PLACED")) expect(renewals(i.license.domainName)).toBe(1);
    for (const i of byStatus("REFUSED")) expect(renewals(i.license.domainName)).toBe(0);
    // Each UNKNOWN item by what happened to its call (the order's UNKNOWN event): a lost answer was
    // processed (renewed once); a 503 was not (never renewed, and never sent again); a timeout may or
    // may not have been: Sectigo works on it after our budget ran out, and by then the call limit may
    // refuse it (-42, nothing bought) or not. Either way at most once.
    const unknownEvents = await prisma.orderEvent.findMany({ where: { kind: "UNKNOWN", order: { id: { in: byStatus("UNKNOWN").flatMap((i) => (i.orderId ? [i.orderId] : [])) } } }, select: { orderId: true, data: true } });
    const kindOf = new Map(unknownEvents.map((e) => [e.orderId, (e.data as { kind: string; httpStatus: number | null }).kind + ((e.data as { httpStatus: number | null }).httpStatus ?? "")]));
    const unknownBy = (kind: string) => byStatus("UNKNOWN").filter((i) => kindOf.get(i.orderId!) === kind).map((i) => renewals(i.license.domainName));
    expect(unknownBy("network")).toEqual([1, 1, 1]);
    expect(unknownBy("http503")).toEqual([0, 0, 0]);
    expect(unknownBy("timeout")).toHaveLength(3);
    for (const r of unknownBy("timeout")) expect([0, 1]).toContain(r);
    // The sandbox says why: each timed-out call it did not renew was refused by the call limit.
    const lateRefused = sandboxLog.filter((l) => l.startsWith("AutoApplyOrder") && l.includes("fault=latency") && l.includes("result=-42")).length;
    expect(unknownBy("timeout").filter((r) => r === 0)).toHaveLength(lateRefused);
    // Our orders agree: one PLACED renewal per PLACED item, the UNKNOWN ones left for reconciliation.
    const orders = await prisma.order.findMany({ where: { id: { in: items.flatMap((i) => (i.orderId ? [i.orderId] : [])) } }, select: { id: true, status: true, events: { select: { actorLabel: true }, take: 1 } } });
    expect(orders.filter((o) => o.status === "PLACED")).toHaveLength(191);
    expect(orders.filter((o) => o.status === "UNKNOWN")).toHaveLength(9);
    expect(orders[0]!.events[0]!.actorLabel).toBe("Order Desk (renewal run started by Max Manager (am@bulk.test))");
    await w.stop();
  }, 60_000);

  it("goes on after its worker dies mid-way: a new worker finishes it and takes back the items left RUNNING, none renewed twice", async () => {
    const licenses = await placeLicenses("resume", 30);
    await setClocks(INSIDE_WINDOW);
    let dead = false;
    let calls = 0;
    let hung = 0;
    const real = renewWith({ ...deps, now: () => now });
    const hang = new Promise<never>(() => {});
    // Worker A "dies" after 10 renewals: from then on it hangs, half before calling Sectigo and half
    // after Sectigo answered (the renewal made, the item never settled).
    const a = await worker({
      concurrency: 4,
      loops: 4,
      leaseMs: 60_000,
      renew: async (actor, input, slot) => {
        if (dead) return (hung++, calls++ % 2 === 0 ? hang : real(actor, input, slot).then(() => hang));
        if (++calls >= 10) dead = true;
        return real(actor, input, slot);
      },
    });
    const runId = await startRun(licenses.map((l) => l.id), (id) => sendRenewalRun(a.boss, id, 1));
    await until("worker A to hang on all its loops", () => prisma.renewalRunItem.count({ where: { runId, status: "RUNNING" } }), (c) => c === 4 && hung === 4);
    await a.boss.stop({ graceful: false, timeout: 500 });
    const stuck = await prisma.renewalRunItem.findMany({ where: { runId, status: "RUNNING" }, select: { licenseId: true } });
    expect(stuck).toHaveLength(4);

    // Worker B starts: it queues the unfinished run itself and takes back the stale claims.
    let bCalls = 0;
    const b = await worker({ concurrency: 4, leaseMs: 1_500, renew: (actor, input, slot) => (bCalls++, real(actor, input, slot)) });
    const run = await until("the run to finish", runOf(runId), (r) => r.status === "DONE", 20_000);
    expect(run).toMatchObject({ placed: 30, failed: 0, unknown: 0, refused: 0 });
    const upstream = await upstreamByDomain();
    for (const l of licenses) expect(upstream.get(l.domainName)).toBe(2); // the new order + one renewal
    // B called Sectigo only for what A had not renewed: A's 2 "after the call" items were settled from their orders.
    expect(bCalls).toBe(30 - 10 - 2);
    await b.stop();
  }, 40_000);

  it("a worker killed between writing a renewal order and sending it: the item waits for reconciliation, then is renewed with the next key; nothing twice, nothing lost", async () => {
    const licenses = await placeLicenses("killed", 6);
    await setClocks(INSIDE_WINDOW);
    // Worker A writes each renewal order and dies before its call leaves (the client never sends).
    const mute = muteDeps();
    const a = await worker({ concurrency: 2, loops: 2, leaseMs: 60_000, renew: renewWith(mute) });
    const runId = await startRun(licenses.map((l) => l.id), (id) => sendRenewalRun(a.boss, id, 1));
    const ids = licenses.map((l) => l.id);
    await until("worker A to write two orders it never sends", () => prisma.order.count({ where: { targetLicenseId: { in: ids }, kind: "RENEWAL", status: "SUBMITTING" } }), (c) => c === 2);
    await a.boss.stop({ graceful: false, timeout: 500 });

    // Worker B takes the items back: their orders exist, so they wait as UNKNOWN (never sent twice).
    const b = await worker({ concurrency: 2, leaseMs: 1_500, unknownRecheckMs: 500 });
    await until("the first pass of the run", runOf(runId), (r) => r.status === "DONE", 20_000);
    expect(await prisma.renewalRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ placed: 4, unknown: 2 });

    // Reconciliation (the pass, every minute) finds Sectigo never received them: "not placed".
    const open = await prisma.order.findMany({ where: { targetLicenseId: { in: ids }, kind: "RENEWAL", status: "SUBMITTING" }, select: { id: true } });
    for (const o of open) expect(await reconcileOrder(systemActor("reconciliation pass"), { orderId: o.id }, { ...deps, now: () => now })).toEqual({ outcome: "NOT_PLACED" });

    // The run's recheck (queued when it finished with orders still open) renews them with the next key.
    const run = await until("the run to renew the two again", runOf(runId), (r) => r.status === "DONE" && r.placed === 6, 20_000);
    expect(run).toMatchObject({ placed: 6, unknown: 0, failed: 0, refused: 0 });
    const upstream = await upstreamByDomain();
    for (const l of licenses) expect(upstream.get(l.domainName)).toBe(2); // the new order + one renewal
    await b.stop();
  }, 60_000);

  it("an UNKNOWN item whose order reconciliation settles as REJECTED ends FAILED, counted once (it stayed UNKNOWN for ever)", async () => {
    const licenses = await placeLicenses("rejected", 3);
    await setClocks(INSIDE_WINDOW);
    const mute = muteDeps();
    const a = await worker({ concurrency: 1, loops: 1, leaseMs: 60_000, renew: renewWith(mute) });
    const runId = await startRun(licenses.map((l) => l.id), (id) => sendRenewalRun(a.boss, id, 1));
    const ids = licenses.map((l) => l.id);
    await until("worker A to write an order it never sends", () => prisma.order.count({ where: { targetLicenseId: { in: ids }, kind: "RENEWAL", status: "SUBMITTING" } }), (c) => c === 1);
    await a.boss.stop({ graceful: false, timeout: 500 });
    const b = await worker({ concurrency: 1, leaseMs: 1_500, unknownRecheckMs: 500 });
    await until("the first pass of the run", runOf(runId), (r) => r.status === "DONE", 20_000);
    expect(await prisma.renewalRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ placed: 2, unknown: 1 });

    // What reconciliation records when Sectigo shows the order as rejected (reconcile-order.ts).
    const [open] = await prisma.order.findMany({ where: { targetLicenseId: { in: ids }, kind: "RENEWAL", status: "SUBMITTING" }, select: { id: true } });
    await prisma.order.update({ where: { id: open!.id }, data: { status: "REJECTED" } });

    // The run's recheck (queued while the order was open) settles the item.
    const run = await until("the item to settle", runOf(runId), (r) => r.unknown === 0, 20_000);
    expect(run).toMatchObject({ status: "DONE", placed: 2, failed: 1, unknown: 0, refused: 0 });
    expect(await prisma.renewalRunItem.findFirstOrThrow({ where: { runId, orderId: open!.id } })).toMatchObject({ status: "FAILED", message: "Sectigo refused the renewal: see the order." });
    await b.stop();
  }, 60_000);

  it("a worker told to stop (SIGTERM: worker.stop()) with renewals at Sectigo lets them finish and settle, claims nothing more; the next worker renews the rest, each license once", async () => {
    const licenses = await placeLicenses("stopped", 20);
    await setClocks(INSIDE_WINDOW);
    const real = renewWith({ ...deps, now: () => now });
    // Worker A's first 4 renewals wait at "Sectigo" until A has been told to stop; then they go through.
    let release!: () => void;
    const told = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    let aCalls = 0;
    const a = await worker({
      concurrency: 4,
      loops: 4,
      renew: async (actor, input, slot) => {
        aCalls++;
        inFlight++;
        await told;
        try {
          return await real(actor, input, slot);
        } finally {
          inFlight--;
        }
      },
    });
    const runId = await startRun(licenses.map((l) => l.id), (id) => sendRenewalRun(a.boss, id, 1));
    await until("worker A's 4 renewals to be at Sectigo", async () => inFlight, (n) => n === 4);
    const stopped = a.stop();
    release();
    await stopped;
    // Stopped only once its calls ended and their items were written: none left claimed, none lost.
    expect(inFlight).toBe(0);
    expect(aCalls).toBe(4);
    const byStatus = async () => Object.fromEntries((await prisma.renewalRunItem.groupBy({ by: ["status"], where: { runId }, _count: true })).map((g) => [g.status, g._count]));
    expect(await byStatus()).toEqual({ PLACED: 4, PENDING: 16 });

    let bCalls = 0;
    await worker({ concurrency: 4, renew: (actor, input, slot) => (bCalls++, real(actor, input, slot)) });
    const run = await until("the run to finish", runOf(runId), (r) => r.status === "DONE", 20_000);
    expect(run).toMatchObject({ placed: 20, failed: 0, unknown: 0, refused: 0 });
    expect(bCalls).toBe(16);
    const upstream = await upstreamByDomain();
    for (const l of licenses) expect(upstream.get(l.domainName)).toBe(2); // the new order + one renewal
  }, 40_000);

  it("two workers on one database share a run and renew each license once", async () => {
    const licenses = await placeLicenses("two", 60);
    await setClocks(INSIDE_WINDOW);
    const real = renewWith({ ...deps, now: () => now });
    const calledBy: Record<string, string[]> = { one: [], two: [] };
    const counted = (name: string): RenewFn => (actor, input, slot) => (calledBy[name]!.push(input.licenseId), real(actor, input, slot));
    const one = await worker({ concurrency: 5, renew: counted("one") });
    await worker({ concurrency: 5, renew: counted("two") });
    // 50 ms per call, so the run lasts long enough for both workers to poll it.
    await admin("POST", "faults", { mode: "latency", latencyMs: 50, endpoint: "!AutoApplyOrder" });
    const runId = await startRun(licenses.map((l) => l.id), (id) => sendRenewalRun(one.boss, id));
    const run = await until("the run to finish", runOf(runId), (r) => r.status === "DONE", 20_000);
    await admin("DELETE", "faults");
    // A call slower than the budget on a loaded machine ends UNKNOWN (sent once, reconciled later): still one call each.
    expect(run.placed + run.unknown).toBe(60);
    expect(run.failed).toBe(0);
    const all = [...calledBy.one!, ...calledBy.two!];
    expect(all).toHaveLength(60);
    expect(new Set(all).size).toBe(60);
    expect(calledBy.one!.length).toBeGreaterThan(0);
    expect(calledBy.two!.length).toBeGreaterThan(0);
    const upstream = await upstreamByDomain();
    for (const l of licenses) expect(upstream.get(l.domainName)).toBeLessThanOrEqual(2);
    const placed = await prisma.renewalRunItem.findMany({ where: { runId, status: "PLACED" }, select: { license: { select: { domainName: true } } } });
    for (const i of placed) expect(upstream.get(i.license.domainName)).toBe(2);
  }, 40_000);

  it("SUPPORT may not start a run; a double submission starts one run", async () => {
    const [license] = await placeLicenses("perm", 1);
    await setClocks(INSIDE_WINDOW);
    const selection = { kind: "selection" as const, licenseIds: [license!.id] };
    const runDeps = { db: prisma, eligibility, now: () => now, enqueue: async () => {} };
    await expect(startRenewalRun(support, { submissionKey: randomUUID(), selection }, runDeps)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const submissionKey = randomUUID();
    const [a, b] = await Promise.all([startRenewalRun(manager, { submissionKey, selection }, runDeps), startRenewalRun(manager, { submissionKey, selection }, runDeps)]);
    expect(a.runId).toBe(b.runId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await prisma.renewalRun.count({ where: { submissionKey } })).toBe(1);
  });
});
