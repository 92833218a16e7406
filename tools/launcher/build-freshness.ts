import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Is the production build in `distDir` older than the source? Every file that can change the
 * build (source, config, lockfile, Prisma schema and generated client, public assets...) is
 * listed with its size and mtime and hashed: a change, an addition, a deletion or a rename all
 * change the fingerprint. Stat only, no reads: a few milliseconds for the whole project.
 * The walk skips what cannot change the build (dependencies, data, tests, build output, docs).
 */
const SKIPPED_DIRS = new Set(["node_modules", "tests", "test-results", "playwright-report", "coverage"]);
const SKIPPED_FILES = new Set(["next-env.d.ts", "eslint.config.mjs", "playwright.config.ts", "vitest.config.ts"]);
const STAMP = "orderdesk-build.json";

function skipped(name: string, isDir: boolean): boolean {
  if (name.startsWith(".")) return true; // .git, .next*, .data, .ci, editor folders, dotfiles
  if (isDir) return SKIPPED_DIRS.has(name);
  return SKIPPED_FILES.has(name) || name.endsWith(".md") || name.endsWith(".tsbuildinfo") || name.endsWith(".log");
}

/** `exclude`: absolute folders to leave out as well (a DATA_DIR inside the project). */
export function buildFingerprint(root: string, exclude: string[] = []): string {
  const excluded = new Set(exclude.map((p) => path.resolve(p)));
  const hash = createHash("sha256");
  const walk = (dir: string, rel: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (skipped(entry.name, entry.isDirectory()) || excluded.has(full)) continue;
      if (entry.isDirectory()) {
        walk(full, relPath);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        const st = fs.statSync(full, { throwIfNoEntry: false });
        if (st?.isFile()) hash.update(`${relPath}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  walk(path.resolve(root), "");
  return hash.digest("hex");
}

export type BuildState = { fresh: true } | { fresh: false; reason: string };

export function buildState(distDir: string, fingerprint: string): BuildState {
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) return { fresh: false, reason: "there is no production build yet" };
  let recorded: unknown;
  try {
    recorded = (JSON.parse(fs.readFileSync(path.join(distDir, STAMP), "utf8")) as { fingerprint?: unknown }).fingerprint;
  } catch {
    recorded = undefined;
  }
  if (recorded !== fingerprint) return { fresh: false, reason: "the source changed since the last build" };
  return { fresh: true };
}

/** After a successful build: remember the fingerprint taken *before* it started. */
export function recordBuild(distDir: string, fingerprint: string): void {
  fs.writeFileSync(path.join(distDir, STAMP), JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }));
}
