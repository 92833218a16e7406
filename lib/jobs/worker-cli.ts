/**
 * The job worker process.
 *   npm start                        the launcher starts it next to the web app (its env: serverEnv)
 *   npm run worker                   a deployment's worker (--deployment): started alone from the
 *                                    validated environment (lib/env.ts deployWorkerEnvSchema); one
 *                                    line and exit 1 when it is incomplete. README "Deploying".
 * SIGTERM/SIGINT: stops claiming work, lets the jobs in flight finish (pg-boss graceful stop; a
 * renewal item cut by the deadline is taken back by another worker after its lease, never done
 * twice: lib/licenses/bulk-renewal), then exits 0.
 */
import { EnvError, deployWorkerEnv, observabilityEnv, serverEnv, type ServerEnv } from "@/lib/env";
import { createPrismaClient } from "@/lib/db";
import { configureLogging, startMetricsServer } from "@/lib/observability";
import { appClock } from "@/lib/clock/app-clock";
import { startWorker } from "./worker";

const deployment = process.argv.includes("--deployment");
const env = readEnv();
const obs = observabilityEnv();
configureLogging({ level: obs.LOG_LEVEL, base: { service: "worker" } });
if (obs.WORKER_METRICS_PORT) await startMetricsServer({ port: obs.WORKER_METRICS_PORT, host: obs.METRICS_HOST, db: createPrismaClient(env.DATABASE_URL, { applicationName: "orderdesk-metrics" }) });
const worker = await startWorker({ databaseUrl: env.DATABASE_URL, credentialsKey: env.CREDENTIALS_KEY, sectigoTimeoutMs: env.SECTIGO_TIMEOUT_MS, settleWindowMs: env.RECONCILE_SETTLE_WINDOW_MS, renewalConcurrency: env.RENEWAL_CONCURRENCY, clock: appClock });
console.log(`Job worker started (reconciliation pass every minute, renewal runs ${env.RENEWAL_CONCURRENCY} at a time${deployment ? `, Sectigo ${env.SECTIGO_MODE}` : ""}).`);
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  const began = Date.now();
  console.log(`${signal}: stopping (no new jobs; waiting for the jobs in flight)`);
  worker.stop().then(
    () => {
      console.log(`Job worker stopped in ${Date.now() - began} ms.`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`Job worker stop failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));

function readEnv(): Pick<ServerEnv, "DATABASE_URL" | "CREDENTIALS_KEY" | "SECTIGO_TIMEOUT_MS" | "RECONCILE_SETTLE_WINDOW_MS" | "RENEWAL_CONCURRENCY" | "SECTIGO_MODE"> {
  try {
    return deployment ? deployWorkerEnv() : serverEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[worker] ${error.message}`);
    process.exit(1);
  }
}
