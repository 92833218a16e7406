/**
 * Readiness (lib/observability/readiness.ts) on a database prepared as the launcher prepares it,
 * read as the app's role: ready when every check holds; not ready, naming the check, for a stale
 * heartbeat, no heartbeat at all, a migration of the code not applied, the database down, and
 * draining. The answer never holds a connection string or password.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { freePort } from "@/lib/db/embedded-postgres";
import { MIGRATIONS_DIR } from "@/lib/db/migrations";
import { startHeartbeat } from "@/lib/observability/heartbeat";
import { createReadinessCheck, expectedMigrations, type Readiness } from "@/lib/observability/readiness";
import { startAppDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startAppDatabase>>;
let owner: ReturnType<typeof createPrismaClient>;
let app: ReturnType<typeof createPrismaClient>;
let tmp: string;

beforeAll(async () => {
  db = await startAppDatabase();
  owner = createPrismaClient(db.url);
  app = createPrismaClient(db.appUrl);
  // The app's client is warm when a probe comes (its first query loads the query compiler).
  await app.$queryRawUnsafe("SELECT 1");
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "od-readiness-"));
}, 120_000);

afterAll(async () => {
  await app?.$disconnect();
  await owner?.$disconnect();
  await db?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const ready = (opts: Partial<Parameters<typeof createReadinessCheck>[0]> = {}) =>
  createReadinessCheck({ db: app, migrationsDir: MIGRATIONS_DIR, ...opts })();

function noSecrets(result: Readiness) {
  const text = JSON.stringify(result);
  for (const url of [db.url, db.appUrl]) {
    expect(text).not.toContain(decodeURIComponent(new URL(url).password));
    expect(text).not.toContain(new URL(url).port);
  }
}

describe("readiness", () => {
  it("no worker has ever beaten: not ready, the worker check named", async () => {
    const result = await ready();
    expect(result).toMatchObject({ ready: false, failed: ["worker"] });
    expect(result.checks.database.ok).toBe(true);
    expect(result.checks.migrations.ok).toBe(true);
  });

  it("a fresh heartbeat (written as the app's role, as the worker does): ready", async () => {
    const heartbeat = await startHeartbeat(app, { intervalMs: 60_000 });
    heartbeat.stop();
    const result = await ready();
    expect(result).toMatchObject({ ready: true, failed: [] });
    noSecrets(result);
  });

  it("a stale heartbeat: not ready", async () => {
    await owner.$executeRawUnsafe(`UPDATE "WorkerHeartbeat" SET "beatAt" = now() - interval '90 seconds'`);
    const result = await ready();
    expect(result).toMatchObject({ ready: false, failed: ["worker"] });
    expect(result.checks.worker).toMatchObject({ ok: false, lastBeatSecondsAgo: expect.any(Number) });
    expect(result.checks.worker.lastBeatSecondsAgo as number).toBeGreaterThanOrEqual(89);
    // Within a longer allowance it is fresh again: the threshold is what decides.
    expect((await ready({ heartbeatMaxAgeSeconds: 120 })).ready).toBe(true);
    await owner.$executeRawUnsafe(`UPDATE "WorkerHeartbeat" SET "beatAt" = now()`);
  });

  it("a migration of the code not applied to the database: not ready, the migration named", async () => {
    // The code's folder with one more migration than the database has.
    for (const name of [...expectedMigrations(MIGRATIONS_DIR), "29991231000000_not_applied_yet"]) {
      fs.mkdirSync(path.join(tmp, name), { recursive: true });
      fs.writeFileSync(path.join(tmp, name, "migration.sql"), "-- test\n");
    }
    const result = await ready({ migrationsDir: tmp });
    expect(result).toMatchObject({ ready: false, failed: ["migrations"] });
    expect(result.checks.migrations.missing).toEqual(["29991231000000_not_applied_yet"]);
  });

  it("a migration recorded as applied is gone from the database's record: not ready", async () => {
    const [last] = expectedMigrations(MIGRATIONS_DIR).slice(-1);
    await owner.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, last);
    try {
      const result = await ready();
      expect(result).toMatchObject({ ready: false, failed: ["migrations"] });
      expect(result.checks.migrations.missing).toEqual([last]);
    } finally {
      await owner.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1`, last);
    }
    expect((await ready()).ready).toBe(true);
  });

  it("a database ahead of the code (the next release's migration applied first): ready", async () => {
    const names = expectedMigrations(MIGRATIONS_DIR);
    const older = path.join(tmp, "older");
    for (const name of names.slice(0, -1)) {
      fs.mkdirSync(path.join(older, name), { recursive: true });
      fs.writeFileSync(path.join(older, name, "migration.sql"), "-- test\n");
    }
    expect((await ready({ migrationsDir: older })).ready).toBe(true);
  });

  it("draining: not ready", async () => {
    expect(await ready({ draining: () => true })).toMatchObject({ ready: false, failed: ["draining"] });
  });

  it("the database down: not ready within the timeout, no connection string in the answer", async () => {
    const url = new URL(db.appUrl);
    url.port = String(await freePort());
    const down = createPrismaClient(url.toString());
    try {
      const result = await createReadinessCheck({ db: down, migrationsDir: MIGRATIONS_DIR, timeoutMs: 1500 })();
      expect(result.ready).toBe(false);
      expect(result.failed).toContain("database");
      expect(result.checks.database.ok).toBe(false);
      noSecrets(result);
    } finally {
      await down.$disconnect();
    }
  });
});
