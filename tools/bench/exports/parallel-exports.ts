/**
 * npm run bench:export [-- --parallel 10] [-- --licenses 1000000] [-- --url http://127.0.0.1:3000 --pid <server pid>]
 *
 * Issue 16, item 9: N parallel renewal CSV exports (the Export button's default: every bucket,
 * sorted by expiry) over HTTP from N signed-in sessions, against the production app on the scaled
 * world. By default it prepares everything in DATA_DIR / PG_PORT (the app's data dir, or any other):
 * migrations and the demo, the scaled world of --licenses (built once: ~20 min for 1,000,000 on 2
 * shared cores), a production build in .next-bench (when the source changed), then the app
 * (tools/launcher/next-server.ts with the launcher's WEB_SERVER_NODE_FLAGS, as npm start runs it;
 * --v8-default without them) with EXPORT_MAX_CONCURRENT = N on a free port.
 * With --url and --pid it measures an app that is already running (for a before/after).
 *
 * Printed: the server process's RSS idle and its peak during the exports (sampled every 100 ms from
 * /proc, the process and its children; target: under 600 MB), time, bytes and lines per export;
 * p50/p95 of a license page, idle and during the exports (fetched every --page-every-ms, 250 by
 * default: people using the app meanwhile; 0 fetches it back to back); what an extra export from a running
 * session and one from a new session (past the cap) are told; how soon a session may export
 * again after its client disconnects (the server stopped querying and released the slot). Beside
 * them, floors measured in the same run: N parallel `COPY (the same rows as CSV) TO '/dev/null'`
 * in PostgreSQL (no app, no network), and N parallel plain HTTP downloads of as many bytes from a
 * bare node:http server (no database), with that server's RSS.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { launcherEnv } from "@/lib/env";
import { freePort } from "@/lib/db/embedded-postgres";
import { withDatabase } from "@/tools/data-dir/database";
import { loadProfile } from "@/tools/data-dir/profile";
import { applyMigrations } from "@/lib/db/migrations";
import { runDemoSeed } from "@/tools/demo/run-seed";
import { scaleWorld } from "@/tools/demo/scale-world";
import { buildFingerprint, buildState, recordBuild } from "@/tools/launcher/build-freshness";
import { NEXT_BIN, ROOT, nextServerChild, startChild, tsChild, waitForHttp, WEB_SERVER_NODE_FLAGS } from "@/tools/launcher/processes";
import { bucketBoundsForSql } from "@/lib/licenses/rules/status";
import { liveStatuses } from "@/lib/licenses/expiry-workspace/sql";
import { percentile } from "@/tools/bench/timing";
import { signIn } from "./http-session";
import { sampleRss, treeRssMb } from "./process-memory";
import { slowClient } from "./slow-client";

const { values } = parseArgs({
  options: {
    parallel: { type: "string", default: "10" },
    licenses: { type: "string", default: "1000000" },
    url: { type: "string" },
    pid: { type: "string" },
    /** How often the page is fetched during the exports: other people using the app while they run. */
    "page-every-ms": { type: "string", default: "250" },
    /** Start the server without the launcher's heap policy (WEB_SERVER_NODE_FLAGS), to compare. */
    "v8-default": { type: "boolean", default: false },
  },
});
const PARALLEL = Math.max(1, Number(values.parallel) || 10);
const LICENSES = Math.max(1, Number(values.licenses) || 1_000_000);
const TARGET_RSS_MB = 600;
const EMAIL = "manager@orderdesk.test";
const PASSWORD = "orderdesk-demo";
const DIST_DIR = ".next-bench";
const PAGE_EVERY_MS = Math.max(0, Number(values["page-every-ms"]) || 0);

await withDatabase(async (databaseUrl) => {
  try {
    await bench(databaseUrl);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
});

async function bench(databaseUrl: string) {
  const env = launcherEnv();
  const dataDir = path.resolve(env.DATA_DIR);
  const profile = loadProfile(dataDir, env);
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on("error", () => {});
  await db.connect();
  let app: { base: string; pid: number; stop: () => Promise<void>; cap: string };
  if (values.url) {
    if (!values.pid) throw new Error("--url needs --pid (the server process whose memory is measured)");
    app = { base: values.url.replace(/\/+$/, ""), pid: Number(values.pid), stop: async () => {}, cap: "as that server is configured" };
  } else {
    await prepareWorld(databaseUrl, profile, db);
    app = await startApp(databaseUrl, profile, dataDir);
  }
  try {
    await measure(app, db, databaseUrl);
  } finally {
    await app.stop();
    await db.end();
  }
}

async function prepareWorld(databaseUrl: string, profile: ReturnType<typeof loadProfile>, db: pg.Client) {
  await applyMigrations(databaseUrl);
  await runDemoSeed({ databaseUrl, anchor: profile.demoAnchor, credentialsKey: profile.credentialsKey, sandboxUrl: "http://127.0.0.1:4010/products/" });
  const count = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "License"`)).rows[0]!.n;
  if ((await count()) >= LICENSES) return;
  console.log(`Building the scaled world (${LICENSES.toLocaleString("en")} licenses; once, it takes a while)...`);
  const result = await scaleWorld({ databaseUrl, options: { licenses: LICENSES }, anchor: profile.demoAnchor, log: (l) => console.log(l) });
  if (result.status === "refused") throw new Error(`world:scale refused: ${result.message}`);
  await db.query("ANALYZE");
}

async function startApp(databaseUrl: string, profile: ReturnType<typeof loadProfile>, dataDir: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const appEnv = {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: profile.nextAuthSecret,
    NEXTAUTH_URL: base,
    CREDENTIALS_KEY: profile.credentialsKey,
    SECTIGO_SANDBOX_URL: "http://127.0.0.1:4010/products/",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    NODE_ENV: "production",
    EXPORT_MAX_CONCURRENT: String(PARALLEL),
  };
  const fingerprint = buildFingerprint(ROOT, [dataDir]);
  if (!buildState(path.join(ROOT, DIST_DIR), fingerprint).fresh) {
    console.log(`next build into ${DIST_DIR}/ (the source changed since the last bench build)...`);
    const build = startChild("build", [NEXT_BIN, "build"], appEnv, { quiet: true });
    if ((await build.exited) !== 0) throw new Error("next build failed");
    recordBuild(path.join(ROOT, DIST_DIR), fingerprint);
  }
  const serverArgs = ["--port", String(port), "--host", "127.0.0.1"];
  const next = startChild("next", values["v8-default"] ? tsChild("tools/launcher/next-server.ts", ...serverArgs) : nextServerChild(...serverArgs), appEnv, { quiet: true });
  await waitForHttp(`${base}/signin`, 120_000, next);
  const flags = values["v8-default"] ? "V8's default heap policy" : WEB_SERVER_NODE_FLAGS.join(" ");
  return { base, pid: next.process.pid!, stop: () => next.stop(), cap: `${PARALLEL}; server started as npm start does, ${flags}` };
}

interface Download {
  status: number;
  bytes: number;
  lines: number;
  firstByteMs: number;
  ms: number;
}

/** One export over HTTP, read to the end as fast as this process can. */
async function download(url: string, cookie: string, signal?: AbortSignal, onFirstChunk?: () => void): Promise<Download> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, signal });
  const firstByteMs = performance.now() - t0;
  let bytes = 0;
  let lines = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes === 0) onFirstChunk?.();
    bytes += value.byteLength;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
  }
  return { status: res.status, bytes, lines, firstByteMs, ms: performance.now() - t0 };
}

async function timedGet(url: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

async function measure(app: { base: string; pid: number; cap: string }, db: pg.Client, databaseUrl: string) {
  const { base, pid } = app;
  const sessions: string[] = [];
  for (let i = 0; i <= PARALLEL; i++) sessions.push(await signIn(base, EMAIL, PASSWORD));
  const license = (await db.query<{ id: string; customerId: string }>(`SELECT id, "customerId" FROM "License" ORDER BY "expiresAt" DESC NULLS LAST LIMIT 1`)).rows[0]!;
  const page = `${base}/licenses/${license.id}`;
  const exportUrl = `${base}/renewals/export`;
  const licenses = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "License"`)).rows[0]!.n;

  // Warm up: the page, and the export route on one customer (compiles nothing in production, fills caches).
  for (let i = 0; i < 5; i++) await timedGet(page, sessions[0]!);
  await download(`${exportUrl}?customer=${encodeURIComponent(license.customerId)}`, sessions[0]!);
  const idle: number[] = [];
  for (let i = 0; i < 30; i++) idle.push(await timedGet(page, sessions[0]!));
  const idleRss = treeRssMb(pid);
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`Export benchmark: ${licenses.toLocaleString("en")} licenses, ${PARALLEL} parallel exports (EXPORT_MAX_CONCURRENT ${app.cap}), server pid ${pid}; load average ${load()}\n`);

  // The exports, the extra ones, and the page sampled throughout.
  const rss = sampleRss(pid);
  let started = 0;
  let allStarted!: () => void;
  const running = new Promise<void>((resolve) => (allStarted = resolve));
  const t0 = performance.now();
  const exports = Promise.all(
    sessions.slice(0, PARALLEL).map((cookie) =>
      download(exportUrl, cookie, undefined, () => {
        if (++started === PARALLEL) allStarted();
      }),
    ),
  );
  await Promise.race([running, exports]);
  const extraSame = await fetch(exportUrl, { headers: { cookie: sessions[0]! } });
  const answer = async (res: Response) => {
    if (res.status !== 200) return res.text();
    await res.body?.cancel();
    return "(accepted: a second CSV download started)";
  };
  const extraSameText = await answer(extraSame);
  const extraNew = await fetch(exportUrl, { headers: { cookie: sessions[PARALLEL]! } });
  const extraNewText = await answer(extraNew);
  const during: number[] = [];
  let done = false;
  void exports.then(() => (done = true));
  while (!done) {
    const started = performance.now();
    during.push(await timedGet(page, sessions[PARALLEL]!));
    const wait = PAGE_EVERY_MS - (performance.now() - started);
    if (wait > 0 && !done) await new Promise((r) => setTimeout(r, wait));
  }
  const results = await exports;
  const wall = performance.now() - t0;
  const { peak } = rss.stop();

  // A client that disconnects: how soon may its session export again (slot released, queries stopped)?
  const abort = new AbortController();
  const gone = download(exportUrl, sessions[0]!, abort.signal, () => abort.abort()).catch(() => null);
  await gone;
  const tGone = performance.now();
  let againMs: number | null = null;
  while (performance.now() - tGone < 10_000) {
    const res = await fetch(exportUrl, { headers: { cookie: sessions[0]! } });
    await res.body?.cancel().catch(() => {});
    if (res.status === 200) {
      againMs = performance.now() - tGone;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }

  // A client that stops reading: does the server stop querying (back-pressure)?
  const slow = await slowClient(exportUrl, sessions[1]!, db);

  // Floors, same run: PostgreSQL writing the same rows as CSV; plain HTTP moving as many bytes.
  const copyMs = await copyFloor(databaseUrl);
  const bytes = results.map((r) => r.bytes).sort((a, b) => a - b);
  const http = await httpFloor(percentile(bytes, 50));

  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const s = (x: number) => (x / 1000).toFixed(1);
  idle.sort((a, b) => a - b);
  during.sort((a, b) => a - b);
  console.log(`exports                 status ${[...new Set(results.map((r) => r.status))].join("/")}, ${percentile(bytes, 50).toLocaleString("en")} bytes and ${results[0]!.lines.toLocaleString("en")} lines each (header included)`);
  console.log(`time per export (s)     min ${s(ms[0]!)}  p50 ${s(percentile(ms, 50))}  max ${s(ms.at(-1)!)}   all ${PARALLEL} done in ${s(wall)} s; first byte p50 ${percentile(results.map((r) => r.firstByteMs).sort((a, b) => a - b), 50).toFixed(0)} ms`);
  console.log(`  floor: COPY in PG     min ${s(copyMs[0]!)}  p50 ${s(percentile(copyMs, 50))}  max ${s(copyMs.at(-1)!)}   (${PARALLEL} parallel COPY (same rows, CSV) TO '/dev/null': no app, no network)`);
  console.log(`  floor: plain HTTP     min ${s(http.ms[0]!)}  p50 ${s(percentile(http.ms, 50))}  max ${s(http.ms.at(-1)!)}   (${PARALLEL} parallel downloads of ${percentile(bytes, 50).toLocaleString("en")} bytes from a bare node:http server)`);
  console.log(`server RSS (MB)         idle ${idleRss.toFixed(0)}  peak during the exports ${peak.toFixed(0)}  (target < ${TARGET_RSS_MB}: ${peak < TARGET_RSS_MB ? "met" : "MISSED"})`);
  console.log(`  floor: plain HTTP     idle ${http.idleRss.toFixed(0)}  peak ${http.peakRss.toFixed(0)}`);
  console.log(`license page (ms)       idle p50 ${percentile(idle, 50).toFixed(0)} p95 ${percentile(idle, 95).toFixed(0)} (${idle.length})   during the exports p50 ${percentile(during, 50).toFixed(0)} p95 ${percentile(during, 95).toFixed(0)} max ${during.at(-1)!.toFixed(0)} (${during.length})`);
  console.log(`extra export, same session (during): ${extraSame.status} ${extraSameText}`);
  console.log(`extra export, new session (during):  ${extraNew.status} ${extraNewText}`);
  console.log(`after a client disconnects mid-export, its session may export again after: ${againMs === null ? "NOT within 10 s" : `${againMs.toFixed(0)} ms`}`);
  console.log(
    `a client that stops reading after ${slow.readBeforePause.toLocaleString("en")} bytes for ${slow.pauseMs / 1000} s: ${slow.queriedDuringPause ? "the export kept QUERYING" : "no batch queried meanwhile"}; then read to the end (${slow.total.toLocaleString("en")} bytes)`,
  );
  console.log(`load average at the end: ${load()}`);
}

/** N parallel COPYs of the export's rows (the default filter, by expiry) as CSV to /dev/null, in PostgreSQL. */
async function copyFloor(databaseUrl: string): Promise<number[]> {
  const now = new Date();
  const bounds = bucketBoundsForSql(now);
  const lit = (d: Date) => `'${d.toISOString()}'::timestamp`;
  const statuses = liveStatuses(now).map((s) => `'${s}'`).join(", ");
  const sql = `COPY (
    SELECT l.id, l."domainName", c.name, l."productName", l."termDays", l."expiresAt", l.status, l."autoRenew",
      (SELECT string_agg(a."productName", '; ') FROM "AddOn" a WHERE a."licenseId" = l.id AND a.status = 'ACTIVE'),
      m.name, l."currentOrderNumber"
    FROM "License" l JOIN "Customer" c ON c.id = l."customerId" LEFT JOIN "User" m ON m.id = c."accountManagerId"
    WHERE l.status IN (${statuses}) AND l."expiresAt" > ${lit(bounds[0]!.gt)} AND l."expiresAt" <= ${lit(bounds.at(-1)!.lte)}
    ORDER BY l."expiresAt", l.id
  ) TO '/dev/null' WITH (FORMAT csv, HEADER)`;
  const times = await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      const t0 = performance.now();
      await c.query(sql);
      const ms = performance.now() - t0;
      await c.end();
      return ms;
    }),
  );
  return times.sort((a, b) => a - b);
}

/** A bare node:http server (its own process) streaming `bytes` in 64 KiB chunks with back-pressure, read by N clients at once. */
async function httpFloor(bytes: number): Promise<{ ms: number[]; idleRss: number; peakRss: number }> {
  const port = await freePort();
  const code = `
    const http = require("node:http");
    const chunk = Buffer.alloc(65536, 97);
    http.createServer((req, res) => {
      let left = ${bytes};
      res.writeHead(200, { "content-type": "text/csv" });
      const write = () => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once("drain", write);
        }
        res.end();
      };
      write();
    }).listen(${port}, "127.0.0.1", () => console.log("up"));`;
  const server = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => server.stdout.once("data", () => resolve()));
  const idleRss = treeRssMb(server.pid!);
  const rss = sampleRss(server.pid!);
  const results = await Promise.all(Array.from({ length: PARALLEL }, () => download(`http://127.0.0.1:${port}/`, "")));
  const { peak } = rss.stop();
  server.kill();
  return { ms: results.map((r) => r.ms).sort((a, b) => a - b), idleRss, peakRss: peak };
}
