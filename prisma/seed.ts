/** npm run db:seed: the idempotent demo seed, for the launcher's database or DATABASE_URL. */
import { launcherEnv } from "@/lib/env";
import { withDatabase } from "@/lib/launcher/database";
import { loadProfile } from "@/lib/launcher/profile";
import { runDemoSeed } from "@/lib/demo/run-seed";
import { applyMigrations } from "@/lib/db/migrations";

const env = launcherEnv();
const profile = loadProfile(env.DATA_DIR, env);
await withDatabase(async (databaseUrl) => {
  await applyMigrations(databaseUrl);
  await runDemoSeed({
    databaseUrl,
    anchor: profile.demoAnchor,
    credentialsKey: profile.credentialsKey,
    sandboxUrl: env.SECTIGO_BASE_URL ?? `http://127.0.0.1:${env.SANDBOX_PORT}/products/`,
    allowRemote: env.ALLOW_REMOTE_SEED === "1",
  });
  console.log("Demo data is in place.");
});
