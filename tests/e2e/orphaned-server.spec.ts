import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "./helpers";

/**
 * `npm start` killed outright (kill -9, a crash): its web server gets SIGTERM from the closed stdin
 * pipe (tools/launcher/exit-with-parent.ts) and must drain and exit. Its stdout and stderr are closed
 * pipes then: the first write failed with EPIPE, Next.js's uncaughtException handler logged that to
 * stderr, which failed again, for ever, at 100% CPU, and the server never exited (seen by hand:
 * orphaned servers spinning for minutes). The real production server, the e2e build.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");

/** Running (a zombie waiting for its reaper counts as gone). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

test.skip(process.platform !== "linux", "reads /proc");

test("a web server whose launcher is killed outright exits instead of spinning on its closed output", async () => {
  test.setTimeout(120_000);
  const parent = spawn(process.execPath, ["--import", "tsx", "tests/e2e/orphan-parent.ts"], {
    cwd: ROOT,
    env: { ...process.env, ORPHAN_PORT: String(await freePort()) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const childPid = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /^child (\d+)$/m.exec(output);
      if (m) resolve(Number(m[1]));
    };
    parent.stdout!.on("data", onData);
    parent.stderr!.on("data", onData);
    parent.once("exit", (code) => reject(new Error(`the parent exited (${code}) before its server answered:\n${output}`)));
  });
  try {
    parent.kill("SIGKILL");
    // No requests in flight: the drain ends at once. Bounded polling, not a sleep.
    await expect.poll(() => isRunning(childPid), { timeout: 20_000, intervals: [100] }).toBe(false);
  } finally {
    if (isRunning(childPid)) process.kill(childPid, "SIGKILL");
  }
});
