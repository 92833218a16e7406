/**
 * npm test: every check, in order, stopping at the first failure.
 *   static checks (lint, import rules — dependency-cruiser, tools/deps/check.ts —, type check, side by side:
 *   each is one process on one core, and CI has two) → vitest (unit, sectigo, integration) → Playwright (e2e in Chromium)
 *   → the fleet test's small size (tools/fleet: two app instances and two workers behind nginx; it serves
 *   the e2e build just made, so it costs no build of its own)
 * Pass --skip-e2e to leave out the browser tests while iterating (the fleet test then builds its own
 * .next-fleet once), --skip-fleet to leave out the fleet test.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const skipE2e = process.argv.includes("--skip-e2e");
const skipFleet = process.argv.includes("--skip-fleet");

const steps: Array<{ name: string; run: () => number | Promise<number> }> = [
  {
    name: "static checks: lint, import rules (dependency-cruiser), type check",
    run: () =>
      together([
        ["lint", bin("eslint"), ["--max-warnings=0", "."]],
        ["import rules", bin("tsx"), ["tools/deps/check.ts"]],
        ["type check", bin("tsc"), ["--noEmit", "-p", "."]],
      ]),
  },
  { name: "vitest (unit, sectigo, integration)", run: () => exec(bin("vitest"), ["run"]) },
];
if (!skipE2e) {
  steps.push({ name: "chromium", run: ensureChromium });
  steps.push({ name: "playwright (e2e)", run: () => exec(bin("playwright"), ["test"]) });
}
if (!skipFleet) {
  steps.push({
    name: "fleet (small): 2 instances + 2 workers behind nginx",
    run: () => exec(process.execPath, ["--import", "tsx", "tools/fleet/cli.ts", "--small", "--dist-dir", ".next-e2e"]),
  });
}

function exec(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  return r.status ?? 1;
}

/** Runs the commands at once; each one's output is printed whole when it ends, under its name. */
async function together(commands: Array<[name: string, cmd: string, args: string[]]>): Promise<number> {
  const codes = await Promise.all(
    commands.map(
      ([name, cmd, args]) =>
        new Promise<number>((resolve) => {
          const t = Date.now();
          const child = spawn(cmd, args, { cwd: root, env: process.env });
          const out: Buffer[] = [];
          child.stdout.on("data", (b: Buffer) => out.push(b));
          child.stderr.on("data", (b: Buffer) => out.push(b));
          child.on("close", (code) => {
            const text = Buffer.concat(out).toString().trimEnd();
            console.log(`${code === 0 ? "  ✔" : "  ✖"} ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)${text ? `\n${text}` : ""}`);
            resolve(code ?? 1);
          });
        }),
    ),
  );
  return codes.find((c) => c !== 0) ?? 0;
}

function ensureChromium(): number {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(chromium)) return 0;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    console.error(`Chromium is missing at ${chromium}. Install it: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
    return 1;
  }
  console.log("Installing Debian's Chromium for the browser tests...");
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  if (update.status !== 0) return update.status ?? 1;
  return spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status ?? 1;
}

const started = Date.now();
let passed = 0;
for (const step of steps) {
  const t = Date.now();
  console.log(`\n▶ ${step.name}`);
  const code = await step.run();
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (code !== 0) {
    console.error(`\n✖ ${step.name} failed (exit ${code}) after ${secs} s`);
    console.log(`checks: ${passed} passed, 1 failed`);
    process.exit(code);
  }
  passed++;
  console.log(`✔ ${step.name} (${secs} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
console.log(`checks: ${passed} passed, 0 failed`);
