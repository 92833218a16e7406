/**
 * `npm run serve`: the production web server of a deployment (README "Deploying"). Starts only from
 * its environment (lib/env.ts deployWebEnvSchema) and a build made beforehand (`npm run build`): it
 * never builds, migrates, seeds or starts a sandbox. Anything missing or wrong: one line, exit 1.
 *   NODE_ENV=production node --heap-growing-percent=50 --max-semi-space-size=32 --import tsx tools/launcher/serve.ts
 * (what `npm run serve` runs; systemd runs the same line: npm does not pass SIGTERM on).
 */
import path from "node:path";
import { EnvError, deployWebEnv, exportNextAuthUrl, type DeployWebEnv } from "@/lib/env";
import { buildProblem } from "@/tools/launcher/build-check";
import { ROOT } from "@/tools/launcher/processes";
import { startWebServer } from "@/tools/launcher/web-server";

const env = readEnv();
const problem = buildProblem(path.join(ROOT, env.NEXT_DIST_DIR), {
  distDirName: env.NEXT_DIST_DIR,
  serverActionsKey: env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
  deploymentId: env.NEXT_DEPLOYMENT_ID,
});
if (problem) fail(problem);
exportNextAuthUrl(env);
console.log(`[serve] Order Desk ${env.NEXT_DEPLOYMENT_ID} (Sectigo ${env.SECTIGO_MODE}) from ${env.NEXT_DIST_DIR}/, drain up to ${env.DRAIN_TIMEOUT_MS} ms on SIGTERM`);
await startWebServer({ dev: false, port: env.PORT, host: env.HOST });

function readEnv(): DeployWebEnv {
  try {
    return deployWebEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
}

function fail(line: string): never {
  console.error(`[serve] ${line}`);
  process.exit(1);
}
