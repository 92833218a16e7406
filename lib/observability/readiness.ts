/**
 * Readiness (GET /api/health/ready): may this instance take traffic? Four checks:
 *  - database: `SELECT 1` answers within the timeout;
 *  - migrations: every folder under prisma/migrations is applied. Computed once per process and kept
 *    once true (the folder does not change under a running process; applied migrations only grow).
 *    A database AHEAD of this code (a migration of the next release applied, expand-then-contract)
 *    is ready: the old code runs on the expanded schema;
 *  - worker: some job worker's heartbeat (heartbeat.ts) within `heartbeatMaxAgeSeconds`;
 *  - draining: this process is not shutting down (draining.ts).
 * The answer names failed checks and numbers only: no connection string, no error text from the
 * driver (it can hold the host and user), no secret.
 */
import fs from "node:fs";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type ReadinessDb = Pick<PrismaClient, "$queryRawUnsafe">;

export interface ReadinessOptions {
  db: ReadinessDb;
  /** The code's migrations folder (prisma/migrations). */
  migrationsDir: string;
  draining?: () => boolean;
  heartbeatMaxAgeSeconds?: number;
  /** Budget of each database query (default 2 s; a cold client's first query may take over 1 s on a busy machine). */
  timeoutMs?: number;
}

export interface CheckResult {
  ok: boolean;
  /** Why it failed, in words that hold no secret. */
  reason?: string;
  [detail: string]: unknown;
}

export interface Readiness {
  ready: boolean;
  failed: string[];
  checks: Record<"database" | "migrations" | "worker" | "draining", CheckResult>;
}

export const DEFAULT_HEARTBEAT_MAX_AGE_SECONDS = 60;
/** The migration that creates `orderdesk_applied_migrations()`: without it, it and every later one are missing. */
const FUNCTION_MIGRATION = "20261207180000_worker_heartbeat";

class TimedOut extends Error {}

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The migration folders' names (a folder holding migration.sql), sorted. */
export function expectedMigrations(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(`${dir}/${d.name}/migration.sql`))
    .map((d) => d.name)
    .sort();
}

export function createReadinessCheck(opts: ReadinessOptions): () => Promise<Readiness> {
  const timeoutMs = opts.timeoutMs ?? 2000;
  const maxAge = opts.heartbeatMaxAgeSeconds ?? DEFAULT_HEARTBEAT_MAX_AGE_SECONDS;
  let expected: string[] | undefined;
  let migrationsCurrent = false;

  const database = async (): Promise<CheckResult> => {
    const started = performance.now();
    try {
      await within(timeoutMs, opts.db.$queryRawUnsafe("SELECT 1"));
      return { ok: true, ms: Math.round(performance.now() - started) };
    } catch (error) {
      return { ok: false, reason: error instanceof TimedOut ? `no answer within ${timeoutMs} ms` : "unreachable" };
    }
  };

  const migrations = async (): Promise<CheckResult> => {
    if (migrationsCurrent) return { ok: true, cached: true };
    try {
      expected ??= expectedMigrations(opts.migrationsDir);
    } catch {
      return { ok: false, reason: "the migrations folder cannot be read" };
    }
    let applied: Array<{ name: string }>;
    try {
      applied = await within(timeoutMs, opts.db.$queryRawUnsafe<Array<{ name: string }>>('SELECT "orderdesk_applied_migrations" AS name FROM "orderdesk_applied_migrations"()'));
    } catch (error) {
      // 42883: the function is missing, i.e. the migration that creates it is not applied either.
      if (!(error instanceof TimedOut) && /42883|does not exist/.test(String((error as Error)?.message))) {
        return { ok: false, reason: "migrations are missing", missing: expected.filter((n) => n >= FUNCTION_MIGRATION).slice(0, 5) };
      }
      return { ok: false, reason: error instanceof TimedOut ? `no answer within ${timeoutMs} ms` : "applied migrations could not be read" };
    }
    const done = new Set(applied.map((r) => r.name));
    const missing = expected.filter((n) => !done.has(n));
    if (missing.length > 0) return { ok: false, reason: `${missing.length} migration(s) not applied`, missing: missing.slice(0, 5) };
    migrationsCurrent = true;
    return { ok: true, applied: expected.length };
  };

  const worker = async (): Promise<CheckResult> => {
    try {
      const [row] = await within(
        timeoutMs,
        opts.db.$queryRawUnsafe<Array<{ age: number | null }>>('SELECT extract(epoch FROM now() - max("beatAt"))::float8 AS age FROM "WorkerHeartbeat"'),
      );
      const age = row?.age ?? null;
      if (age === null) return { ok: false, reason: "no job worker has ever written a heartbeat" };
      const seconds = Math.max(0, Math.round(age));
      return age <= maxAge ? { ok: true, lastBeatSecondsAgo: seconds } : { ok: false, reason: `no job worker heartbeat within ${maxAge} s`, lastBeatSecondsAgo: seconds };
    } catch (error) {
      return { ok: false, reason: error instanceof TimedOut ? `no answer within ${timeoutMs} ms` : "the heartbeat could not be read" };
    }
  };

  return async () => {
    const draining: CheckResult = opts.draining?.() ? { ok: false, reason: "shutting down" } : { ok: true };
    const db = await database();
    const skipped: CheckResult = { ok: false, reason: "not checked: the database did not answer" };
    const [m, w] = db.ok ? await Promise.all([migrations(), worker()]) : [skipped, skipped];
    const checks = { database: db, migrations: m, worker: w, draining };
    const failed = Object.entries(checks)
      .filter(([, c]) => !c.ok)
      .map(([name]) => name);
    return { ready: failed.length === 0, failed, checks };
  };
}
