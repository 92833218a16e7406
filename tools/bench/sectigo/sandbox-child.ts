/**
 * The sandbox as its own process, started exactly as `npm start` starts it (tools/launcher/cli.ts:
 * `startChild` with SANDBOX_NODE_FLAGS + `tsChild("tools/sandbox/cli.ts")` and SANDBOX_ENV), for
 * the restart phase of `npm run bench:sandbox` (sandbox-scale.ts): how long a restart on a data
 * dir takes and how much memory it needs, read from /proc of the node process itself (Linux).
 */
import fs from "node:fs";
import net from "node:net";
import { ROOT, startChild, tsChild, type Child } from "@/tools/launcher/processes";
import { SANDBOX_ENV, SANDBOX_NODE_FLAGS } from "@/tools/sandbox/process-options";

export interface SandboxChild {
  child: Child;
  pid: number;
  url: string;
  /** From spawn to the first answer of GET /health (ms). */
  readyMs: number;
  /** The node arguments, as the launcher passes them (printed by the benchmark). */
  args: string[];
  /** SIGTERM to its group (SIGKILL after 5 s, as the launcher), resolves with its exit code (null: killed). */
  stop(): Promise<number | null>;
}

/** Children still running: stopped on any way out of the benchmark process that runs `exit` handlers. */
const running = new Set<Child>();
process.once("exit", () => {
  // `exit` handlers cannot wait: SIGKILL the group. A death by signal runs no handler; then the
  // child's stdin pipe closes and its exit-with-parent preload stops it (tools/launcher/exit-with-parent.ts).
  for (const child of running) {
    try {
      process.kill(-child.process.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
});

/** A port nobody listens on now (as lib/db/embedded-postgres.ts freePort, without loading that module into the measured process). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Starts the sandbox on `dataDir` and waits until GET /health answers: polled every 20 ms (a finer
 * grain than the launcher's 250 ms, so the time is the load's), until `timeoutMs`. A child that
 * exits first, or does not answer in time, is an error (and is stopped).
 */
export async function startSandboxChild(opts: { dataDir: string; adminToken: string; demo: boolean; timeoutMs: number }): Promise<SandboxChild> {
  const port = await freePort();
  const args = [...SANDBOX_NODE_FLAGS, ...tsChild("tools/sandbox/cli.ts")];
  const started = performance.now();
  const child = startChild(
    "sandbox",
    args,
    {
      ...SANDBOX_ENV,
      SANDBOX_PORT: String(port),
      SANDBOX_HOST: "127.0.0.1",
      SANDBOX_DATA_DIR: opts.dataDir,
      SANDBOX_DEMO: opts.demo ? "1" : "0",
      SANDBOX_ADMIN_TOKEN: opts.adminToken,
    },
    { quiet: true },
  );
  running.add(child);
  void child.exited.then(() => running.delete(child));
  const stop = async () => {
    await child.stop();
    running.delete(child);
    return child.exited;
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = started + opts.timeoutMs;
    for (;;) {
      if (child.process.exitCode !== null || child.process.signalCode !== null) {
        throw new Error(`the sandbox child exited (${child.process.exitCode ?? child.process.signalCode}) before it answered`);
      }
      const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then((res) => res.ok, () => false);
      if (ok) break;
      if (performance.now() > deadline) throw new Error(`the sandbox child did not answer ${url}/health within ${opts.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const readyMs = performance.now() - started;
    const pid = child.process.pid!;
    checkIsTheSandbox(pid);
    return { child, pid, url, readyMs, args, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The pid read is the node process running tools/sandbox/cli.ts, and none of its child processes
 * runs it: a wrapper (a shell, the tsx CLI) would have the sandbox as a child, and its memory would
 * not be the sandbox's. (A child of another program may come and go: tsx's esbuild service, started
 * while it compiles files missing from its cache; its memory is not the sandbox's either.) Throws otherwise.
 */
function checkIsTheSandbox(pid: number): void {
  const runsTheSandbox = (p: number) => {
    const argv = cmdline(p);
    return argv[0] === process.execPath && argv.some((arg) => arg.endsWith("tools/sandbox/cli.ts"));
  };
  if (!runsTheSandbox(pid)) throw new Error(`process ${pid} is not node running tools/sandbox/cli.ts: ${cmdline(pid).join(" ")}`);
  const wrapped = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name) && parentOf(Number(name)) === pid && runsTheSandbox(Number(name)));
  if (wrapped.length > 0) throw new Error(`process ${pid} is a wrapper: the sandbox runs in its child ${wrapped.join(", ")}`);
}

function cmdline(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return []; // gone meanwhile
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

/** A `kB` field of /proc/<pid>/status in MB (VmRSS now, VmHWM the highest RSS so far); NaN off Linux. */
export function statusMb(pid: number | "self", field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * The child's RSS once it has settled: read every 50 ms until two reads agree within 1 MB (at most
 * 3 s). The sandbox exposes no forced collection (and is not started with --expose-gc, as the
 * launcher does not), so the garbage of the load counts until V8 collects it on its own.
 */
export async function settledRssMb(pid: number): Promise<{ settled: number; first: number }> {
  const first = statusMb(pid, "VmRSS");
  let last = first;
  for (let i = 0; i < 60; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = statusMb(pid, "VmRSS");
    if (Math.abs(now - last) < 1) return { settled: now, first };
    last = now;
  }
  return { settled: last, first };
}

/** The command line the launcher runs, shortened for printing (paths relative to the repository). */
export function describeArgs(args: string[]): string {
  return ["node", ...args].map((arg) => (arg.startsWith(`${ROOT}/`) ? arg.slice(ROOT.length + 1) : arg)).join(" ");
}
