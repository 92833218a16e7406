import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const EXIT_WITH_PARENT = path.join(ROOT, "tools/launcher/exit-with-parent.ts");

/**
 * What stops the launcher: Ctrl-C (SIGINT), `kill` (SIGTERM), and the terminal closing (SIGHUP).
 * The children run in their own process groups, so they get none of these from the terminal:
 * the launcher must stop them itself.
 */
export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export function onStopSignal(stop: (signal: (typeof STOP_SIGNALS)[number]) => void): void {
  // With the terminal gone, writing to it fails (EIO): that must not end the launcher mid-shutdown.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
  for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
}

/** Node arguments for a TypeScript child that also stops when the launcher is gone (see exit-with-parent.ts). */
export const tsChild = (script: string, ...args: string[]) => ["--import", "tsx", "--import", EXIT_WITH_PARENT, script, ...args];

/**
 * The web server's heap policy. When the process is busy, V8 lets the old heap grow to up to 4x
 * what survived the last full collection before collecting again: with ~105 MB live, the server
 * streaming 10 exports peaked at ~690 MB RSS though nothing accumulated (the live heap stayed at
 * 105 MB after every full collection; issue 16 item 9, tools/bench/exports/README.md). Growing by
 * 1.5x instead costs a few more full collections (10-30 ms, mostly concurrent marking) and, unlike
 * a --max-old-space-size cap, never ends the process when the live heap itself has to grow.
 *
 * And a young generation of 32 MB semi-spaces (V8's default is 16): a server-rendered page
 * allocates its React tree, its HTML and its RSC payload, ~150 KB of markup for /renewals, and with
 * the default most of it was scavenged twice and part promoted. Measured on the 1,000,000-order
 * world, /renewals alone over HTTP (A/B runs of 240 requests each, one instance, idle
 * machine): p50/p95 36.7/51.4 and 37.6/49.4 ms with 16 MB, 34.1/48.3 and 34.4/45.3 ms with 32 MB;
 * 64 MB bought nothing more (33.3/48.2, 35.3/56.1). Cost: ~30 MB more RSS (385-391 -> 404-415 MB).
 * package.json "serve" and deploy/systemd/orderdesk-web@.service start node with the same flags
 * (tests/unit/deploy-files.test.ts holds them to this list).
 */
export const WEB_SERVER_NODE_FLAGS = ["--heap-growing-percent=50", "--max-semi-space-size=32"];

/** Node arguments for tools/launcher/next-server.ts (npm start, npm run dev, the benchmarks). */
export const nextServerChild = (...args: string[]) => [...WEB_SERVER_NODE_FLAGS, ...tsChild("tools/launcher/next-server.ts", ...args)];

/** This process's environment without the owner's database URL: what a child started from here may inherit. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const { MIGRATION_DATABASE_URL: _owner, ...inherited } = process.env;
  return inherited;
}

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts a child in its own process group, prefixing its output; `stop` ends the whole group.
 * It inherits this process's environment except MIGRATION_DATABASE_URL.
 * Its stdin is a pipe this process never writes to: it closes when this process ends, however it
 * ends, which tells a child started with `tsChild` to stop.
 */
export function startChild(
  name: string,
  args: string[],
  env: Record<string, string>,
  opts: {
    quiet?: boolean;
    onExit?: (code: number | null) => void;
    /** How long `stop` lets it finish after SIGTERM before SIGKILL (default 5 s): longer than its own drain. */
    stopGraceMs?: number;
  } = {},
): Child {
  // The owner's database URL stays in the launcher: the app and the worker connect as the app's role.
  const { MIGRATION_DATABASE_URL: _owner, ...inherited } = process.env;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...inherited, ...env },
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => `[${name}] ${l}`)
      .join("\n");
  if (!opts.quiet) {
    child.stdout?.on("data", (c: Buffer) => console.log(prefix(c)));
    child.stderr?.on("data", (c: Buffer) => console.error(prefix(c)));
  } else {
    child.stdout?.resume();
    child.stderr?.on("data", (c: Buffer) => console.error(prefix(c)));
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.once("exit", (code) => opts.onExit?.(code));
  return {
    name,
    process: child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* already gone */
        }
      }, opts.stopGraceMs ?? 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers (any status below 500) or `timeoutMs` passes. */
export async function waitForHttp(url: string, timeoutMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.process.exitCode !== null) throw new Error(`${child.name} exited before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}

/**
 * `npm start` runs the launcher under `sh -c`: a SIGTERM sent to npm (a process manager,
 * `kill <npm pid>`) ends npm and the shell and never reaches the launcher. Being orphaned means
 * whoever started it is gone: `stop` is called then, checked every second.
 */
export function onParentGone(stop: () => void): void {
  const startedBy = process.ppid;
  setInterval(() => {
    if (process.ppid !== startedBy) stop();
  }, 1000).unref();
}
