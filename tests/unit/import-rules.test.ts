/**
 * The import rules `npm run lint:deps` enforces (.dependency-cruiser.mjs + tools/deps/check.ts), run
 * on a small tree of files written for the purpose: each rule must flag the import it forbids and
 * leave the allowed ones alone, and the module check must find two modules that import each other
 * through files that form no file-level loop (which dependency-cruiser's own `circular` cannot see).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDependencies, type DependencyReport } from "@/tools/deps/check";
import { judgeCycles, moduleCycles, moduleEdges, moduleOf } from "@/tools/deps/module-graph";

const repoConfig = path.resolve(import.meta.dirname, "../../.dependency-cruiser.mjs");

/** path → source. `@/` resolves from the tree's root, as in the app. */
const TREE: Record<string, string> = {
  "tsconfig.json": JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler", paths: { "@/*": ["./*"] } } }),
  // Allowed: a use case on a lower module, the launcher (a tool) on the product.
  "lib/orders/submit.ts": `import { prisma } from "@/lib/db";\nexport const submit = () => prisma;\n`,
  "lib/db.ts": `export const prisma = 1;\n`,
  "tools/launcher/cli.ts": `import { submit } from "@/lib/orders/submit";\nexport const go = submit;\n`,
  // product-not-tools
  "lib/licenses/renew.ts": `import { fake } from "@/tools/sandbox/fake";\nexport const renew = fake;\n`,
  "proxy.ts": `import { go } from "./tools/launcher/cli";\nexport const p = go;\n`,
  // sandbox-not-app
  "tools/sandbox/fake.ts": `import { prisma } from "../../lib/db";\nexport const fake = prisma;\n`,
  // model-independent: the model reaches nothing in the app, not even through a helper; the test that
  // drives the app against the model (*.test.ts) may import both
  "tests/model/model.ts": `import { rule } from "./rule";\nimport { submit } from "@/lib/orders/submit";\nexport const m = [rule, submit];\n`,
  "tests/model/rule.ts": `export const rule = 1;\n`,
  "tests/model/clean/model.ts": `import { helper } from "./helper";\nexport const clean = helper;\n`,
  "tests/model/clean/helper.ts": `import { prisma } from "../../../lib/db";\nexport const helper = prisma;\n`,
  "tests/model/clean/runner.test.ts": `import { clean } from "./model";\nimport { submit } from "@/lib/orders/submit";\nexport const run = [clean, submit];\n`,
  // lib-not-ui
  "lib/story/load.ts": `import { Card } from "@/components/ui/card";\nexport const load = Card;\n`,
  "components/ui/card.ts": `export const Card = 1;\n`,
  // no-circular: a runtime loop of files; a loop closed by a type-only import is not one
  "lib/loop/a.ts": `import { b } from "./b";\nexport const a = () => b;\n`,
  "lib/loop/b.ts": `import { a } from "./a";\nexport const b = () => a;\n`,
  "lib/types/x.ts": `import type { Y } from "./y";\nexport type X = { y?: Y };\nexport const x = 1;\n`,
  "lib/types/y.ts": `import { x } from "./x";\nexport type Y = number;\nexport const y = x;\n`,
  // A module cycle without a file loop: lib/left/one → lib/right/two, lib/right/three → lib/left/four (types count).
  "lib/left/one.ts": `import { two } from "@/lib/right/two";\nexport const one = two;\n`,
  "lib/left/four.ts": `export type Four = string;\n`,
  "lib/right/two.ts": `export const two = 2;\n`,
  "lib/right/three.ts": `import type { Four } from "@/lib/left/four";\nexport const three: Four = "3";\n`,
  // not-to-unresolvable
  "lib/broken/gone.ts": `import { nothing } from "@/lib/not-there";\nexport const gone = nothing;\n`,
};

let dir: string;
let report: DependencyReport;
const flagged = (rule: string, from: string, to: string) => report.fileViolations.includes(`${rule}: ${from} → ${to}`);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-rules-"));
  for (const [file, text] of Object.entries(TREE)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  report = await checkDependencies(dir, repoConfig);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("import rules (.dependency-cruiser.mjs)", () => {
  it("product code never imports a tool", () => {
    expect(flagged("product-not-tools", "lib/licenses/renew.ts", "tools/sandbox/fake.ts")).toBe(true);
    expect(flagged("product-not-tools", "proxy.ts", "tools/launcher/cli.ts")).toBe(true);
    expect(report.fileViolations).not.toContain("tools/launcher/cli.ts → lib/orders/submit.ts");
  });

  it("the sandbox imports nothing from the app", () => {
    expect(flagged("sandbox-not-app", "tools/sandbox/fake.ts", "lib/db.ts")).toBe(true);
  });

  it("the model in tests/model shares no code with the app, not even through a helper; its runner test may", () => {
    expect(flagged("model-independent", "tests/model/model.ts", "lib/orders/submit.ts")).toBe(true);
    expect(report.fileViolations).not.toContain("tests/model/model.ts → tests/model/rule.ts");
    expect(report.fileViolations).toMatch(/model-independent: tests\/model\/clean\/model\.ts → .*lib\/db\.ts/s);
    expect(report.fileViolations).not.toContain("tests/model/clean/runner.test.ts");
  });

  it("lib/ imports no component or route", () => {
    expect(flagged("lib-not-ui", "lib/story/load.ts", "components/ui/card.ts")).toBe(true);
  });

  it("a runtime loop of files is flagged; a loop closed by `import type` is not", () => {
    expect(report.fileViolations).toMatch(/no-circular: lib\/loop\/[ab]\.ts/);
    expect(report.fileViolations).not.toMatch(/no-circular: lib\/types\//);
  });

  it("an import the checker cannot resolve is flagged (no rule could see it)", () => {
    expect(report.fileViolations).toMatch(/not-to-unresolvable: lib\/broken\/gone\.ts → @\/lib\/not-there/);
  });

  it("two modules importing each other are a module cycle, though no file loop joins them", () => {
    expect(report.moduleCycles.map((c) => c[0])).toContain("lib/left ↔ lib/right");
    expect(report.moduleCycles.flat().join("\n")).toContain("lib/right/three.ts → lib/left/four.ts");
    // The type-only file loop inside lib/types is one module: no module cycle of its own.
    expect(report.moduleCycles.map((c) => c[0] ?? "").filter((c) => c.includes("lib/types"))).toEqual([]);
  });
});

describe("module graph (tools/deps/module-graph.ts)", () => {
  it("a module is a folder directly under lib/ or tools/; a file directly under lib/ is one of its own name", () => {
    expect(moduleOf("lib/licenses/rules/status.ts")).toBe("lib/licenses");
    expect(moduleOf("lib/db.ts")).toBe("lib/db");
    expect(moduleOf("lib/db/ids.ts")).toBe("lib/db");
    expect(moduleOf("tools/bench/timing.ts")).toBe("tools/bench");
    expect(moduleOf("app/(app)/page.tsx")).toBeNull();
    expect(moduleOf("components/ui/card.tsx")).toBeNull();
  });

  it("finds every module of a longer cycle as one group, and nothing in a one-way graph", () => {
    const file = (source: string, ...to: string[]) => ({ source, dependencies: to.map((resolved) => ({ resolved })) });
    const oneWay = [file("lib/a/x.ts", "lib/b/y.ts", "lib/c/z.ts"), file("lib/b/y.ts", "lib/c/z.ts"), file("lib/c/z.ts", "node_modules/zod/index.js")];
    expect(moduleCycles(moduleEdges(oneWay))).toEqual([]);
    const ring = [...oneWay, file("lib/c/w.ts", "lib/a/v.ts"), file("lib/a/v.ts"), file("lib/d/u.ts", "lib/a/x.ts")];
    expect(moduleCycles(moduleEdges(ring))).toEqual([["lib/a", "lib/b", "lib/c"]]);
  });

  it("a known cycle is tolerated only with exactly its modules; one that grew fails, one that ended is reported gone", () => {
    const known = [{ modules: ["lib/b", "lib/a"], why: "being split" }, { modules: ["tools/x", "tools/y"], why: "ended already" }];
    const judged = judgeCycles([["lib/a", "lib/b"], ["lib/c", "lib/d", "lib/e"]], known);
    expect(judged.tolerated).toEqual([{ modules: ["lib/a", "lib/b"], why: "being split" }]);
    expect(judged.unexpected).toEqual([["lib/c", "lib/d", "lib/e"]]);
    expect(judged.gone.map((k) => k.why)).toEqual(["ended already"]);
    expect(judgeCycles([["lib/a", "lib/b", "lib/c"]], known).unexpected).toEqual([["lib/a", "lib/b", "lib/c"]]);
  });
});
