import "server-only";
import type PgBoss from "pg-boss";
import { serverEnv } from "@/lib/env";
import { createBoss, QUEUES } from "./boss";
import { sendRenewalRun } from "../licenses/bulk-renewal/run-job";

/** The web app's sending side of the queue, started once per process on first use. */
let client: Promise<PgBoss> | undefined;

function boss(): Promise<PgBoss> {
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
    await (await boss()).send(QUEUES.reconcileOrder, { orderId }, { startAfter: 5, singletonKey: orderId });
  } catch (error) {
    console.error(`[jobs] could not queue the reconciliation of ${orderId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Queue a bulk renewal run's jobs. A failure is thrown: the run exists, and a starting worker queues it anyway. */
export async function enqueueRenewalRun(runId: string): Promise<void> {
  await sendRenewalRun(await boss(), runId);
}
