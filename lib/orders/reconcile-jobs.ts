/**
 * The reconciliation jobs (registered by the worker): one order soon after its answer was lost,
 * and the pass every minute over every order whose outcome is still unknown (reconcile-pass.ts).
 */
import type PgBoss from "pg-boss";
import { systemActor } from "@/lib/auth/system-actor";
import { QUEUES } from "@/lib/queue/boss";
import type { OrderDeps } from "./order-deps";
import { reconcileOrder } from "./reconcile-order";
import { reconcileOpenOrders } from "./reconcile-pass";

export async function registerReconciliation(boss: PgBoss, deps: OrderDeps, opts: { pollingIntervalSeconds: number; log: (line: string) => void }): Promise<void> {
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds };
  await boss.work<{ orderId: string }>(QUEUES.reconcileOrder, polling, async ([job]) => {
    if (!job) return;
    const result = await reconcileOrder(systemActor("reconciliation"), { orderId: job.data.orderId }, deps);
    opts.log(`reconciled order ${job.data.orderId}: ${result.outcome}`);
    return result;
  });
  await boss.work(QUEUES.reconcilePass, polling, async () => {
    const counts = await reconcileOpenOrders(deps);
    if (Object.keys(counts).length > 0) opts.log(`reconciliation pass: ${JSON.stringify(counts)}`);
    return counts;
  });
  await boss.schedule(QUEUES.reconcilePass, "* * * * *");
}
