/**
 * The load generator: wrk (Debian's package), closed loop: C keep-alive connections, each sending
 * its next request when the previous answer has arrived. Written in C on epoll, it costs a few
 * percent of a core at a thousand requests a second, where a Node client would take a good share
 * of one of the two cores the app instances need. Its Lua script rotates prepared requests (query
 * x session cookie), so nothing is formatted per request.
 */
import fs from "node:fs";
import path from "node:path";
import { execFileSync, spawn } from "node:child_process";

export const WRK_BIN = "/usr/bin/wrk";

export function ensureWrk(log: (line: string) => void): void {
  if (fs.existsSync(WRK_BIN)) return;
  log("wrk is missing: apt-get install -y wrk ...");
  execFileSync("apt-get", ["install", "-y", "wrk"], { stdio: "inherit" });
}

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connect/read/write errors, timeouts, and answers that were not 2xx/3xx (a 429 or 500 counts here). */
  errors: number;
  non2xx: number;
}

/**
 * The Lua script: `paths` and `cookies` rotate with different strides so every (query, session)
 * pairing comes up. The cookies are live sessions: the file is written mode 600 and removed by
 * the caller after the run (and the sessions are deleted).
 */
export function wrkScript(paths: readonly string[], cookies: readonly string[]): string {
  // JSON string literals are valid Lua string literals for this ASCII text.
  const list = (xs: readonly string[]) => `{\n${xs.map((x) => `  ${JSON.stringify(x)},`).join("\n")}\n}`;
  return `local paths = ${list(paths)}
local cookies = ${list(cookies)}
local requests = {}
local n = 0
local counter = 1
local thread_no = 0

function setup(thread)
  thread:set("thread_no", thread_no)
  thread_no = thread_no + 1
end

function init(args)
  -- A prime number of prepared requests, each a query with a session, starting at a per-thread offset.
  local count = 4099
  for k = 1, count do
    local p = paths[((k * 7) % #paths) + 1]
    local c = cookies[((k * 13) % #cookies) + 1]
    requests[k] = wrk.format("GET", p, { ["Cookie"] = c, ["Accept"] = "application/json" })
  end
  n = count
  counter = (thread_no * 997) % n + 1
end

function request()
  local r = requests[counter]
  counter = counter + 1
  if counter > n then counter = 1 end
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('LBJSON {"requests":%d,"duration_us":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
`;
}

/**
 * Runs wrk against `url` for `seconds` with `connections` clients (one thread: its event loop is not
 * the bottleneck, and a second would compete for the same cores). `onStart` gets wrk's pid, for its
 * CPU time.
 */
export async function runWrk(opts: {
  url: string;
  script: string;
  connections: number;
  seconds: number;
  onStart?: (pid: number) => void;
}): Promise<WrkResult> {
  const child = spawn(WRK_BIN, ["-t1", `-c${opts.connections}`, `-d${opts.seconds}s`, "--timeout", "10s", "-s", opts.script, opts.url], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  opts.onStart?.(child.pid!);
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const line = out.split("\n").find((l) => l.startsWith("LBJSON "));
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}): ${err.trim() || out.trim()}`);
  const j = JSON.parse(line.slice("LBJSON ".length)) as Record<string, number>;
  const seconds = j.duration_us! / 1e6;
  return {
    requests: j.requests!,
    seconds,
    rps: j.requests! / seconds,
    p50Ms: j.p50! / 1000,
    p95Ms: j.p95! / 1000,
    p99Ms: j.p99! / 1000,
    maxMs: j.max! / 1000,
    errors: j.connect! + j.read! + j.write! + j.status! + j.timeout!,
    non2xx: j.status!,
  };
}

/** Writes the script (mode 600: it holds session cookies) and returns its path. */
export function writeWrkScript(dir: string, paths: readonly string[], cookies: readonly string[]): string {
  const file = path.join(dir, "lookups.lua");
  fs.writeFileSync(file, wrkScript(paths, cookies), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
