/** npm run db:seed: the idempotent demo seed, as the owner (the launcher's database or MIGRATION_DATABASE_URL). */
import { launcherEnv } from "@/lib/env";
import { migrateAsOwner, withDatabase } from "@/tools/data-dir/database";
import { loadProfile } from "@/tools/data-dir/profile";
import { runDemoSeed } from "@/tools/demo/run-seed";

const env = launcherEnv();
const profile = loadProfile(env.DATA_DIR, env);
await withDatabase(async (databaseUrl, appRole) => {
  await migrateAsOwner(databaseUrl, appRole);
  await runDemoSeed({
    databaseUrl,
    anchor: profile.demoAnchor,
    credentialsKey: profile.credentialsKey,
    sandboxUrl: env.SECTIGO_BASE_URL ?? `http://127.0.0.1:${env.SANDBOX_PORT}/products/`,
    allowRemote: env.ALLOW_REMOTE_SEED === "1",
  });
  console.log("Demo data is in place.");
});
