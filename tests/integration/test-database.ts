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
export function useAppEnv(databaseUrl: string, credentialsKey: string): void {
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEXTAUTH_SECRET = "integration-test-secret-integration-test-secret";
  process.env.CREDENTIALS_KEY = credentialsKey;
}
