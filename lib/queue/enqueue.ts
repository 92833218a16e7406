import "server-only";
import type PgBoss from "pg-boss";
import { serverEnv } from "@/lib/env";
import { createBoss, QUEUES } from "./boss";

let client: Promise<PgBoss> | undefined;

/**
 * The web app's sending side of the queue, started once per process on first use. Exported for the
 * modules that queue their own jobs (lib/licenses/bulk-renewal/enqueue-renewal-run.ts): the queue
 * knows no module's job, so it imports none of the modules it serves.
 */
export function sendingBoss(): Promise<PgBoss> {
  client ??= (async () => {
    const b = createBoss(serverEnv().DATABASE_URL, "client");
    b.on("error", (error) => console.error(`[jobs] queue error: ${error.message}`));
    return b.start();
  })();
  return client;
}

/** Reconcile this order soon (its answer was lost). A failure to enqueue is logged: the every-minute pass catches it anyway. */
export async function enqueueReconcile(orderId: string): Promise<void> {
  try {
    await (await sendingBoss()).send(QUEUES.reconcileOrder, { orderId }, { startAfter: 5, singletonKey: orderId });
  } catch (error) {
    console.error(`[jobs] could not queue the reconciliation of ${orderId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
