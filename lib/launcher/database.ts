import path from "node:path";
import { startEmbeddedPostgres, isPortTaken, type EmbeddedDatabase } from "@/lib/db/embedded-postgres";
import { launcherEnv } from "@/lib/env";
import { loadProfile } from "@/lib/launcher/profile";

export const EMBEDDED_DATABASE_NAME = "orderdesk";

/** DATABASE_URL if set, otherwise the embedded PostgreSQL of the given profile's data dir. */
export async function startDatabase(opts: {
  dataDir: string;
  port: number;
  /** The data dir's database password (Profile.databasePassword). */
  password: string;
  log?: (line: string) => void;
  /** Delete the cluster on stop (e2e runs). */
  throwaway?: boolean;
}): Promise<EmbeddedDatabase> {
  const external = launcherEnv().DATABASE_URL;
  if (external) return { url: external, port: Number(new URL(external).port || 5432), stop: async () => {} };
  return startEmbeddedPostgres({
    dataDir: path.join(opts.dataDir, "postgres"),
    port: opts.port,
    database: EMBEDDED_DATABASE_NAME,
    password: opts.password,
    onLog: opts.log,
    throwaway: opts.throwaway,
  });
}

/**
 * For one-off CLIs: reuse a running launcher's database, or start the embedded one briefly. The
 * password comes from the data dir's local secrets, as for the launcher.
 */
export async function withDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const env = launcherEnv();
  if (env.DATABASE_URL) return work(env.DATABASE_URL);
  const { databasePassword } = loadProfile(path.resolve(env.DATA_DIR), env);
  if (await isPortTaken(env.PG_PORT)) {
    return work(`postgresql://postgres:${encodeURIComponent(databasePassword)}@127.0.0.1:${env.PG_PORT}/${EMBEDDED_DATABASE_NAME}`);
  }
  const db = await startDatabase({ dataDir: env.DATA_DIR, port: env.PG_PORT, password: databasePassword });
  try {
    await work(db.url);
  } finally {
    await db.stop();
  }
}
