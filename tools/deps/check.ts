/**
 * `npm run lint:deps` (and a step of `npm test`): the import rules, checked by dependency-cruiser.
 *
 * 1. dependency-cruiser cruises the code with .dependency-cruiser.mjs (file-level rules: no runtime
 *    import loop, product code never imports tools/, the sandbox imports nothing from the app, the
 *    model in tests/model shares no code, lib/ imports no UI, no unresolvable import).
 * 2. The same graph, collapsed to modules (tools/deps/module-graph.ts), must have no cycle: two
 *    modules importing each other, through any files and any import (type-only too), fail.
 * Exit code 0 when both hold; otherwise every violation and cycle is printed with the imports behind it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { ICruiseResult, IViolation } from "dependency-cruiser";
import { pathToFileURL } from "node:url";
import { edgesWithin, judgeCycles, moduleCycles, moduleEdges, type KnownCycle } from "./module-graph";

/**
 * The folders and files cruised, where they exist. Of tests/, only the independent model (its own
 * rule); the other tests may import anything, and the type check already resolves their imports.
 */
export const CRUISED = ["app", "components", "lib", "tools", "tests/model", "prisma", "proxy.ts", "instrumentation-client.ts"];

export interface DependencyReport {
  /** dependency-cruiser's own report of the file-level rules ("" when none is broken). */
  fileViolations: string;
  violationCount: number;
  /** Each module cycle not on the known list, as lines: the modules, then the file imports that make each door. */
  moduleCycles: string[][];
  /** Known cycles still present (config's `knownModuleCycles`), and known entries no longer found. */
  knownCycles: string[];
  goneCycles: string[];
  modulesCruised: number;
}

export async function checkDependencies(root: string, configFile = path.join(root, ".dependency-cruiser.mjs")): Promise<DependencyReport> {
  const targets = CRUISED.filter((t) => fs.existsSync(path.join(root, t)));
  const bin = path.join(import.meta.dirname, "../../node_modules/.bin/depcruise");
  const run = spawnSync(bin, [...targets, "--config", configFile, "--output-type", "json"], { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  // The json reporter exits 0 whatever it found; anything else is the tool failing (a bad config).
  if (run.status !== 0 || !run.stdout) throw new Error(`dependency-cruiser failed (exit ${run.status}): ${run.stderr || run.error?.message}`);
  const result = JSON.parse(run.stdout) as ICruiseResult;

  const broken = new Set(result.summary.violations.map((v) => v.rule.name));
  const why = (result.summary.ruleSetUsed?.forbidden ?? []).filter((r) => broken.has(r.name ?? "")).map((r) => `  ${r.name}: ${r.comment ?? ""}`);
  const edges = moduleEdges(result.modules);
  const known = ((await import(pathToFileURL(configFile).href)) as { knownModuleCycles?: KnownCycle[] }).knownModuleCycles ?? [];
  const judged = judgeCycles(moduleCycles(edges), known);
  const cycles = judged.unexpected.map((group) => [
    group.join(" ↔ "),
    ...edgesWithin(group, edges).flatMap((e) => [`  ${e.from} → ${e.to}`, ...e.files.map((f) => `      ${f.from} → ${f.to}`)]),
  ]);
  return {
    fileViolations: result.summary.violations.length ? [...result.summary.violations.map(describe), "", "Why each rule holds:", ...why].join("\n") : "",
    violationCount: result.summary.violations.length,
    moduleCycles: cycles,
    knownCycles: judged.tolerated.map((t) => `${t.modules.join(" ↔ ")}: ${t.why}`),
    goneCycles: judged.gone.map((k) => k.modules.join(" ↔ ")),
    modulesCruised: result.modules.length,
  };
}

/** One line per violation: the rule, then the imports behind it (a loop's files, or the path to what a file reaches). */
function describe(v: IViolation): string {
  const path = v.cycle?.map((c) => c.name) ?? v.via?.map((c) => c.name) ?? [v.to];
  return `  ${v.rule.severity} ${v.rule.name}: ${[v.from, ...path].join(" → ")}`;
}

async function main(): Promise<number> {
  const root = path.resolve(import.meta.dirname, "../..");
  const report = await checkDependencies(root);
  if (report.fileViolations) console.log(report.fileViolations);
  if (report.moduleCycles.length) {
    console.log(`\n✖ ${report.moduleCycles.length} module cycle(s): modules (folders under lib/ or tools/) that import each other.`);
    console.log("  Move the piece both sides need to the module that owns it, so imports go one way.\n");
    for (const cycle of report.moduleCycles) console.log(cycle.join("\n") + "\n");
  }
  for (const line of report.knownCycles) console.log(`! known module cycle (knownModuleCycles in .dependency-cruiser.mjs), to be ended: ${line}`);
  for (const line of report.goneCycles) console.log(`! known module cycle no longer found: remove it from knownModuleCycles: ${line}`);
  const ok = report.violationCount === 0 && report.moduleCycles.length === 0;
  console.log(`${ok ? "✔" : "✖"} imports: ${report.modulesCruised} files, ${report.violationCount} rule violation(s), ${report.moduleCycles.length} module cycle(s).`);
  return ok ? 0 : 1;
}

if (import.meta.filename === process.argv[1]) process.exitCode = await main();
