/**
 * The job worker: registers the queues' handlers and the schedules. Started by the launcher as
 * its own process (worker-cli.ts) next to the web app; tests start it in-process.
 */
import type PgBoss from "pg-boss";
import { createPrismaClient } from "@/lib/db";
import { systemActor } from "@/lib/auth/system-actor";
import { orderDeps } from "@/lib/orders/order-deps";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { createBoss, ensureQueues, QUEUES } from "./boss";
import { reconcileOpenOrders } from "./reconcile-pass";

export interface WorkerOptions {
  databaseUrl: string;
  credentialsKey: string;
  sectigoTimeoutMs?: number;
  /** Seconds between polls for new jobs (pg-boss default 2). */
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const log = opts.log ?? ((line: string) => console.log(line)); // the launcher prefixes "[worker]"
  const db = createPrismaClient(opts.databaseUrl);
  const deps = orderDeps(db, { credentialsKey: opts.credentialsKey, timeoutMs: opts.sectigoTimeoutMs });
  const boss = createBoss(opts.databaseUrl, "worker");
  boss.on("error", (error) => log(`queue error: ${error.message}`));
  await boss.start();
  await ensureQueues(boss);
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 };

  await boss.work<{ orderId: string }>(QUEUES.reconcileOrder, polling, async ([job]) => {
    if (!job) return;
    const result = await reconcileOrder(systemActor("reconciliation"), { orderId: job.data.orderId }, deps);
    log(`reconciled order ${job.data.orderId}: ${result.outcome}`);
    return result;
  });
  await boss.work(QUEUES.reconcilePass, polling, async () => {
    const counts = await reconcileOpenOrders(deps);
    if (Object.keys(counts).length > 0) log(`reconciliation pass: ${JSON.stringify(counts)}`);
    return counts;
  });
  await boss.schedule(QUEUES.reconcilePass, "* * * * *");

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
      await db.$disconnect();
    },
  };
}
