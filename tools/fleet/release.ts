/**
 * A NEW release for the rolling deploy: the project's files (tracked and new, as git lists them)
 * copied into a folder of their own, as a deploy unpacks a release, with node_modules and the
 * generated Prisma client hard-linked (cp -al: seconds, no space), and one tiny source change (the
 * order form page's title), so its build is a different build of different source. It is then built
 * with the fleet's server-actions key and deployment id (tools/fleet/build.ts).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "@/tools/launcher/processes";

export const CHANGED_PAGE = "app/(app)/orders/new/page.tsx";
export const RELEASE_MARK = "New order (fleet release 2)";

export function copyRelease(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).stdout.split("\0").filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
  }
  for (const linked of ["node_modules", "lib/generated"]) {
    const r = spawnSync("cp", ["-al", path.join(ROOT, linked), path.join(dir, linked)]);
    if (r.status !== 0) throw new Error(`cp -al ${linked} failed: ${r.stderr.toString()}`);
  }
  const page = path.join(dir, CHANGED_PAGE);
  const source = fs.readFileSync(page, "utf8");
  const changed = source.replace('title="New order"', `title="${RELEASE_MARK}"`);
  if (changed === source) throw new Error(`${CHANGED_PAGE} no longer has title="New order": update tools/fleet/release.ts`);
  fs.writeFileSync(page, changed);
}
