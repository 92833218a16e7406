import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildFingerprint, buildState, recordBuild } from "@/tools/launcher/build-freshness";

let root: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-fresh-"));
  write("app/page.tsx", "export default function Page() { return null; }");
  write("lib/orders/place-order.ts", "export const x = 1;");
  write("prisma/schema.prisma", "model A { id Int @id }");
  write("package-lock.json", "{}");
  write("next.config.mjs", "export default {};");
  write("README.md", "# readme");
  write("tests/unit/a.test.ts", "test");
  write("node_modules/x/index.js", "x");
  write(".next/BUILD_ID", "abc");
  write(".data/dev/postgres/PG_VERSION", "17");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("build freshness", () => {
  it.each([
    ["a source file is edited", () => write("lib/orders/place-order.ts", "export const x = 22;")],
    ["a file is added", () => write("components/orders/new.tsx", "x")],
    ["a file is deleted", () => fs.rmSync(path.join(root, "app/page.tsx"))],
    ["a file is renamed", () => fs.renameSync(path.join(root, "app/page.tsx"), path.join(root, "app/home.tsx"))],
    ["the lockfile changes", () => write("package-lock.json", '{"a":1}')],
    ["the Prisma schema changes", () => write("prisma/schema.prisma", "model B { id Int @id }")],
    ["next.config changes", () => write("next.config.mjs", "export default { a: 1 };")],
    ["a file is touched (same size, new mtime)", () => fs.utimesSync(path.join(root, "next.config.mjs"), new Date(), new Date(Date.now() + 5000))],
  ])("changes when %s", (_, change) => {
    const before = buildFingerprint(root);
    change();
    expect(buildFingerprint(root)).not.toBe(before);
  });

  it.each([
    ["tests", () => write("tests/unit/a.test.ts", "changed test")],
    ["docs", () => write("README.md", "# new readme")],
    ["dependencies' files (the lockfile stands for them)", () => write("node_modules/x/index.js", "y")],
    ["build output", () => write(".next/other", "y")],
    ["the data dir", () => write(".data/dev/postgres/base", "y")],
  ])("ignores %s", (_, change) => {
    const before = buildFingerprint(root);
    change();
    expect(buildFingerprint(root)).toBe(before);
  });

  it("ignores an excluded data dir inside the project", () => {
    const before = buildFingerprint(root, [path.join(root, "mydata")]);
    write("mydata/postgres/base", "y");
    expect(buildFingerprint(root, [path.join(root, "mydata")])).toBe(before);
  });

  it("a build is fresh only with Next's BUILD_ID and the fingerprint recorded after it", () => {
    const dist = path.join(root, ".next");
    const print = buildFingerprint(root);
    expect(buildState(dist, print)).toEqual({ fresh: false, reason: "the source changed since the last build" });
    recordBuild(dist, print);
    expect(buildState(dist, print)).toEqual({ fresh: true });
    write("app/page.tsx", "changed");
    expect(buildState(dist, buildFingerprint(root))).toMatchObject({ fresh: false });
    fs.rmSync(path.join(dist, "BUILD_ID"));
    expect(buildState(dist, print)).toEqual({ fresh: false, reason: "there is no production build yet" });
  });

  it("is cheap on this project", () => {
    const projectRoot = path.resolve(import.meta.dirname, "../..");
    const began = performance.now();
    const print = buildFingerprint(projectRoot);
    expect(performance.now() - began).toBeLessThan(1000);
    expect(buildFingerprint(projectRoot)).toBe(print);
  });
});
