/**
 * Lookups per second through nginx over one and two app instances, at the same p95 (issue 19,
 * item 4): `npm run bench:throughput`. See tools/bench/http/throughput/README.md.
 *
 * On the shared 1,000,000-order world (waits for <data dir>/WORLD-READY), in ONE run: its own
 * production build (.next-lb, rebuilt only when the source changed), two production app instances
 * (tools/launcher/next-server.ts, as npm start runs them, on the world's database as the app's
 * role), its own nginx (round-robin, keep-alive to the instances), one sign-in plus sibling
 * sessions (tools/bench/http/throughput/sessions.ts: the per-session lookup limit stays as it is),
 * then a closed-loop sweep with wrk over realistic lookups (order numbers, domains, e-mails taken
 * from the world), interleaved per concurrency:
 *   (a) one instance direct   (b) one instance through nginx   (c) two instances through nginx
 * Each row: requests/s, p50/p95/p99, errors, and where the two cores went (per-process CPU time
 * from /proc: each instance, nginx, our PostgreSQL backends, the rest of PostgreSQL, wrk, this
 * script, and everything else on the machine), with the load average.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { APP_ROLE, appRoleUrl } from "@/lib/db/app-role";
import { EMBEDDED_DATABASE_NAME } from "@/tools/data-dir/database";
import { buildFingerprint, buildState, recordBuild } from "@/tools/launcher/build-freshness";
import { NEXT_BIN, ROOT, nextServerChild, startChild, waitForHttp, type Child } from "@/tools/launcher/processes";
import { LOOKUP_RATE_LIMIT } from "@/lib/http/session-rate-limit";
import { DEMO_PASSWORD } from "@/tools/demo-world/demo-data";
import { cpuSplit, sampleCpu, treeOf, procTimes, type CpuGroup, type CpuSplit } from "@/tools/bench/http/throughput/cpu";
import { ensureNginx, startNginx, type Nginx } from "@/tools/bench/http/throughput/nginx";
import { benchSessions, sessionsNeeded, type BenchSessions } from "@/tools/bench/http/throughput/sessions";
import { ensureWrk, runWrk, writeWrkScript, type WrkResult } from "@/tools/bench/http/throughput/wrk";
import { compareAtP95, knee, type SweepPoint } from "@/tools/bench/http/throughput/same-p95";
import { lookupQueries } from "@/tools/bench/http/throughput/queries";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: "/tmp/od-scale" },
    "pg-port": { type: "string", default: "54900" },
    "sandbox-port": { type: "string", default: "4900" },
    concurrency: { type: "string", default: "1,2,4,8,12,16,24,32" },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    sessions: { type: "string" },
    samples: { type: "string", default: "400" },
    "dist-dir": { type: "string", default: ".next-lb" },
    "port-base": { type: "string", default: "4400" },
    "nginx-dir": { type: "string", default: "/tmp/lb-nginx" },
    email: { type: "string", default: "support@orderdesk.test" },
    "node-flags": { type: "string", default: "" },
    "cpu-prof": { type: "string" },
    "wait-minutes": { type: "string", default: "90" },
    targets: { type: "string", default: "a,b,c" },
    json: { type: "string" },
  },
});

const log = (line: string) => console.log(`[throughput] ${line}`);
const dataDir = path.resolve(values["data-dir"]!);
const pgPort = Number(values["pg-port"]);
const concurrencies = values.concurrency!.split(",").map(Number).filter((n) => n > 0);
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const PORT_BASE = Number(values["port-base"]);
const DIRECT = [PORT_BASE + 1, PORT_BASE + 2];
const NGINX_ONE = PORT_BASE + 11;
const NGINX_TWO = PORT_BASE + 12;
const distDir = values["dist-dir"]!;
const nginxDir = values["nginx-dir"]!;

type TargetKey = "a" | "b" | "c";
const TARGETS: Record<TargetKey, { label: string; url: string }> = {
  a: { label: "(a) 1 instance, direct", url: `http://127.0.0.1:${DIRECT[0]}` },
  b: { label: "(b) 1 instance, nginx", url: `http://127.0.0.1:${NGINX_ONE}` },
  c: { label: "(c) 2 instances, nginx", url: `http://127.0.0.1:${NGINX_TWO}` },
};
const targets = values.targets!.split(",").filter((t): t is TargetKey => t in TARGETS);

interface Row {
  target: TargetKey;
  concurrency: number;
  wrk: WrkResult;
  cpu: CpuSplit;
  load: number[];
  /** Statements run outside a transaction count one each: the lookup's round trips, roughly (the whole database's count). */
  xactPerRequest: number;
}

const children: Child[] = [];
let nginx: Nginx | undefined;
let sessions: BenchSessions | undefined;
let owner: pg.Client | undefined;
let scriptFile: string | undefined;

async function cleanUp() {
  if (scriptFile) fs.rmSync(scriptFile, { force: true });
  await sessions?.remove().catch((e: unknown) => console.error(`[throughput] could not delete the bench sessions: ${String(e)}`));
  await nginx?.stop();
  await Promise.all(children.map((c) => c.stop()));
  await owner?.end().catch(() => {});
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cleanUp().finally(() => process.exit(130)));

async function main() {
  ensureWrk(log);
  ensureNginx(log);
  await waitForWorld();
  // The data dir's secrets: read, never printed.
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "local-secrets.json"), "utf8")) as {
    databasePassword: string;
    appDatabasePassword: string;
    nextAuthSecret: string;
    credentialsKey: string;
  };
  const ownerUrl = `postgresql://postgres:${encodeURIComponent(secrets.databasePassword)}@127.0.0.1:${pgPort}/${EMBEDDED_DATABASE_NAME}`;
  owner = new pg.Client({ connectionString: ownerUrl, application_name: "lb-bench-owner" });
  owner.on("error", () => {});
  await owner.connect();
  const postmaster = procTimes((await owner.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid)!.ppid;

  const queries = await lookupQueries(owner, Number(values.samples));
  log(`${queries.length} lookups sampled from the world (order numbers, domains, e-mails).`);

  await buildIfStale();
  // As npm start runs the web server (tools/launcher/cli.ts appEnv), as the app's role; each
  // instance names its connections, so its PostgreSQL backends can be told apart.
  const extraFlags = values["node-flags"]!.split(/\s+/).filter(Boolean);
  for (const [i, port] of DIRECT.entries()) {
    const databaseUrl = new URL(appRoleUrl(ownerUrl, APP_ROLE, secrets.appDatabasePassword));
    databaseUrl.searchParams.set("application_name", `lb-app-${i + 1}`);
    const profile = values["cpu-prof"] && i === 0 ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [];
    const child = startChild(`app-${i + 1}`, [...extraFlags, ...profile, ...nextServerChild("--port", String(port), "--host", "127.0.0.1")], {
      DATABASE_URL: databaseUrl.toString(),
      NEXTAUTH_SECRET: secrets.nextAuthSecret,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      CREDENTIALS_KEY: secrets.credentialsKey,
      SECTIGO_SANDBOX_URL: `http://127.0.0.1:${values["sandbox-port"]}/products/`,
      APP_CLOCK: "machine",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: distDir,
      NODE_ENV: "production",
      // nginx in front appends the client to X-Forwarded-For; direct requests carry none.
      TRUST_PROXY_HOPS: "1",
    }, { quiet: true });
    children.push(child);
  }
  await Promise.all(children.map((c, i) => waitForHttp(`http://127.0.0.1:${DIRECT[i]}/signin`, 120_000, c)));
  log(`App instances on ${DIRECT.join(", ")} (pids ${children.map((c) => c.process.pid).join(", ")}).`);

  nginx = await startNginx(nginxDir, [
    { port: NGINX_ONE, upstreamPorts: [DIRECT[0]!] },
    { port: NGINX_TWO, upstreamPorts: DIRECT },
  ]);
  log(`nginx (pid ${nginx.pid}, config ${nginxDir}/nginx.conf): :${NGINX_ONE} -> one instance, :${NGINX_TWO} -> both, round-robin.`);

  const peakGuess = 2000;
  const count = Number(values.sessions) || sessionsNeeded(peakGuess, LOOKUP_RATE_LIMIT.perSecond);
  sessions = await benchSessions({ base: TARGETS.b.url, email: values.email!, password: DEMO_PASSWORD, secret: secrets.nextAuthSecret, owner, count });
  log(`Signed in as ${values.email} once over HTTP, plus ${count - 1} sibling sessions (each stays under ${LOOKUP_RATE_LIMIT.perSecond} lookups/s up to ~${peakGuess} lookups/s in all).`);
  await checkAnswers(queries, sessions.cookies[0]!);
  scriptFile = writeWrkScript(nginxDir, queries.map((q) => `/api/lookup?q=${encodeURIComponent(q.q)}`), sessions.cookies);

  const groups = cpuGroups(postmaster);
  // JIT and pools warm on every path before anything is measured.
  for (const t of targets) await runWrk({ url: TARGETS[t].url, script: scriptFile, connections: 8, seconds: 4 });

  const rows: Row[] = [];
  printHeader();
  for (const [round, c] of concurrencies.entries()) {
    // Interleaved, alternating order: a drift in the machine's load (other people's work) hits every target alike.
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) {
      if (WARMUP > 0) await runWrk({ url: TARGETS[t].url, script: scriptFile, connections: c, seconds: WARMUP });
      const load = os.loadavg();
      let wrkPid = 0;
      const xactBefore = await transactions();
      const before = await sampleCpu(groups(() => wrkPid));
      const result = await runWrk({ url: TARGETS[t].url, script: scriptFile, connections: c, seconds: SECONDS, onStart: (pid) => (wrkPid = pid) });
      const after = await sampleCpu(groups(() => wrkPid));
      const xactPerRequest = ((await transactions()) - xactBefore) / result.requests;
      const row = { target: t, concurrency: c, wrk: result, cpu: cpuSplit(before, after), load, xactPerRequest };
      rows.push(row);
      printRow(row);
    }
  }
  summarize(rows);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(rows, (k, v: unknown) => (v instanceof Map ? undefined : v), 2));
}

/** The database's committed transactions so far (the statistics collector's view, flushed at most every second). */
async function transactions(): Promise<number> {
  await owner!.query("SELECT pg_stat_force_next_flush()");
  const { rows } = await owner!.query<{ n: string }>("SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()");
  return Number(rows[0]!.n);
}

/**
 * What the CPU per request allows on this machine, other people's processes left out: one instance
 * answers at most one request per JavaScript-thread time (its main thread at 100%); two instances
 * at most as many as the cores can pay for in all (both instances' threads, PostgreSQL for our
 * backends, nginx, wrk), and no more than twice one. Their quotient is the best ratio there is.
 */
function ceiling(r: Row | undefined) {
  if (!r) return;
  const sec = (name: string) => r.cpu.groups.find((x) => x.name === name)?.cpuSeconds ?? 0;
  const per = (s: number) => (s * 1000) / r.wrk.requests;
  const main = per(sec("node 1 main") + sec("node 2 main"));
  const node = per(sec("node 1") + sec("node 2"));
  const rest = per(sec("pg ours") + sec("nginx") + sec("wrk"));
  const one = Math.min(1000 / main, (r.cpu.machineCores * 1000) / (node + rest));
  const two = Math.min((2 * 1000) / main, (r.cpu.machineCores * 1000) / (node + rest));
  console.log(
    `\nCPU per lookup at ${TARGETS[r.target].label}'s best (C=${r.concurrency}): JavaScript thread ${main.toFixed(2)} ms, whole instance ${node.toFixed(2)} ms, ` +
      `PostgreSQL (our backends) + nginx + wrk ${rest.toFixed(2)} ms. With ${r.cpu.machineCores} cores and nothing else running: one instance <= ${one.toFixed(0)} req/s, ` +
      `two <= ${two.toFixed(0)} req/s, ratio ceiling ${(two / one).toFixed(2)}.`,
  );
}

/** The world is built by another process: its marker file says it is complete (polled, not slept on). */
async function waitForWorld() {
  const marker = path.join(dataDir, "WORLD-READY");
  const deadline = Date.now() + Number(values["wait-minutes"]) * 60_000;
  let told = false;
  while (!fs.existsSync(marker)) {
    if (Date.now() > deadline) throw new Error(`${marker} did not appear within ${values["wait-minutes"]} min`);
    if (!told) log(`Waiting for ${marker} (the 1,000,000-order world being built)...`);
    told = true;
    await new Promise((r) => setTimeout(r, 5000));
  }
  log(`World ready: ${fs.readFileSync(marker, "utf8").trim()}`);
}

async function buildIfStale() {
  const dist = path.join(ROOT, distDir);
  // The benchmarks are not part of the app: editing one needs no new build.
  const fingerprint = buildFingerprint(ROOT, [dataDir, path.join(ROOT, "tools/bench")]);
  const state = buildState(dist, fingerprint);
  if (state.fresh) return log(`The production build in ${distDir}/ is up to date.`);
  log(`next build into ${distDir}/ (${state.reason})...`);
  const build = startChild("build", [NEXT_BIN, "build"], { NEXT_DIST_DIR: distDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, { quiet: true });
  children.push(build);
  const code = await build.exited;
  children.splice(children.indexOf(build), 1);
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  recordBuild(dist, fingerprint);
}

/** Every kind answers 200 with a result through nginx before any load: the load measures lookups, not errors. */
async function checkAnswers(queries: Array<{ kind: string; q: string }>, cookie: string) {
  for (const kind of new Set(queries.map((q) => q.kind))) {
    const q = queries.find((x) => x.kind === kind)!;
    const res = await fetch(`${TARGETS.c.url}/api/lookup?q=${encodeURIComponent(q.q)}`, { headers: { cookie } });
    const body = (await res.json()) as { result?: { groups: unknown[] } | null };
    if (res.status !== 200 || !body.result?.groups.length) throw new Error(`a lookup of a ${kind} answered ${res.status} without hits`);
  }
}

/** Non-overlapping process groups; PostgreSQL's backends split into ours (by application_name) and the rest of the cluster. */
function cpuGroups(postmaster: number) {
  const ourBackends = async () =>
    (await owner!.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'lb-app-%'`)).rows.map((r) => r.pid);
  return (wrkPid: () => number): CpuGroup[] => [
    ...children.map((c, i) => ({ name: `node ${i + 1}`, pids: (snap: Parameters<CpuGroup["pids"]>[0]) => treeOf(c.process.pid!, snap) })),
    // The JavaScript thread alone: one instance can answer no faster than this thread allows.
    ...children.map((c, i) => ({ name: `node ${i + 1} main`, pids: () => [c.process.pid!], mainThread: true as const })),
    { name: "nginx", pids: (snap) => treeOf(nginx!.pid, snap) },
    { name: "pg ours", pids: ourBackends },
    {
      name: "pg rest",
      pids: async (snap) => {
        const ours = new Set(await ourBackends());
        return treeOf(postmaster, snap).filter((p) => !ours.has(p));
      },
      reapedBy: postmaster,
    },
    // wrk's whole life is inside the measurement: its time is this process's reaped-children time.
    { name: "wrk", pids: () => (wrkPid() ? [wrkPid()] : []), reapedBy: process.pid },
    { name: "bench", pids: () => [process.pid] },
  ];
}

const COLS = ["node 1", "node 2", "nginx", "pg ours", "pg rest", "wrk", "bench"];
/** Shown beside the split, not part of it: each instance's JavaScript thread. */
const DETAIL = ["node 1 main", "node 2 main"];

function printHeader() {
  console.log("");
  console.log(
    `${"target".padEnd(24)} ${"C".padStart(3)} ${"req/s".padStart(7)} ${"p50".padStart(6)} ${"p95".padStart(6)} ${"p99".padStart(6)} ${"err".padStart(4)} | CPU cores: ${COLS.map((c) => c.padStart(8)).join("")} ${"others".padStart(7)} ${"busy".padStart(5)} | ${"JS thread 1/2".padStart(13)} | node/pg ms per req | xact/req | load`,
  );
}

function printRow(r: Row) {
  const g = (name: string) => r.cpu.groups.find((x) => x.name === name);
  const cores = COLS.map((name) => (g(name)?.cores ?? 0).toFixed(2).padStart(8)).join("");
  const nodeMs = (((g("node 1")?.cpuSeconds ?? 0) + (g("node 2")?.cpuSeconds ?? 0)) * 1000) / r.wrk.requests;
  const pgMs = (((g("pg ours")?.cpuSeconds ?? 0) * 1000) / r.wrk.requests);
  console.log(
    `${TARGETS[r.target].label.padEnd(24)} ${String(r.concurrency).padStart(3)} ${r.wrk.rps.toFixed(0).padStart(7)} ${r.wrk.p50Ms.toFixed(1).padStart(6)} ${r.wrk.p95Ms.toFixed(1).padStart(6)} ${r.wrk.p99Ms.toFixed(1).padStart(6)} ${String(r.wrk.errors).padStart(4)} |            ${cores} ${r.cpu.others.toFixed(2).padStart(7)} ${r.cpu.machineBusy.toFixed(2).padStart(5)} | ${DETAIL.map((name) => (g(name)?.cores ?? 0).toFixed(2)).join(" ").padStart(13)} | ${nodeMs.toFixed(2).padStart(5)} ${pgMs.toFixed(2).padStart(5)} | ${r.xactPerRequest.toFixed(1).padStart(8)} | ${r.load.map((l) => l.toFixed(2)).join(" ")}`,
  );
}

function summarize(rows: Row[]) {
  const curve = (t: TargetKey): SweepPoint[] => rows.filter((r) => r.target === t).map((r) => ({ concurrency: r.concurrency, rps: r.wrk.rps, p95Ms: r.wrk.p95Ms }));
  const errors = rows.reduce((s, r) => s + r.wrk.errors, 0);
  console.log("");
  console.log(`Errors in all measured requests: ${errors} (non-2xx: ${rows.reduce((s, r) => s + r.wrk.non2xx, 0)}).`);
  if (!targets.includes("c")) return;
  for (const base of ["b", "a"] as const) {
    if (!targets.includes(base)) continue;
    const k = knee(curve(base));
    const bounds = [...new Set([k.p95Ms, ...curve(base).map((p) => p.p95Ms)])].sort((x, y) => x - y);
    console.log(`\n${TARGETS.c.label} against ${TARGETS[base].label}: the one-instance knee is C=${k.concurrency} (${k.rps.toFixed(0)} req/s at p95 ${k.p95Ms.toFixed(1)} ms).`);
    console.log(`  p95 bound   one inst. req/s   two inst. req/s   ratio`);
    for (const x of bounds) {
      const cmp = compareAtP95(curve(base), curve("c"), x);
      const mark = x === k.p95Ms ? "  <- at the knee" : "";
      console.log(
        `  ${x.toFixed(1).padStart(7)} ms ${(cmp.base?.toFixed(0) ?? "-").padStart(17)} ${(cmp.candidate?.toFixed(0) ?? "-").padStart(17)} ${(cmp.ratio?.toFixed(2) ?? "-").padStart(7)}${mark}`,
      );
    }
  }
  const top = (t: TargetKey) => rows.filter((r) => r.target === t).sort((x, y) => y.wrk.rps - x.wrk.rps)[0];
  ceiling(top("c"));
  for (const t of targets) {
    const r = top(t)!;
    const split = r.cpu.groups
      .filter((g) => !g.detail && g.cores >= 0.005)
      .map((g) => `${g.name} ${g.cores.toFixed(2)}${r.cpu.groups.some((d) => d.name === `${g.name} main`) ? ` (JS thread ${r.cpu.groups.find((d) => d.name === `${g.name} main`)!.cores.toFixed(2)})` : ""}`)
      .join(", ");
    console.log(`\nCPU at ${TARGETS[t].label}'s best (C=${r.concurrency}, ${r.wrk.rps.toFixed(0)} req/s), in cores of ${r.cpu.machineCores}: ${split}, others ${r.cpu.others.toFixed(2)}; machine busy ${r.cpu.machineBusy.toFixed(2)}.`);
  }
}

// Last: every const above is initialised before the run starts.
try {
  await main();
} catch (error) {
  console.error(`[throughput] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
