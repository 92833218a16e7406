/**
 * The fleet's child processes: each in its own process group, its output in a log file of the run
 * (the table is what the terminal shows), and stopped with the fleet whatever ends it: the Node
 * children are preloaded with tools/launcher/exit-with-parent.ts (their stdin closes when this process
 * ends, even by SIGKILL), and `stopAll` ends every group still running on exit, Ctrl-C or an error.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "@/tools/launcher/processes";

export interface FleetChild {
  name: string;
  process: ChildProcess;
  pid: number;
  /** Resolves with the exit code, or the signal's name when killed. */
  exited: Promise<number | string>;
  /** SIGTERM to the process (as systemd's KillMode=mixed sends it), then SIGKILL to its group after `graceMs`. */
  stop(graceMs?: number): Promise<number | string>;
  /** kill -9 of its whole group: a crash, nothing settled. */
  kill9(): Promise<number | string>;
  running(): boolean;
}

const live = new Set<FleetChild>();

export function startProcess(name: string, command: string, args: string[], env: Record<string, string>, logDir: string, cwd = ROOT): FleetChild {
  const log = fs.openSync(path.join(logDir, `${name}.log`), "a");
  const stdio: StdioOptions = ["pipe", log, log];
  const child: ChildProcess = spawn(command, args, { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio });
  fs.closeSync(log);
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "?")));
  const running = () => child.exitCode === null && child.signalCode === null;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const handle: FleetChild = {
    name,
    process: child,
    pid: child.pid!,
    exited,
    running,
    async stop(graceMs = 30_000) {
      if (running()) {
        try {
          child.kill("SIGTERM");
        } catch {
          /* gone */
        }
        const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      signalGroup("SIGKILL"); // anything the process left behind in its group
      return exited;
    },
    async kill9() {
      signalGroup("SIGKILL");
      return exited;
    },
  };
  live.add(handle);
  void exited.then(() => live.delete(handle));
  return handle;
}

/** Node with tsx and exit-with-parent preloaded, as the launcher starts its children. */
/** `cwd`: the release the script belongs to (the project, or a copy of it: tools/fleet/release.ts). */
export function startNode(name: string, script: string, args: string[], env: Record<string, string>, logDir: string, nodeFlags: string[] = [], cwd = ROOT): FleetChild {
  return startProcess(name, process.execPath, [...nodeFlags, "--import", "tsx", "--import", path.join(cwd, "tools/launcher/exit-with-parent.ts"), script, ...args], env, logDir, cwd);
}

/** Ends every child still running (their whole groups), at once. */
export function killAll(): void {
  for (const c of live) {
    try {
      process.kill(-c.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

/** Polls `url` until it answers below 500 (a waiting loop on a condition, not a sleep standing in for one). */
export async function waitForHttp(url: string, timeoutMs: number, child?: FleetChild): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && !child.running()) throw new Error(`${child.name} exited before it answered (see its log)`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: "manual" });
      await res.body?.cancel();
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}

/**
 * What every child inherits from this process: where programs are (PATH) and the home folder, not
 * configuration; the rest of each child's environment is written out by the fleet, so nothing of the
 * caller's (a DATABASE_URL of another app) leaks into it.
 */
export function basicEnv(): Record<string, string> {
  // eslint-disable-next-line no-restricted-properties -- PATH and HOME are the machine's, not the app's configuration
  const { PATH = "/usr/local/bin:/usr/bin:/bin", HOME = "/root" } = process.env;
  return { PATH, HOME, NEXT_TELEMETRY_DISABLED: "1" };
}
