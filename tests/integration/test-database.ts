import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded-postgres";

/**
 * A real PostgreSQL for one test file: its own port and a throw-away data dir, so tests never
 * touch the dev database and can run while `npm start` is running. When PostgreSQL cannot start
 * this rejects within seconds with a one-paragraph DatabaseStartError (never a hang).
 */
export async function startTestDatabase(): Promise<EmbeddedDatabase & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-it-"));
  fs.chmodSync(dataDir, 0o755);
  try {
    const db = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "pg"),
      port: await freePort(),
      database: "orderdesk_test",
      password: randomBytes(24).toString("base64url"),
      throwaway: true,
      durable: false,
    });
    return {
      ...db,
      dataDir,
      stop: async () => {
        await db.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Points the app's lazily-created Prisma singleton (lib/db.ts) at the test database. */
export function setAppEnv(databaseUrl: string, credentialsKey: string): void {
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEXTAUTH_SECRET = "integration-test-secret-integration-test-secret";
  process.env.CREDENTIALS_KEY = credentialsKey;
}

/**
 * The database as the launcher prepares it: every migration, the job queue's schema, the app's
 * role and its grants, through the launcher's own `prepareDatabase`. `url` stays the owner's
 * (superuser) for test setup; `appUrl` is what the launcher hands the app and the worker.
 */
export async function startAppDatabase(): Promise<EmbeddedDatabase & { dataDir: string; appUrl: string }> {
  const db = await startTestDatabase();
  try {
    const { prepareDatabase } = await import("@/tools/data-dir/database");
    const { APP_ROLE } = await import("@/lib/db/app-role");
    const { appUrl } = await prepareDatabase(db.url, { role: APP_ROLE, password: randomBytes(24).toString("base64url"), create: true });
    return { ...db, appUrl };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

/**
 * The usual start of a test file that works through the app's use cases: a test database with
 * every migration and the demo world (seeded as the owner), the app's Prisma singleton pointed at
 * it as the app's role, as in `npm start`. `stop` also disconnects that client.
 */
export async function startDemoDatabase(anchor?: Date): Promise<EmbeddedDatabase & { dataDir: string; appUrl: string }> {
  const db = await startAppDatabase();
  const { generateKey } = await import("@/lib/crypto/credentials");
  const { anchorDay } = await import("@/tools/demo-world/demo-data");
  const { createPrismaClient } = await import("@/lib/db");
  setAppEnv(db.appUrl, generateKey());
  const owner = createPrismaClient(db.url);
  try {
    const { seedDemo } = await import("@/tools/demo/seed-demo");
    await seedDemo(owner as never, { anchor: anchor ?? anchorDay(new Date()), credentialsKey: process.env.CREDENTIALS_KEY!, sandboxUrl: "http://127.0.0.1:4999/products/" });
  } finally {
    await owner.$disconnect();
  }
  const { prisma } = await import("@/lib/db");
  return {
    ...db,
    stop: async () => {
      await prisma.$disconnect();
      await db.stop();
    },
  };
}
