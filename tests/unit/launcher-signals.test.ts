import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "@/lib/launcher/processes";

/**
 * The launcher's process wiring (lib/launcher/processes.ts, as lib/launcher/cli.ts uses it) in a
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
async function startLauncher(): Promise<{ launcher: ChildProcess; childPid: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-signals-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "idle.ts"), `setInterval(() => {}, 60_000);\nconsole.log("ready " + process.pid);\n`);
  fs.writeFileSync(
    path.join(dir, "launcher.ts"),
    `import { onStopSignal, startChild, tsChild } from ${JSON.stringify(path.join(ROOT, "lib/launcher/processes.ts"))};
const child = startChild("idle", tsChild(${JSON.stringify(path.join(dir, "idle.ts"))}), {});
onStopSignal(async () => { await child.stop(); process.exit(0); });
`,
  );
  const launcher = spawn(process.execPath, ["--import", "tsx", path.join(dir, "launcher.ts")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  launchers.push(launcher);
  const childPid = await new Promise<number>((resolve, reject) => {
    let out = "";
    launcher.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /\[idle\] ready (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    launcher.once("exit", (code) => reject(new Error(`the launcher exited (${code}) before its child was up: ${out}`)));
  });
  return { launcher, childPid };
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
});
