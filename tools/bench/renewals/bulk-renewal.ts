/**
 * npm run bench:renewals [-- <licenses> <C,C,…> [--trace] [--unprepared]]: a bulk renewal run of 1,000 licenses against the
 * sandbox (over HTTP, in a process of its own as `npm start` runs it) with 50 ms added to every
 * AutoApplyOrder, at concurrency C = 5, 10, 20. Each round moves the sandbox clock a year on, so the
 * same licenses are inside their renewal window again.
 *
 * Printed per C, so the figures mean something on a shared, loaded machine:
 * - the run's throughput beside the bound C / latency and their ratio;
 * - a floor measured just before it: as many raw HTTP calls to the sandbox at the same concurrency
 *   with the same 50 ms added (no database, no Order Desk code): what this machine allows at all;
 * - CPU per renewal of this process (the engine, the use case, Prisma), of the sandbox process and of
 *   PostgreSQL (postmaster and backends), read from /proc; and statements sent to PostgreSQL per renewal.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { preparedStatementNames } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrations";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { generateAdminToken } from "@/tools/sandbox/admin/admin-token";
import { encodeGetAccountBalance } from "@/lib/sectigo/client/operations/account-balance";
import { ROOT } from "@/tools/launcher/processes";
import { orderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { eligibility, renewWith } from "@/lib/licenses/bulk-renewal/renewal-deps";
import { startRenewalRun } from "@/lib/licenses/bulk-renewal/start-renewal-run";
import { processRenewalRun } from "@/lib/licenses/bulk-renewal/run-engine";
import { createLimiter } from "@/lib/licenses/bulk-renewal/limiter";
import { LOOPS_PER_CALL_SLOT } from "@/lib/licenses/bulk-renewal/run-job";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const LICENSES = Number(args[0] ?? 1000);
const CONCURRENCIES = (args[1] ?? "5,10,20").split(",").map(Number);
/** --trace: print every statement sent (to see what one renewal costs: `npm run bench:renewals -- 1 5 --trace`). */
const TRACE = process.argv.includes("--trace");
/**
 * Statements are prepared once per connection, as the job worker's client does (lib/db.ts,
 * `prepareStatements`); --unprepared sends them unnamed, as the web app does, to compare.
 */
const PREPARED = !process.argv.includes("--unprepared");
const LATENCY_MS = 50;
const DAY = 86_400_000;
const TICK_MS = 1000 / 100; // /proc times are in clock ticks (USER_HZ = 100 on Linux)
let now = new Date("2031-03-01T12:00:00.000Z");

/** CPU ms of a process and its descendants so far: its own and its reaped children's time, plus live children's. */
function treeCpuMs(pid: number): number {
  const stat = (p: number) => {
    try {
      const text = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      return text.slice(text.lastIndexOf(")") + 2).split(" ");
    } catch {
      return null; // gone meanwhile
    }
  };
  const own = stat(pid);
  if (!own) return 0;
  // Fields after ")": [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s && Number(s[1]) === pid) ticks += Number(s[11]) + Number(s[12]);
  }
  return ticks * TICK_MS;
}

/** The PostgreSQL server process: this process's child whose command line is `postgres -D <dir>` (setpriv execs into it). */
function postgresPid(dataDir: string): number {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmd.some((a) => a.endsWith("/postgres")) && cmd.some((a) => a.startsWith(dataDir))) return Number(entry);
    } catch {
      /* gone */
    }
  }
  throw new Error("PostgreSQL's process was not found");
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-bench-renewals-"));
fs.chmodSync(dir, 0o755);
const pgDir = path.join(dir, "pg");
const embedded = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort(), database: "bench", password: randomBytes(18).toString("base64url"), throwaway: true });
const adminToken = generateAdminToken();
const sandboxChild = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tools/bench/renewals/sandbox-process.ts")], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
sandboxChild.stdin!.write(`${JSON.stringify({ adminToken, now: now.toISOString() })}\n`);
const sandboxUrl = await new Promise<string>((resolve, reject) => {
  const lines = readline.createInterface({ input: sandboxChild.stdout! });
  lines.on("line", (line) => line.startsWith("listening ") && resolve(line.slice("listening ".length)));
  sandboxChild.once("exit", (code) => reject(new Error(`the sandbox process stopped (${code})`)));
});
const key = generateKey();
// The app's client (lib/db.ts: a pool of 10), with every statement sent counted.
const pool = new pg.Pool({ connectionString: embedded.url, max: 10 });
pool.on("error", () => {}); // a client cut off when the database stops at the end
let statements = 0;
pool.on("connect", (client) => {
  const query = client.query.bind(client) as (...a: unknown[]) => unknown;
  (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
    statements++;
    if (TRACE) console.log(`  sql: ${String((a[0] as { text?: string })?.text ?? a[0]).replace(/\s+/g, " ").slice(0, 150)}`);
    return query(...a);
  };
});
const db = new PrismaClient({ adapter: new PrismaPg(pool, PREPARED ? { statementNameGenerator: preparedStatementNames() } : undefined) });
try {
  await applyMigrations(embedded.url);
  const pgPid = postgresPid(embedded.clusterDir ?? fs.realpathSync(pgDir));
  const admin = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${sandboxUrl}/__sandbox/${p}`, { method, headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`sandbox ${p}: ${res.status} ${await res.text()}`);
  };
  const setClocks = async (at: Date) => {
    now = at;
    await admin("POST", "clock", { now: at.toISOString(), freeze: true });
  };
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 100_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  await seedResellerAccount(db, { id: "acct-bench", label: "Bench", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandboxUrl}/products/`, mode: "SANDBOX", credentialsKey: key });
  const staffRow = await seedUser(db, { id: "u-staff", email: "staff@bench.test", name: "Bench Staff", role: "STAFF", password: "a-long-password-1" });
  const amRow = await seedUser(db, { id: "u-am", email: "am@bench.test", name: "Bench Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-2" });
  const staff = { id: staffRow.id, email: staffRow.email, name: staffRow.name, role: staffRow.role };
  const manager = { id: amRow.id, email: amRow.email, name: amRow.name, role: amRow.role };
  const deps = { ...orderDeps(db, { credentialsKey: key, timeoutMs: 30_000 }), now: () => now };

  process.stdout.write(`Placing ${LICENSES} licenses... `);
  const ids: string[] = [];
  const t0 = Date.now();
  for (let i = 0; i < LICENSES; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, LICENSES - i) }, async (_, j) => {
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

  /** The floor: `LICENSES` raw HTTP calls (getAccountBalance, the same 50 ms added) at concurrency c: no database, no Order Desk code. */
  const body = encodeGetAccountBalance({ loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password }).toString();
  const floor = async (c: number) => {
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: c }, async () => {
        while (next++ < LICENSES) {
          const res = await fetch(`${sandboxUrl}/products/!getAccountBalance`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-sandbox-latency-ms": String(LATENCY_MS) }, body });
          if (!res.ok) throw new Error(`floor call: ${res.status}`);
          await res.text();
        }
      }),
    );
    return LICENSES / ((performance.now() - start) / 1000);
  };

  let expiry = new Date(now.getTime() + 365 * DAY);
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`\nBulk renewal run of ${LICENSES} licenses, ${LATENCY_MS} ms added per Sectigo call${PREPARED ? ", statements prepared once per connection (as the worker)" : ", statements unprepared (--unprepared)"}; ${os.cpus().length} cores, load average ${load()}`);
  console.log("  C | seconds | renewals/s | bound C/latency | ratio | floor calls/s | floor ratio | placed | CPU ms/renewal: bench  sandbox  postgres | statements/renewal");
  for (const c of CONCURRENCIES) {
    await setClocks(new Date(expiry.getTime() - 20 * DAY));
    const floorRate = await floor(c);
    const { runId } = await startRenewalRun(manager, { submissionKey: randomUUID(), selection: { kind: "selection", licenseIds: ids } }, { db, eligibility, now: () => now, enqueue: async () => {} });
    const cpu0 = process.cpuUsage();
    const sandbox0 = treeCpuMs(sandboxChild.pid!);
    const pg0 = treeCpuMs(pgPid);
    const statements0 = statements;
    const start = performance.now();
    // As a worker process runs it: C calls to Sectigo at once, C × LOOPS_PER_CALL_SLOT items at once.
    await processRenewalRun(runId, { db, renew: renewWith(deps), concurrency: c * LOOPS_PER_CALL_SLOT, callLimiter: createLimiter(c), leaseMs: 600_000 });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const per = (ms: number) => (ms / LICENSES).toFixed(1);
    const benchMs = per((cpu.user + cpu.system) / 1000);
    const sandboxMs = per(treeCpuMs(sandboxChild.pid!) - sandbox0);
    const pgMs = per(treeCpuMs(pgPid) - pg0);
    const perRenewal = ((statements - statements0) / LICENSES).toFixed(1);
    const run = await db.renewalRun.findUniqueOrThrow({ where: { id: runId } });
    const throughput = LICENSES / seconds;
    const bound = c / (LATENCY_MS / 1000);
    console.log(
      `${String(c).padStart(3)} | ${seconds.toFixed(2).padStart(7)} | ${throughput.toFixed(1).padStart(10)} | ${bound.toFixed(0).padStart(15)} | ${((throughput / bound) * 100).toFixed(0).padStart(4)}% | ` +
        `${floorRate.toFixed(1).padStart(13)} | ${((floorRate / bound) * 100).toFixed(0).padStart(10)}% | ${String(run.placed).padStart(6)} | ${benchMs.padStart(21)} ${sandboxMs.padStart(8)} ${pgMs.padStart(9)} | ${perRenewal.padStart(18)}`,
    );
    expiry = new Date(expiry.getTime() + 365 * DAY);
  }
  console.log(`Load average at the end: ${load()}`);
} finally {
  await db.$disconnect();
  sandboxChild.stdin!.end();
  await embedded.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
