import { createPrismaClient } from "@/lib/db";
import { seedDemo } from "@/tools/demo/seed-demo";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Seeds the demo world; refuses a database that is not on this machine unless allowed. */
export async function runDemoSeed(opts: {
  databaseUrl: string;
  anchor: Date;
  credentialsKey: string;
  sandboxUrl: string;
  allowRemote?: boolean;
}): Promise<void> {
  const host = new URL(opts.databaseUrl).hostname;
  if (!LOCAL_HOSTS.has(host) && !opts.allowRemote) {
    throw new Error(`Refusing to seed demo data into a non-local database (${host}). Set ALLOW_REMOTE_SEED=1 if you mean it.`);
  }
  const db = createPrismaClient(opts.databaseUrl);
  try {
    await seedDemo(db, opts);
  } finally {
    await db.$disconnect();
  }
}
