/** The job worker process (started by `npm start` next to the web app). */
import { serverEnv } from "@/lib/env";
import { appClock } from "@/lib/clock/app-clock";
import { startWorker } from "./worker";

const env = serverEnv();
const worker = await startWorker({ databaseUrl: env.DATABASE_URL, credentialsKey: env.CREDENTIALS_KEY, sectigoTimeoutMs: env.SECTIGO_TIMEOUT_MS, renewalConcurrency: env.RENEWAL_CONCURRENCY, clock: appClock });
console.log(`Job worker started (reconciliation pass every minute, renewal runs ${env.RENEWAL_CONCURRENCY} at a time).`);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  worker.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
