import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseStartError, freePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

const isRoot = process.getuid?.() === 0;
const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(mode = 0o755): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-pgstart-"));
  fs.chmodSync(dir, mode);
  cleanup.push(dir);
  return dir;
}

async function installedNativeDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return path.dirname(path.dirname(binaries.postgres));
}

/** What a failed start must look like: fast, one paragraph with the fix, no stack. */
async function expectOneParagraphFailure(start: Promise<unknown>, mentions: RegExp): Promise<void> {
  const began = Date.now();
  const error = await start.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(Date.now() - began).toBeLessThan(15_000);
  expect(error).toBeInstanceOf(DatabaseStartError);
  const message = (error as Error).message;
  expect(message).toMatch(mentions);
  expect(message).toContain("DATABASE_URL");
  expect(message).not.toContain("\n");
  expect((error as Error).stack).not.toMatch(/\n\s+at /);
}

describe("embedded PostgreSQL start", () => {
  it.skipIf(!isRoot)("as root, works from a chmod 700 folder: binaries and cluster move where the postgres user can reach them", async () => {
    const privateDir = tempDir(0o700);
    const nativeDir = path.join(privateDir, "node_modules-copy", "native");
    fs.mkdirSync(path.dirname(nativeDir), { recursive: true });
    execFileSync("cp", ["-a", await installedNativeDir(), nativeDir]);
    const dataDir = path.join(privateDir, "data", "postgres");

    const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "orderdesk_private", nativeDir, throwaway: true });
    if (db.binDir) cleanup.push(path.dirname(db.binDir));
    try {
      expect(db.clusterDir && db.clusterDir.startsWith(privateDir)).toBe(false);
      expect(db.movedFrom).toBe(dataDir);
      expect(fs.realpathSync(dataDir)).toBe(db.clusterDir);
      expect(db.binDir!.startsWith(privateDir)).toBe(false);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const row = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0];
      await client.end();
      expect(row?.db).toBe("orderdesk_private");
    } finally {
      await db.stop();
    }
    expect(fs.existsSync(db.clusterDir!)).toBe(false);
  });

  it("binaries that cannot be executed: a one-paragraph error within seconds, not a crash or a hang", async () => {
    const nativeDir = path.join(tempDir(), "native");
    fs.mkdirSync(path.join(nativeDir, "bin"), { recursive: true });
    for (const bin of ["initdb", "postgres"]) fs.writeFileSync(path.join(nativeDir, "bin", bin), "", { mode: 0o644 });
    await expectOneParagraphFailure(
      startEmbeddedPostgres({ dataDir: path.join(tempDir(), "pg"), port: await freePort(), database: "x", nativeDir }),
      /could not be run \(EACCES\).*npm ci/,
    );
  });

  it("a damaged cluster: a one-paragraph error that says to delete the data dir", async () => {
    const dataDir = path.join(tempDir(), "pg");
    fs.mkdirSync(dataDir, { mode: 0o700 });
    fs.writeFileSync(path.join(dataDir, "PG_VERSION"), "9\n");
    if (isRoot) execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
    await expectOneParagraphFailure(
      startEmbeddedPostgres({ dataDir, port: await freePort(), database: "x" }),
      /did not start .* delete the data dir/,
    );
  });
});
