import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "@/tools/launcher/processes";

/**
 * The launcher's process wiring (tools/launcher/processes.ts, as tools/launcher/cli.ts uses it) in a
 * launcher of a few lines, with one idle TypeScript child in place of the sandbox and Next: a full
 * `npm start` needs a production build, too slow for this suite (checked by hand, see the README).
 */
const dirs: string[] = [];
const launchers: ChildProcess[] = [];
afterEach(() => {
  for (const l of launchers.splice(0)) if (l.exitCode === null && l.signalCode === null) l.kill("SIGKILL");
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Starts the small launcher; resolves once its child is up, with both pids. */
async function startLauncher(opts: { underShell?: boolean } = {}): Promise<{ launcher: ChildProcess; childPid: number; launcherPid: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-signals-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "idle.ts"), `setInterval(() => {}, 60_000);\nconsole.log("ready " + process.pid);\n`);
  fs.writeFileSync(
    path.join(dir, "launcher.ts"),
    `import { onParentGone, onStopSignal, startChild, tsChild } from ${JSON.stringify(path.join(ROOT, "tools/launcher/processes.ts"))};
const child = startChild("idle", tsChild(${JSON.stringify(path.join(dir, "idle.ts"))}), {});
const stop = async () => { await child.stop(); process.exit(0); };
onStopSignal(stop);
onParentGone(stop);
console.log("launcher " + process.pid);
`,
  );
  const node = [process.execPath, "--import", "tsx", path.join(dir, "launcher.ts")];
  // As `npm start` runs it: under `sh -c` (the trailing `; true` keeps the shell from exec'ing node).
  const launcher = opts.underShell
    ? spawn("sh", ["-c", `${node.map((a) => JSON.stringify(a)).join(" ")}; true`], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] })
    : spawn(node[0]!, node.slice(1), { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  launchers.push(launcher);
  const [childPid, launcherPid] = await new Promise<[number, number]>((resolve, reject) => {
    let out = "";
    launcher.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const child = /\[idle\] ready (\d+)/.exec(out);
      const self = /^launcher (\d+)$/m.exec(out);
      if (child && self) resolve([Number(child[1]), Number(self[1])]);
    });
    launcher.once("exit", (code) => reject(new Error(`the launcher exited (${code}) before its child was up: ${out}`)));
  });
  return { launcher, childPid, launcherPid };
}

/** Waits (bounded) for a process that is not our child to end. */
async function gone(pid: number): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !isRunning(pid);
}

/** Running (a zombie waiting for a reaper counts as gone). */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => p.once("exit", (code) => resolve(code)));

describe.skipIf(os.platform() !== "linux")("launcher signals", () => {
  it("SIGHUP (the terminal closed) stops the launcher and its child, as Ctrl-C does", async () => {
    const { launcher, childPid } = await startLauncher();
    expect(isRunning(childPid)).toBe(true);
    const exit = exited(launcher);
    launcher.kill("SIGHUP");
    expect(await exit).toBe(0);
    expect(isRunning(childPid)).toBe(false);
  }, 30_000);

  it("a launcher killed outright (SIGKILL) does not leave its child serving", async () => {
    const { launcher, childPid } = await startLauncher();
    const exit = exited(launcher);
    launcher.kill("SIGKILL");
    await exit;
    // The child is no longer ours to wait for: watch it go (it stops on the closed pipe at once).
    const deadline = Date.now() + 10_000;
    while (isRunning(childPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(isRunning(childPid)).toBe(false);
  }, 30_000);

  it("a SIGTERM to npm (which ends npm and its shell, never the launcher) stops the launcher and its child", async () => {
    const { launcher: shell, childPid, launcherPid } = await startLauncher({ underShell: true });
    const exit = exited(shell);
    shell.kill("SIGTERM");
    await exit;
    expect(await gone(launcherPid)).toBe(true);
    expect(await gone(childPid)).toBe(true);
  }, 30_000);
});
