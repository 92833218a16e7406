import path from "node:path";
import { startEmbeddedPostgres, isPortTaken, type EmbeddedDatabase } from "@/lib/db/embedded-postgres";
import { APP_ROLE, appRoleProblems, appRoleUrl, ensureAppRole, grantAppRole, roleExists, urlUser } from "@/lib/db/app-role";
import { applyMigrations } from "@/lib/db/migrations";
import { prepareJobQueue } from "@/lib/jobs/prepare-job-queue";
import { launcherEnv } from "@/lib/env";
import { loadProfile } from "@/tools/data-dir/profile";

export const EMBEDDED_DATABASE_NAME = "orderdesk";

/**
 * The owner's connection (`url`): MIGRATION_DATABASE_URL when DATABASE_URL is set, otherwise the
 * embedded PostgreSQL of the given profile's data dir (its superuser).
 */
export async function startDatabase(opts: {
  dataDir: string;
  port: number;
  /** The data dir's database password (Profile.databasePassword). */
  password: string;
  log?: (line: string) => void;
  /** Delete the cluster on stop (e2e runs, the fleet). */
  throwaway?: boolean;
  /** false: skip durability while it runs (the e2e run: lib/db/embedded-postgres.ts). Default true. */
  durable?: boolean;
}): Promise<EmbeddedDatabase> {
  const owner = launcherEnv().MIGRATION_DATABASE_URL;
  if (owner) return { url: owner, port: Number(new URL(owner).port || 5432), stop: async () => {} };
  return startEmbeddedPostgres({
    dataDir: path.join(opts.dataDir, "postgres"),
    port: opts.port,
    database: EMBEDDED_DATABASE_NAME,
    password: opts.password,
    onLog: opts.log,
    throwaway: opts.throwaway,
    durable: opts.durable,
  });
}

/** Who the app connects as: the embedded database's APP_ROLE (created here), or DATABASE_URL's user. */
export type AppAccess = { role: string; password: string; create: true } | { url: string; create: false };

/** The app's access for the current environment: DATABASE_URL, or APP_ROLE with the data dir's `appDatabasePassword`. */
export function appAccessFor(appDatabasePassword: string): AppAccess {
  const app = launcherEnv().DATABASE_URL;
  return app ? { url: app, create: false } : { role: APP_ROLE, password: appDatabasePassword, create: true };
}

class DatabaseRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseRoleError";
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * What runs as the owner before the app starts: migrations, the job queue's schema, the app's
 * role (embedded) and its grants. Then checks that role cannot reach past its grants, and returns
 * the URL the Next server and the job worker get.
 */
export async function prepareDatabase(ownerUrl: string, access: AppAccess): Promise<{ appUrl: string; applied: string[] }> {
  const applied = await applyMigrations(ownerUrl);
  await prepareJobQueue(ownerUrl);
  const role = access.create ? access.role : urlUser(access.url);
  if (access.create) await ensureAppRole(ownerUrl, access.role, access.password);
  await grantAppRole(ownerUrl, role);
  const problems = await appRoleProblems(ownerUrl, role);
  if (problems.length) {
    throw new DatabaseRoleError(
      `The app's database role must own nothing and hold only its grants, so that the audit log cannot be rewritten, but ` +
        `${problems.join("; ")}. Set DATABASE_URL to a role made as the README says (Your own PostgreSQL), and ` +
        `MIGRATION_DATABASE_URL to the owner of the tables.`,
    );
  }
  return { appUrl: access.create ? appRoleUrl(ownerUrl, access.role, access.password) : access.url, applied };
}

/**
 * For the one-off CLIs that migrate (db:migrate, db:seed): migrations and the job queue's schema as
 * the owner, then the app role's grants again, so new tables are covered. A role not created yet
 * (an embedded data dir never started since) gets them on the launcher's next start.
 */
export async function migrateAsOwner(ownerUrl: string, appRole: string): Promise<string[]> {
  const applied = await applyMigrations(ownerUrl);
  await prepareJobQueue(ownerUrl);
  if (await roleExists(ownerUrl, appRole)) await grantAppRole(ownerUrl, appRole);
  return applied;
}

/**
 * For one-off CLIs (migrations, seed, user:create, world:scale, benches): the owner's connection,
 * reusing a running launcher's database or starting the embedded one briefly. The password comes
 * from the data dir's local secrets, as for the launcher. `appRole` is who the app connects as.
 */
export async function withDatabase(work: (ownerUrl: string, appRole: string) => Promise<void>): Promise<void> {
  const env = launcherEnv();
  if (env.MIGRATION_DATABASE_URL && env.DATABASE_URL) return work(env.MIGRATION_DATABASE_URL, urlUser(env.DATABASE_URL));
  const { databasePassword } = loadProfile(path.resolve(env.DATA_DIR), env);
  if (await isPortTaken(env.PG_PORT)) {
    return work(`postgresql://postgres:${encodeURIComponent(databasePassword)}@127.0.0.1:${env.PG_PORT}/${EMBEDDED_DATABASE_NAME}`, APP_ROLE);
  }
  const db = await startDatabase({ dataDir: env.DATA_DIR, port: env.PG_PORT, password: databasePassword });
  try {
    await work(db.url, APP_ROLE);
  } finally {
    await db.stop();
  }
}
