/**
 * Ordering benchmark: `npm run bench:ordering [-- orders=200 dist=.next]`. Prints; asserts nothing.
 *
 * Starts the sandbox in-process and a throw-away embedded PostgreSQL (every migration applied), then:
 *  (a) the app's own cost of submitting an order: submitOrder's wall time minus the Sectigo call's
 *      time as the client recorded it (ApiCall.durationMs of that order): p50/p95 over N sequential
 *      orders, beside the sandbox round trip itself. Target p50 < 20 ms.
 *  (b) 50 concurrent submissions of different orders: all placed, none twice upstream
 *      (the sandbox admin API's orders per domain).
 *  (c) 50 concurrent submissions of the same order (same submissionKey): one upstream order.
 *  (d) first-load JS of /orders/new, gzip: build-manifest rootMainFiles + the route's entry JS files
 *      (the route's client reference manifest), from an existing production build (.next, else
 *      .next-e2e; run `npm run build` first when there is none).
 */
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import type { Actor } from "@/lib/auth/session";
import { generateKey } from "@/lib/crypto/credentials";
import { createPrismaClient } from "@/lib/db";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { orderDeps } from "@/lib/orders/order-deps";
import type { OrderSubmissionInput } from "@/lib/orders/submission";
import { submitOrder, type SubmitResult } from "@/lib/orders/submit-order";
import { startSandbox } from "@/tools/sandbox/server";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=", 2) as [string, string]));
const ORDERS = Number(args.orders ?? 200);
const WARMUP = 20;
const CONCURRENT = 50;
const ACCOUNT = "bench-account";
const ROUTE = "/orders/new";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

let serial = 0;
/** A new SiteLock Basic + TrueShield order for a new customer: the most common order, AutoApplyOrder. */
function order(key = randomUUID()): OrderSubmissionInput {
  serial++;
  const tag = `${process.pid}-${serial}-${randomBytes(3).toString("hex")}`;
  const domain = `bench-${tag}.example`;
  const email = `owner-${tag}@bench.example`;
  return {
    submissionKey: key,
    resellerAccountId: ACCOUNT,
    customer: { new: { name: `Bench Customer ${serial}`, email } },
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
type Settled = SubmitResult | { outcome: "THREW"; message: string };
/** A submission that throws (an AppError) is an answer too: counted, not fatal to the benchmark. */
const settled = (results: PromiseSettledResult<SubmitResult>[]): Settled[] =>
  results.map((r) => (r.status === "fulfilled" ? r.value : { outcome: "THREW", message: r.reason instanceof Error ? r.reason.message : String(r.reason) }));
const domainOf = (o: OrderSubmissionInput) => o.items[0]!.domainName as string;

/**
 * First-load JS of a route in a production build, in bytes gzip (each file counted once): the build
 * manifest's rootMainFiles plus the entry JS of the route's page and of every layout above it, from the
 * page's client reference manifest (a script that sets globalThis.__RSC_MANIFEST[...]).
 */
export function firstLoadJs(distDir: string, route: string): { bytes: number; files: number } | { missing: string } {
  const buildManifest = path.join(distDir, "build-manifest.json");
  const appDir = path.join(distDir, "server/app");
  const manifestFile = fs.existsSync(appDir)
    ? findFiles(appDir, (f) => f.endsWith("page_client-reference-manifest.js") && normaliseRoute(path.relative(appDir, path.dirname(f))) === route)[0]
    : undefined;
  if (!fs.existsSync(buildManifest) || !manifestFile) return { missing: `no production build of ${route} in ${path.relative(ROOT, distDir)}/` };
  const rootMain = (JSON.parse(fs.readFileSync(buildManifest, "utf8")) as { rootMainFiles?: string[] }).rootMainFiles ?? [];
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  vm.runInNewContext(fs.readFileSync(manifestFile, "utf8"), sandbox);
  const manifest = Object.values(sandbox.__RSC_MANIFEST ?? {})[0];
  const pageDir = `app/${path.relative(appDir, path.dirname(manifestFile)).split(path.sep).join("/")}`;
  const onPath = (segment: string) => {
    const m = /^\[project\]\/(.*)\/(page|layout)$/.exec(segment);
    if (!m) return false;
    return m[2] === "page" ? m[1] === pageDir : pageDir === m[1] || pageDir.startsWith(`${m[1]}/`);
  };
  const entry = Object.entries(manifest?.entryJSFiles ?? {})
    .filter(([segment]) => onPath(segment))
    .flatMap(([, files]) => files);
  const files = [...new Set([...rootMain, ...entry])].filter((f) => f.endsWith(".js"));
  let bytes = 0;
  for (const file of files) {
    const full = path.join(distDir, file.replace(/^\/?_next\//, ""));
    if (!fs.existsSync(full)) return { missing: `${file} is missing from ${path.relative(ROOT, distDir)}/` };
    bytes += gzipSync(fs.readFileSync(full), { level: 9 }).length;
  }
  return { bytes, files: files.length };
}

/** "(app)/orders/new" -> "/orders/new": route groups are not part of the URL. */
function normaliseRoute(relative: string): string {
  return `/${relative.split(/[\\/]/).filter((s) => s && !/^\(.*\)$/.test(s)).join("/")}`.replace(/\/$/, "") || "/";
}

function findFiles(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-bench-"));
  fs.chmodSync(dataDir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: await freePort(), database: "orderdesk_bench", password: randomBytes(24).toString("base64url"), throwaway: true });
  const sandbox = await startSandbox({ port: 0 });
  const prisma = createPrismaClient(db.url);
  try {
    await applyMigrations(db.url);
    const credentialsKey = generateKey();
    // A throw-away reseller on the in-process sandbox: the demo login, a password made up for this run.
    const loginPassword = randomUUID();
    await seedResellerAccount(prisma, { id: ACCOUNT, label: "Bench", loginName: DEMO_RESELLER.loginName, password: loginPassword, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey });
    const user = await seedUser(prisma, { id: "u-bench", email: "bench@orderdesk.test", name: "Bench Staff", role: "STAFF", password: randomUUID() });
    const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role };
    const admin = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${sandbox.url}/__sandbox/${route}`, {
        method,
        headers: { authorization: `Bearer ${sandbox.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`sandbox admin ${method} ${route}: HTTP ${res.status}`);
      return (await res.json()) as T;
    };
    await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword, funds: 100_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
    const upstream = async (domain: string) =>
      (await admin<{ orders: unknown[] }>("GET", `orders?loginName=${encodeURIComponent(DEMO_RESELLER.loginName)}&domainName=${encodeURIComponent(domain)}`)).orders.length;
    // Every Prisma operation of the app, counted and timed: where the app's own cost goes.
    const dbStats = { ops: 0, ms: 0 };
    const counted = prisma.$extends({
      query: {
        async $allOperations({ args, query }) {
          const t = performance.now();
          try {
            return await query(args);
          } finally {
            dbStats.ops++;
            dbStats.ms += performance.now() - t;
          }
        },
      },
    }) as unknown as typeof prisma;
    const deps = orderDeps(prisma, { credentialsKey, timeoutMs: 10_000 });
    const countedDeps = orderDeps(counted, { credentialsKey, timeoutMs: 10_000 });
    const callMs = async (orderId: string) => (await prisma.apiCall.findMany({ where: { orderId }, select: { durationMs: true } })).reduce((a, c) => a + c.durationMs, 0);

    // (a) sequential orders
    const own: number[] = [];
    const totals: number[] = [];
    const roundTrips: number[] = [];
    const dbOps: number[] = [];
    const dbMs: number[] = [];
    let notPlaced = 0;
    for (let i = 0; i < WARMUP + ORDERS; i++) {
      const t0 = performance.now();
      const result = await submitOrder(actor, order(), deps);
      const total = performance.now() - t0;
      if (i < WARMUP) continue;
      if (result.outcome !== "PLACED") notPlaced++;
      const call = await callMs(result.order.id);
      totals.push(total);
      roundTrips.push(call);
      own.push(total - call);
    }

    // Where the app's own time goes: a separate pass through a Prisma client that times every operation
    // (the timing wrapper costs a little itself, so it stays out of the figures above).
    for (let i = 0; i < 50; i++) {
      const before = { ...dbStats };
      await submitOrder(actor, order(), countedDeps);
      dbOps.push(dbStats.ops - before.ops);
      dbMs.push(dbStats.ms - before.ms);
    }

    // (b) 50 concurrent different orders
    const different = Array.from({ length: CONCURRENT }, () => order());
    const tB = performance.now();
    const resultsB = settled(await Promise.allSettled(different.map((o) => submitOrder(actor, o, deps))));
    const wallB = performance.now() - tB;
    const placedB = resultsB.filter((r) => r.outcome === "PLACED").length;
    const upstreamB = await Promise.all(different.map((o) => upstream(domainOf(o))));
    const twiceB = upstreamB.filter((n) => n > 1).length;
    const missingB = upstreamB.filter((n) => n === 0).length;

    // (c) 50 concurrent submissions of one order
    const same = order();
    const resultsC = settled(await Promise.allSettled(Array.from({ length: CONCURRENT }, () => submitOrder(actor, same, deps))));
    const upstreamC = await upstream(domainOf(same));
    const placedC = resultsC.filter((r) => r.outcome === "PLACED").length;
    const duplicatesC = resultsC.filter((r) => r.outcome === "ALREADY_SUBMITTED").length;
    const thrownC = resultsC.filter((r) => r.outcome === "THREW");
    const rowsC = await prisma.order.count({ where: { submissionKey: same.submissionKey } });

    // (d) first-load JS
    const dist = args.dist ? [path.resolve(ROOT, args.dist)] : [path.join(ROOT, ".next"), path.join(ROOT, ".next-e2e")];
    const js = dist.map((d) => ({ d, r: firstLoadJs(d, ROUTE) })).find((x) => !("missing" in x.r)) ?? { d: dist[0]!, r: firstLoadJs(dist[0]!, ROUTE) };

    const rows: [string, string, string, string][] = [
      ["(a) app's own cost per order, p50", ms(percentile(own, 50)), "< 20 ms", percentile(own, 50) < 20 ? "met" : "MISSED"],
      ["(a) app's own cost per order, p95", ms(percentile(own, 95)), "", ""],
      ["(a) sandbox round trip (client-recorded), p50 / p95", `${ms(percentile(roundTrips, 50))} / ${ms(percentile(roundTrips, 95))}`, "", ""],
      ["(a) submitOrder total, p50 / p95", `${ms(percentile(totals, 50))} / ${ms(percentile(totals, 95))}`, "", ""],
      ["(a) database operations per order: count, time p50 (separate pass)", `${percentile(dbOps, 50)}, ${ms(percentile(dbMs, 50))}`, "", ""],
      [`(a) orders (after ${WARMUP} warm-up), not placed`, `${own.length}, ${notPlaced}`, "0 not placed", notPlaced === 0 ? "met" : "MISSED"],
      [`(b) ${CONCURRENT} concurrent different orders: placed`, `${placedB}/${CONCURRENT} in ${ms(wallB)}`, `${CONCURRENT}/${CONCURRENT}`, placedB === CONCURRENT ? "met" : "MISSED"],
      ["(b) upstream: missing / more than once", `${missingB} / ${twiceB}`, "0 / 0", missingB === 0 && twiceB === 0 ? "met" : "MISSED"],
      [`(c) ${CONCURRENT} concurrent same order: upstream orders`, String(upstreamC), "1", upstreamC === 1 ? "met" : "MISSED"],
      ["(c) answers PLACED / ALREADY_SUBMITTED / threw, order rows", `${placedC} / ${duplicatesC} / ${thrownC.length}, ${rowsC}`, `1 / ${CONCURRENT - 1} / 0, 1`, placedC === 1 && duplicatesC === CONCURRENT - 1 && rowsC === 1 ? "met" : "MISSED"],
      "missing" in js.r
        ? ["(d) first-load JS of /orders/new (gzip)", js.r.missing, "< 220 kB", "not measured: run `npm run build`"]
        : [`(d) first-load JS of /orders/new (gzip, ${js.r.files} files, ${path.relative(ROOT, js.d)}/)`, `${(js.r.bytes / 1024).toFixed(1)} kB`, "< 220 kB", js.r.bytes / 1024 < 220 ? "met" : "MISSED"],
    ];
    const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length), ["measure", "value", "target", ""][c]!.length));
    const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c]!)).join(" | ")} |`;
    console.log(`\nOrdering benchmark (${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version})\n`);
    console.log(line(["measure", "value", "target", "result"]));
    console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
    for (const r of rows) console.log(line(r));
    const thrown = [...resultsB, ...resultsC].filter((r) => r.outcome === "THREW");
    for (const message of new Set(thrown.map((r) => r.message))) console.log(`\nthrown by submitOrder (${thrown.filter((r) => r.message === message).length}x): ${message}`);
  } finally {
    await prisma.$disconnect();
    await sandbox.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
