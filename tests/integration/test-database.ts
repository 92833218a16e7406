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
 * The usual start of a test file that works through the app's use cases: a test database with
 * every migration and the demo world, the app's Prisma singleton pointed at it. `stop` also
 * disconnects that client.
 */
export async function startDemoDatabase(anchor?: Date): Promise<EmbeddedDatabase & { dataDir: string }> {
  const db = await startTestDatabase();
  const { applyMigrations } = await import("@/lib/db/migrations");
  const { generateKey } = await import("@/lib/crypto/credentials");
  const { anchorDay } = await import("@/lib/demo/demo-data");
  await applyMigrations(db.url);
  setAppEnv(db.url, generateKey());
  const { prisma } = await import("@/lib/db");
  const { seedDemo } = await import("@/lib/demo/seed-demo");
  await seedDemo(prisma as never, { anchor: anchor ?? anchorDay(new Date()), credentialsKey: process.env.CREDENTIALS_KEY!, sandboxUrl: "http://127.0.0.1:4999/products/" });
  return {
    ...db,
    stop: async () => {
      await prisma.$disconnect();
      await db.stop();
    },
  };
}
