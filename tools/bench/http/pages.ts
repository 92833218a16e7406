/**
 * npm run bench:pages [-- --runs 20] [-- --url http://127.0.0.1:3900] [-- --pid <server pid>] [-- --no-export] [-- --only 'renewals|prices']
 *
 * Issue 19 item 4: every page over HTTP as a signed-in browser requests it, at 1,000,000 orders.
 * Against an app that is running (the production server: `npm start`, or a deployment) on the
 * database of DATA_DIR / PG_PORT (or MIGRATION_DATABASE_URL), which the benchmark only reads, for
 * sample ids and texts. Signs in over HTTP (next-auth's credentials flow), then requests every page
 * of app/(app) (found on disk: a page without cases in page-cases.ts stops the benchmark) with its
 * realistic variants, and /api/lookup per query kind, N runs each, interleaved (one run = every
 * case once, in order), beside the floor of the same run: GET /signin (the lightest page through
 * the same server, no session, no database).
 *
 * Then (unless --no-export) the same runs again while full renewals exports (every bucket, the
 * Export button's default) download back to back from another session: each page's p95 against
 * its idle p95 (target within 1.5x), and the server's RSS (VmRSS of the process listening on the
 * port, sampled every 100 ms; target under 600 MB).
 *
 * Lookups (/api/lookup, /lookup?q=) count against a per-session limit (40 at once, then 3 a second):
 * they rotate over --lookup-sessions sessions so the benchmark times lookups, not the limiter; a
 * 429 is reported as a failure.
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { launcherEnv } from "@/lib/env";
import { withDatabase } from "@/tools/data-dir/database";
import { percentile } from "@/tools/bench/timing";
import { signIn } from "@/tools/bench/exports/http-session";
import { appPageRoutes, loadSamples, pageCases, type PageCase } from "./page-cases";
import { pidListeningOn, rssMb, sampleRssMb } from "./server-process";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    pid: { type: "string" },
    runs: { type: "string", default: "20" },
    email: { type: "string", default: "admin@orderdesk.test" },
    password: { type: "string", default: "orderdesk-demo" },
    "lookup-sessions": { type: "string", default: "12" },
    "no-export": { type: "boolean", default: false },
    /** Only the cases whose name matches this regular expression (the floor is always timed). */
    only: { type: "string" },
  },
});
const RUNS = Math.max(1, Number(values.runs) || 20);
const TARGET_P95_MS = 50;
const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 600;
const ROOT = path.resolve(import.meta.dirname, "../../..");

type Times = Map<string, number[]>;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

async function bench(db: pg.Client) {
  const base = (values.url ?? `http://127.0.0.1:${launcherEnv().PORT}`).replace(/\/+$/, "");
  const pid = values.pid ? Number(values.pid) : pidListeningOn(Number(new URL(base).port || 80));
  if (!pid) throw new Error(`No process listens on ${base}: start the app, or pass --pid`);
  const found = pageCases(appPageRoutes(ROOT), await loadSamples(db));
  const only = values.only ? new RegExp(values.only) : undefined;
  const { missing, skipped } = found;
  const cases = only ? found.cases.filter((c) => only.test(c.name)) : found.cases;
  if (cases.length === 0) throw new Error(`No case matches --only ${values.only}`);
  if (missing.length) throw new Error(`Pages without benchmark cases (add them to tools/bench/http/page-cases.ts): ${missing.join(", ")}`);
  const orders = (await db.query<{ n: string }>(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'Order'`)).rows[0]?.n;
  const cookie = await signIn(base, values.email, values.password);
  // One after another: the sign-in throttle counts attempts per address under a row lock.
  const lookupCookies: string[] = [];
  for (let i = 0; i < Math.max(1, Number(values["lookup-sessions"]) || 12); i++) lookupCookies.push(await signIn(base, values.email, values.password));
  let nextLookup = 0;
  const cookieFor = (c: PageCase) => (c.lookup ? lookupCookies[nextLookup++ % lookupCookies.length]! : cookie);

  console.log(`Page benchmark: ${base}, server pid ${pid}, ~${Number(orders).toLocaleString("en")} orders, signed in as ${values.email}, ${RUNS} runs of ${cases.length} cases (+ the /signin floor); load average ${load()}`);
  if (skipped.length) console.log(`SKIPPED (no row to show in this database): ${skipped.join(", ")}`);

  await runRounds(base, cases, cookieFor, 1); // warm-up: not counted
  const idleRss = rssMb(pid);
  const idleLoad = load();
  const idle = await runRounds(base, cases, cookieFor, RUNS);
  printIdle(cases, idle, idleLoad, idleRss);

  if (!values["no-export"]) await exportPhase(base, pid, cases, cookieFor, idle);
}

/** `runs` rounds: the floor, then every case once, in order. Times per case name (and "/signin"). */
async function runRounds(base: string, cases: PageCase[], cookieFor: (c: PageCase) => string, runs: number): Promise<Times> {
  const times: Times = new Map();
  const add = (name: string, ms: number) => times.set(name, [...(times.get(name) ?? []), ms]);
  for (let run = 0; run < runs; run++) {
    add("/signin", await timedGet(`${base}/signin`, "", [200]));
    for (const c of cases) add(c.name, await timedGet(`${base}${c.url(run)}`, cookieFor(c), c.ok ?? [200]));
  }
  return times;
}

async function timedGet(url: string, cookie: string, ok: number[]): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (!ok.includes(res.status)) throw new Error(`${url}: HTTP ${res.status} (expected ${ok.join(" or ")})`);
  return ms;
}

const stats = (list: number[] = []) => {
  const sorted = [...list].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)!, n: sorted.length };
};
const f = (ms: number) => ms.toFixed(1).padStart(7);

function printIdle(cases: PageCase[], idle: Times, loadAtStart: string, rss: number) {
  const floor = stats(idle.get("/signin"));
  console.log(`\nIdle (load average at the start ${loadAtStart}, at the end ${load()}; server RSS ${rss.toFixed(0)} MB)`);
  console.log(`${"case".padEnd(46)}     p50     p95     max   n  (target p95 < ${TARGET_P95_MS} ms)`);
  console.log(`${"floor: GET /signin (no session)".padEnd(46)} ${f(floor.p50)} ${f(floor.p95)} ${f(floor.max)} ${String(floor.n).padStart(3)}`);
  const failed: string[] = [];
  for (const c of cases) {
    const s = stats(idle.get(c.name));
    if (s.p95 >= TARGET_P95_MS) failed.push(c.name);
    console.log(`${c.name.slice(0, 46).padEnd(46)} ${f(s.p50)} ${f(s.p95)} ${f(s.max)} ${String(s.n).padStart(3)}  ${s.p95 < TARGET_P95_MS ? "PASS" : "FAIL"}`);
  }
  console.log(failed.length ? `\n${failed.length} case(s) at or over p95 ${TARGET_P95_MS} ms: ${failed.join(", ")}` : `\nEvery case under p95 ${TARGET_P95_MS} ms.`);
}

/** The same rounds while full renewals exports download back to back; RSS sampled throughout. */
async function exportPhase(base: string, pid: number, cases: PageCase[], cookieFor: (c: PageCase) => string, idle: Times) {
  const exportCookie = await signIn(base, values.email, values.password);
  const rss = sampleRssMb(pid);
  const exports: Array<{ ms: number; bytes: number; lines: number; status: number }> = [];
  let stop = false;
  let started!: () => void;
  const first = new Promise<void>((resolve) => (started = resolve));
  const exporting = (async () => {
    while (!stop) exports.push(await download(`${base}/renewals/export`, exportCookie, started));
  })();
  await first; // the first bytes arrived: the export is running
  const loadAtStart = load();
  const during = await runRounds(base, cases, cookieFor, RUNS);
  stop = true;
  await exporting;
  const peak = rss.stop();

  console.log(`\nDuring full renewals exports (load average at the start ${loadAtStart}, at the end ${load()})`);
  for (const e of exports) console.log(`  export: HTTP ${e.status}, ${e.bytes.toLocaleString("en")} bytes, ${e.lines.toLocaleString("en")} lines, ${(e.ms / 1000).toFixed(1)} s`);
  console.log(`${"case".padEnd(46)} idle p95  during p50     p95  ratio  (target <= ${TARGET_RATIO}x)`);
  const failed: string[] = [];
  for (const name of ["/signin", ...cases.map((c) => c.name)]) {
    const a = stats(idle.get(name));
    const b = stats(during.get(name));
    const ratio = b.p95 / a.p95;
    if (ratio > TARGET_RATIO && name !== "/signin") failed.push(name);
    console.log(`${(name === "/signin" ? "floor: GET /signin" : name).slice(0, 46).padEnd(46)} ${f(a.p95)}  ${f(b.p50)} ${f(b.p95)} ${ratio.toFixed(2).padStart(6)}  ${name === "/signin" ? "" : ratio <= TARGET_RATIO ? "PASS" : "FAIL"}`);
  }
  console.log(`server RSS peak during the exports: ${peak.toFixed(0)} MB (target < ${TARGET_RSS_MB}: ${peak < TARGET_RSS_MB ? "met" : "MISSED"})`);
  console.log(failed.length ? `${failed.length} case(s) slower than ${TARGET_RATIO}x their idle p95: ${failed.join(", ")}` : `Every case within ${TARGET_RATIO}x its idle p95.`);
}

async function download(url: string, cookie: string, onFirstBytes: () => void) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  let bytes = 0;
  let lines = 0;
  if (res.body) {
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      if (bytes === 0) onFirstBytes();
      bytes += chunk.byteLength;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
  }
  onFirstBytes();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return { ms: performance.now() - t0, bytes, lines, status: res.status };
}

// Last: the helpers above (const arrow functions) exist by the time it runs.
await withDatabase(async (ownerUrl) => {
  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    await bench(db);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await db.end();
  }
});
