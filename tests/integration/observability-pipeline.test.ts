/**
 * Issue 19 item 3: one request's id from the HTTP wrapper to the Sectigo call and into the job it
 * queues, and nothing secret in the logs or the metrics. A real order goes through the real
 * pipeline: an HTTP request (withRequestContext, as next-server.ts wraps Next) runs the order use
 * case against the sandbox, whose answer is lost (UNKNOWN), queues the reconciliation job as the
 * order action does, and the worker (started in-process) settles it with a second Sectigo call.
 * Every secret is generated here at random: the reseller's password, the credentials key, the
 * session secret, the sandbox's admin token, a session cookie and a bearer token sent with the
 * request, the database passwords.
 */
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import type { Actor } from "@/lib/auth/session";
import { orderDeps, type OrderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import type { OrderSubmissionInput } from "@/lib/orders/submission";
import { createBoss, QUEUES } from "@/lib/queue/boss";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { withRequestContext } from "@/lib/observability/request-context";
import { startMetricsServer, type MetricsServer } from "@/lib/observability/metrics-server";
import { recordFundsHeadroom } from "@/lib/observability/funds";
import { captureLogs } from "../fixtures/log-capture";
import { startAppDatabase } from "./test-database";

const logs = captureLogs("info");
const secrets = {
  resellerPassword: `rp-${randomBytes(18).toString("base64url")}`,
  credentialsKey: generateKey(),
  sessionSecret: randomBytes(32).toString("base64url"),
  sandboxAdminToken: `sat-${randomBytes(24).toString("hex")}`,
  cookieValue: `cv-${randomBytes(24).toString("base64url")}`,
  bearerToken: `bt-${randomBytes(24).toString("base64url")}`,
  userPassword: `up-${randomBytes(12).toString("base64url")}`,
};
const loginName = `obs-${randomBytes(4).toString("hex")}`;

let db: Awaited<ReturnType<typeof startAppDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: OrderDeps;
let worker: RunningWorker;
let sender: ReturnType<typeof createBoss>;
let web: http.Server;
let webUrl: string;
let metricsServer: MetricsServer;
let staff: Actor;

/** The web side: what the order action does for a submission, inside the node:http wrapper. */
function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  void (async () => {
    const id = randomUUID().slice(0, 8);
    const input: OrderSubmissionInput = {
      submissionKey: randomUUID(),
      resellerAccountId: "acct-obs",
      customer: { new: { name: `Obs ${id}`, email: `obs-${id}@obs.example` } },
      kind: "NEW",
      currency: "USD",
      items: [{ productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: `obs-${id}.example`, isAddOn: false, buyPrice: null, sellPrice: null }],
      sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode: 1060, days: 365, domainName: `obs-${id}.example`, contactEmail: `obs-${id}@obs.example`, autoRenew: false } },
    };
    const result = await submitOrder(staff, input, deps);
    // As app/(app)/orders/actions.ts: an order whose answer was lost is reconciled soon by a job.
    if (result.outcome === "UNKNOWN") await sender.send(QUEUES.reconcileOrder, { orderId: result.order.id });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ outcome: result.outcome, orderId: result.order.id }));
  })().catch((error: unknown) => res.writeHead(500).end(String(error)));
}

async function admin(path: string, body: unknown) {
  const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secrets.sandboxAdminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
}

/** Polls the captured lines (no sleep: each turn yields to the event loop, bounded). */
async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  db = await startAppDatabase();
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, adminToken: secrets.sandboxAdminToken });
  await admin("accounts", { loginName, loginPassword: secrets.resellerPassword, funds: 5000 });
  await seedResellerAccount(prisma, { id: "acct-obs", label: "Observed", loginName, password: secrets.resellerPassword, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: secrets.credentialsKey });
  const u = await seedUser(prisma, { id: "u-obs", email: "staff@obs.test", name: "Obs Staff", role: "STAFF", password: secrets.userPassword });
  staff = { id: u.id, email: u.email, name: u.name, role: u.role };
  const appPrisma = createPrismaClient(db.appUrl);
  deps = orderDeps(appPrisma, { credentialsKey: secrets.credentialsKey, timeoutMs: 5_000 });
  worker = await startWorker({ databaseUrl: db.appUrl, credentialsKey: secrets.credentialsKey, pollingIntervalSeconds: 0.5, cronIntervalSeconds: 1, log: () => {} });
  sender = createBoss(db.appUrl, "client");
  await sender.start();
  web = http.createServer(withRequestContext(handler));
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  metricsServer = await startMetricsServer({ port: 0, db: appPrisma });
}, 120_000);

afterAll(async () => {
  await metricsServer?.close();
  await new Promise<void>((resolve) => (web ? web.close(() => resolve()) : resolve()));
  await sender?.stop({ graceful: false });
  await worker?.stop();
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("one request id, from the request to the Sectigo call and the job", () => {
  let requestId: string;
  let orderId: string;

  it("an order whose answer was lost: the access line, both Sectigo calls and the job carry the request's id", async () => {
    await admin("faults", { mode: "lost-response", endpoint: "!AutoApplyOrder", times: 1 });
    requestId = `obs-${randomBytes(8).toString("hex")}`;
    const res = await fetch(`${webUrl}/orders/new?email=${secrets.bearerToken}`, {
      method: "POST",
      headers: {
        "x-request-id": requestId,
        cookie: `__Secure-next-auth.session-token=${secrets.cookieValue}`,
        authorization: `Bearer ${secrets.bearerToken}`,
      },
    });
    expect(res.headers.get("x-request-id")).toBe(requestId);
    const body = (await res.json()) as { outcome: string; orderId: string };
    expect(body.outcome).toBe("UNKNOWN");
    orderId = body.orderId;

    const access = await until("the access line", () => logs.find((l) => l.msg === "request" && l.requestId === requestId)[0]);
    expect(access).toMatchObject({ method: "POST", path: "/orders/new", query: ["email"], status: 200 });

    const placing = logs.find((l) => l.msg === "sectigo call" && l.endpoint === "!AutoApplyOrder" && l.requestId === requestId);
    expect(placing).toHaveLength(1);
    expect(placing[0]).toMatchObject({ orderId, outcome: expect.stringMatching(/TIMEOUT|NETWORK_ERROR|MALFORMED|HTTP_ERROR/) });
    expect(typeof placing[0]!.ms).toBe("number");
    expect(logs.find((l) => l.msg === "order submitted" && l.requestId === requestId)[0]).toMatchObject({ outcome: "UNKNOWN", orderId });

    // The worker's side: the reconciliation job runs under the same id, and so does its Sectigo call.
    const job = await until("the job's line", () => logs.find((l) => l.msg === "job done" && l.requestId === requestId)[0]);
    expect(job).toMatchObject({ queue: QUEUES.reconcileOrder });
    const reconcileCalls = logs.find((l) => l.msg === "sectigo call" && l.requestId === requestId && l.queue === QUEUES.reconcileOrder);
    expect(reconcileCalls.length).toBeGreaterThan(0);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("PLACED");
  });

  it("a scheduled job (the every-minute reconciliation pass) runs and logs under an id of its own", async () => {
    // pg-boss sends due schedules through its own cron queue, which the app's role cannot create:
    // before lib/jobs/prepare-job-queue.ts created it as the owner, no schedule ever ran (this waited
    // in vain). pg-boss looks at its schedules every 30 s by default; this worker looks every second.
    const pass = await until("the reconciliation pass's line", () => logs.find((l) => l.msg === "job done" && l.queue === QUEUES.reconcilePass)[0], 30_000);
    expect(pass.requestId).toEqual(expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/));
    expect(pass.requestId).not.toBe(requestId);
  });

  it("the metrics count the calls and the order, and read the queue, the UNKNOWN orders, a run's progress, the heartbeat and the funds", async () => {
    // A job that waits (due in an hour), a run under way (7 of 20 done), an account's funds figures.
    await sender.send(QUEUES.reconcileOrder, { orderId: "not-yet" }, { startAfter: 3600 });
    const run = await prisma.renewalRun.create({ data: { createdById: "u-obs", submissionKey: randomUUID(), source: { kind: "selection", licenseIds: [] }, total: 20, placed: 5, failed: 1, refused: 1, status: "RUNNING" } });
    recordFundsHeadroom({ accountId: "acct-obs", currency: "USD", spendable: 5000, demand: 1234.5 });
    const text = await (await fetch(metricsServer.url)).text();
    expect(text).toMatch(/orderdesk_queue_jobs\{queue="orders.reconcile",state="created"\} 1/);
    expect(text).toContain(`orderdesk_renewal_run_items{run="${run.id}",state="done"} 7`);
    expect(text).toContain(`orderdesk_renewal_run_items{run="${run.id}",state="total"} 20`);
    expect(text).toContain('orderdesk_funds_headroom{account="acct-obs",currency="USD"} 3765.5');
    expect(text).toMatch(/orderdesk_sectigo_calls_total\{endpoint="!AutoApplyOrder",outcome="[A-Z_]+"\} [1-9]/);
    expect(text).toMatch(/orderdesk_sectigo_call_duration_seconds_count\{endpoint="!AutoApplyOrder"\} [1-9]/);
    expect(text).toMatch(/orderdesk_orders_total\{outcome="UNKNOWN"\} 1/);
    expect(text).toMatch(/^orderdesk_orders_unknown 0$/m);
    expect(text).toMatch(/^orderdesk_worker_heartbeat_age_seconds \d+$/m);
    expect(text).toMatch(/^orderdesk_metrics_database_up 1$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it("no secret appears in any log line or in the metrics", async () => {
    const metricsBody = await (await fetch(metricsServer.url)).text();
    expect(logs.raw.length).toBeGreaterThan(4);
    const dbPasswords = [db.url, db.appUrl].map((u) => decodeURIComponent(new URL(u).password));
    const all = { ...secrets, ownerDbPassword: dbPasswords[0]!, appDbPassword: dbPasswords[1]! };
    for (const [name, value] of Object.entries(all)) {
      for (const form of new Set([value, encodeURIComponent(value)])) {
        expect(logs.text().includes(form), `${name} in the logs`).toBe(false);
        expect(metricsBody.includes(form), `${name} in the metrics`).toBe(false);
      }
    }
    // The reseller's login name is not a secret, but it names the account: no log line carries it.
    expect(logs.text()).not.toContain(loginName);
  });
});
