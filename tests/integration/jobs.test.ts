/**
 * The job worker (pg-boss) on the test database: a reconciliation job queued for an order whose
 * answer was lost settles it; the every-minute pass settles every open order, oldest first, and
 * leaves orders that wait for a person alone.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER, anchorDay } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps, type OrderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import type { OrderSubmissionInput } from "@/lib/orders/submission";
import { createBoss, QUEUES } from "@/lib/queue/boss";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { reconcileOpenOrders } from "@/lib/orders/reconcile-pass";
import { startAppDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startAppDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: OrderDeps;
let worker: RunningWorker;
let staff: Actor;
const key = generateKey();
/** The worker's log lines, as they come: a test waits for the line that says its job was done. */
const logWaiters: Array<{ match: RegExp; resolve: (line: string) => void }> = [];
function workerLog(line: string): void {
  for (const w of [...logWaiters]) {
    if (!w.match.test(line)) continue;
    logWaiters.splice(logWaiters.indexOf(w), 1);
    w.resolve(line);
  }
}
function nextLogLine(match: RegExp): Promise<string> {
  return new Promise((resolve) => logWaiters.push({ match, resolve }));
}

async function lostOrder(): Promise<string> {
  await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ mode: "lost-response", endpoint: "!AutoApplyOrder", times: 1 }),
  });
  const id = randomUUID().slice(0, 8);
  const input: OrderSubmissionInput = {
    submissionKey: randomUUID(),
    resellerAccountId: "acct-jobs",
    customer: { new: { name: `Jobs ${id}`, email: `jobs-${id}@jobs.example` } },
    kind: "NEW",
    currency: "USD",
    items: [{ productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: `jobs-${id}.example`, isAddOn: false, buyPrice: null, sellPrice: null }],
    sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode: 1060, days: 365, domainName: `jobs-${id}.example`, contactEmail: `jobs-${id}@jobs.example`, autoRenew: false } },
  };
  const result = await submitOrder(staff, input, deps);
  expect(result.outcome).toBe("UNKNOWN");
  return result.order.id;
}

beforeAll(async () => {
  // Migrations and the queue's schema as the owner; the worker as the app's role, as npm start runs it.
  db = await startAppDatabase();
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchorDay(new Date()) });
  await seedResellerAccount(prisma, { id: "acct-jobs", label: "Jobs", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const u = await seedUser(prisma, { id: "u-jobs", email: "staff@jobs.test", name: "Jo Staff", role: "STAFF", password: "a-long-password-1" });
  staff = { id: u.id, email: u.email, name: u.name, role: u.role };
  deps = orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 });
  worker = await startWorker({ databaseUrl: db.appUrl, credentialsKey: key, pollingIntervalSeconds: 0.5, log: workerLog });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("the job worker", () => {
  it("a queued reconciliation job settles an order whose answer was lost", async () => {
    const orderId = await lostOrder();
    const client = createBoss(db.appUrl, "client");
    await client.start();
    try {
      const done = nextLogLine(new RegExp(`reconciled order ${orderId}: `));
      const jobId = await client.send(QUEUES.reconcileOrder, { orderId });
      expect(jobId).toBeTruthy();
      expect(await done).toBe(`reconciled order ${orderId}: PLACED`);
    } finally {
      await client.stop({ graceful: false });
    }
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("PLACED");
  });

  it("the pass settles every open order and leaves the ones waiting for a person", async () => {
    const a = await lostOrder();
    const b = await lostOrder();
    const waiting = await lostOrder();
    await prisma.orderEvent.create({ data: { orderId: waiting, actorLabel: "test", kind: "CANDIDATES", message: "two candidates", data: { candidates: [] } } });
    const counts = await reconcileOpenOrders(deps);
    expect(counts).toEqual({ PLACED: 2 });
    const statuses = await prisma.order.findMany({ where: { id: { in: [a, b, waiting] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [a]: "PLACED", [b]: "PLACED", [waiting]: "UNKNOWN" });
  });
});
