/**
 * npm run bench:renewals: a bulk renewal run of 1,000 licences against the sandbox (in-process,
 * over HTTP) with 50 ms added to every AutoApplyOrder, at concurrency C = 5, 10, 20. Prints the
 * throughput beside the bound C / latency and their ratio. Each round moves both clocks a year on,
 * so the same licences are inside their renewal window again.
 */
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/lib/demo/factories";
import { DEMO_RESELLER } from "@/lib/demo/demo-data";
import { startSandbox } from "@/lib/sectigo/sandbox/server";
import { orderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { eligibility, renewWith } from "@/lib/renewals/renewal-deps";
import { startRenewalRun } from "@/lib/renewals/start-renewal-run";
import { processRenewalRun } from "@/lib/renewals/run-engine";
import { createLimiter } from "@/lib/renewals/limiter";
import { LOOPS_PER_CALL_SLOT } from "@/lib/jobs/renewal-run-job";

const LICENCES = Number(process.argv[2] ?? 1000);
const LATENCY_MS = 50;
const CONCURRENCIES = [5, 10, 20];
const DAY = 86_400_000;
let now = new Date("2031-03-01T12:00:00.000Z");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-bench-renewals-"));
fs.chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), database: "bench", password: randomBytes(18).toString("base64url"), throwaway: true });
const sandbox = await startSandbox({ port: 0, now });
const key = generateKey();
const db = createPrismaClient(pg.url);
try {
  await applyMigrations(pg.url);
  const admin = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/__sandbox/${p}`, { method, headers: { authorization: `Bearer ${sandbox.adminToken}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`sandbox ${p}: ${res.status} ${await res.text()}`);
  };
  const setClocks = async (at: Date) => {
    now = at;
    await admin("POST", "clock", { now: at.toISOString(), freeze: true });
  };
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 100_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  await seedResellerAccount(db, { id: "acct-bench", label: "Bench", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const staffRow = await seedUser(db, { id: "u-staff", email: "staff@bench.test", name: "Bench Staff", role: "STAFF", password: "a-long-password-1" });
  const amRow = await seedUser(db, { id: "u-am", email: "am@bench.test", name: "Bench Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-2" });
  const staff = { id: staffRow.id, email: staffRow.email, name: staffRow.name, role: staffRow.role };
  const manager = { id: amRow.id, email: amRow.email, name: amRow.name, role: amRow.role };
  const deps = { ...orderDeps(db, { credentialsKey: key, timeoutMs: 30_000 }), now: () => now };

  process.stdout.write(`Placing ${LICENCES} licences... `);
  const ids: string[] = [];
  const t0 = Date.now();
  for (let i = 0; i < LICENCES; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, LICENCES - i) }, async (_, j) => {
        const domain = `bench-${i + j}.example`;
        const email = `bench-${i + j}@bench.example`;
        const r = await submitOrder(staff, {
          submissionKey: randomUUID(), resellerAccountId: "acct-bench", customer: { new: { name: `Bench ${i + j}`, email } }, kind: "NEW", currency: "USD",
          items: [{ productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 149 }],
          sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode: 1060, addOnCodes: [], days: 365, domainName: domain, contactEmail: email, autoRenew: false } },
        }, deps);
        if (r.outcome !== "PLACED") throw new Error(`placing failed: ${r.outcome}`);
        ids.push((await db.license.findFirstOrThrow({ where: { orderId: r.order.id }, select: { id: true } })).id);
      }),
    );
  }
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await admin("POST", "faults", { mode: "latency", latencyMs: LATENCY_MS, endpoint: "!AutoApplyOrder" });

  let expiry = new Date(now.getTime() + 365 * DAY);
  console.log(`\nBulk renewal run of ${LICENCES} licences, ${LATENCY_MS} ms added per Sectigo call`);
  console.log("  C | seconds | renewals/s | bound C/latency | ratio | placed | bench CPU ms/renewal | CPU-bound renewals/s");
  for (const c of CONCURRENCIES) {
    await setClocks(new Date(expiry.getTime() - 20 * DAY));
    const { runId } = await startRenewalRun(manager, { submissionKey: randomUUID(), selection: { kind: "selection", licenceIds: ids } }, { db, eligibility, now: () => now, enqueue: async () => {} });
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    // As a worker process runs it: C calls to Sectigo at once, C × LOOPS_PER_CALL_SLOT items at once.
    await processRenewalRun(runId, { db, renew: renewWith(deps), concurrency: c * LOOPS_PER_CALL_SLOT, callLimiter: createLimiter(c), leaseMs: 600_000 });
    const seconds = (performance.now() - start) / 1000;
    // This process's CPU (engine, use case, Prisma, the in-process sandbox) per renewal: one core
    // cannot go faster than 1000 / that, whatever C is (PostgreSQL's own CPU comes on top).
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / LICENCES;
    const run = await db.renewalRun.findUniqueOrThrow({ where: { id: runId } });
    const throughput = LICENCES / seconds;
    const bound = c / (LATENCY_MS / 1000);
    console.log(`${String(c).padStart(3)} | ${seconds.toFixed(2).padStart(7)} | ${throughput.toFixed(1).padStart(10)} | ${bound.toFixed(0).padStart(15)} | ${((throughput / bound) * 100).toFixed(0).padStart(4)}% | ${String(run.placed).padStart(6)} | ${cpuMs.toFixed(1).padStart(20)} | ${(1000 / cpuMs).toFixed(0).padStart(20)}`);
    expiry = new Date(expiry.getTime() + 365 * DAY);
  }
} finally {
  await db.$disconnect();
  await sandbox.close();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
