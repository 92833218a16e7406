/**
 * npm run fleet [-- --small] [--dist-dir .next-e2e]: the fleet test (issue 19 item 2). Starts one
 * PostgreSQL, one Sectigo sandbox, two app instances, two job workers and nginx round-robin in front,
 * all on loopback (tools/fleet/fleet.ts), runs the scenarios and prints their figures; exits non-zero
 * when any check fails. Everything it started is stopped on exit, Ctrl-C or an error.
 *   full:    50 copies of one submission, 200 orders, a bulk renewal of 1,000 licenses with kill -9 of a
 *            worker, a rolling restart and a rolling deploy of a new build under load, a migration under load
 *   --small: 10 copies, 20 orders, 100 licenses (no kill), one rolling restart, the migration (npm test)
 *   --only a,b: only those scenarios (sessions, orders, renewal, restart, deploy, migration)
 *   --dist-dir D: serve the build in D when it is up to date (npm test passes the e2e build), else build .next-fleet
 * Ports: full 4200-4211 and 55200, small 4220-4231 and 55201 (the fleet's range), or --port-base.
 */
import { parseArgs } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "@/tools/launcher/processes";
import { buildFingerprint, buildState } from "@/tools/launcher/build-freshness";
import { killAll } from "./children";
import { startFleet, type Fleet } from "./fleet";
import { printTable, type ScenarioResult } from "./report";
import { sessionsScenario } from "./scenarios/sessions";
import { distinctOrdersScenario, sameSubmissionScenario } from "./scenarios/orders";
import { renewalScenario } from "./scenarios/renewals";
import { rollingDeployScenario, rollingRestartScenario } from "./scenarios/rolling";
import { migrationScenario } from "./scenarios/migration";

const { values } = parseArgs({ options: { small: { type: "boolean", default: false }, "dist-dir": { type: "string" }, "port-base": { type: "string" }, only: { type: "string" } } });
/** --only sessions,orders,renewal,restart,deploy,migration: those scenarios alone (while working on one). */
const only = values.only ? new Set(values.only.split(",")) : null;
const wanted = (name: string) => !only || only.has(name);
const small = values.small ?? false;
const size = small
  ? { copies: 10, distinct: 20, licenses: 100, killAt: null, clients: 4, deploy: false }
  : { copies: 50, distinct: 200, licenses: 1000, killAt: 0.3, clients: 8, deploy: true };
const portBase = Number(values["port-base"] ?? (small ? 4220 : 4200));
const ports = { sandbox: portBase, nginx: portBase + 1, a: portBase + 10, b: portBase + 11, postgres: small ? 55201 : 55200 };
const tag = `${Date.now().toString(36)}`;
const log = (line: string) => console.log(`[fleet] ${line}`);

// A given build is used only when it is up to date with the source; otherwise the fleet builds its own.
const given = values["dist-dir"];
const reuseBuild = !!given && buildState(path.join(ROOT, given), buildFingerprint(ROOT)).fresh;
const distDir = reuseBuild ? given : ".next-fleet";
if (given && !reuseBuild) log(`${given}/ is missing or older than the source: building ${distDir}/ instead.`);

let fleet: Fleet | undefined;
let exiting = false;
async function finish(code: number): Promise<never> {
  if (!exiting) {
    exiting = true;
    await fleet?.stop().catch(() => {});
    // A run that passed leaves nothing behind; a failed one keeps its logs (the path is printed).
    if (code === 0 && fleet) for (const dir of [fleet.runDir, path.dirname(fleet.nginx.confFile)]) fs.rmSync(dir, { recursive: true, force: true });
  }
  killAll();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!exiting) console.error(`[fleet] ${signal}: stopping everything it started (no figures: the run was cut short).`);
    void finish(130);
  });
}

const started = performance.now();
const results: ScenarioResult[] = [];
try {
  fleet = await startFleet({ ports, distDir, reuseBuild, renewalLicenses: size.licenses, log });
  const setupSeconds = (performance.now() - started) / 1000;
  log(`Fleet up in ${setupSeconds.toFixed(0)} s. Scenarios...`);
  const run = async (name: string, work: () => Promise<ScenarioResult>) => {
    log(name);
    try {
      results.push(await work());
    } catch (error) {
      results.push({ scenario: name, requests: 0, failures: 1, orders: "-", duplicates: 0, latencies: [], seconds: 0, checks: [{ name: "ran", ok: false, detail: error instanceof Error ? error.message : String(error) }] });
    }
  };
  const f = fleet;
  if (wanted("orders")) await run("one submission, many copies", () => sameSubmissionScenario(f, size.copies, tag));
  if (wanted("orders")) await run("many different orders", () => distinctOrdersScenario(f, size.distinct, tag));
  if (wanted("renewal")) await run("bulk renewal", () => renewalScenario(f, { killAt: size.killAt, timeoutMs: 600_000 }));
  // After the renewal: its run is a page of the app too (/renewals/runs/[id]).
  if (wanted("sessions")) await run("sessions across instances", () => sessionsScenario(f, tag));
  if (wanted("restart")) await run("rolling restart", () => rollingRestartScenario(f, size.clients, `r${tag}`));
  if (size.deploy && wanted("deploy")) await run("rolling deploy", () => rollingDeployScenario(f, size.clients, `d${tag}`));
  if (wanted("migration")) await run("migration under load", () => migrationScenario(f, size.clients, `m${tag}`));
  if (exiting) await new Promise(() => {}); // stopped by a signal meanwhile: finish() exits
  printTable(results, `Fleet test (${small ? "small" : "full"}): 2 app instances + 2 workers behind nginx ${f.nginx.url} (${f.nginx.site}), build ${distDir}, instances: ${f.server}; set-up ${setupSeconds.toFixed(0)} s, total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const failed = results.flatMap((r) => r.checks).filter((c) => !c.ok).length;
  console.log(failed ? `\n✖ ${failed} check(s) failed. Logs of the run: ${f.logDir}` : "\n✔ every check passed.");
  await finish(failed ? 1 : 0);
} catch (error) {
  if (results.length) printTable(results, "Fleet test (stopped early)");
  console.error(`[fleet] ${error instanceof Error ? error.message : String(error)}`);
  const logDir = (error as { logDir?: string }).logDir;
  if (logDir) console.error(`[fleet] logs: ${logDir}`);
  await finish(1);
}
