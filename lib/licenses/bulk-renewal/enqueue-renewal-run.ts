import "server-only";
import { sendingBoss } from "@/lib/queue/enqueue";
import { sendRenewalRun } from "./run-job";

/**
 * Queue a bulk renewal run's jobs from the web app. A failure is thrown: the run exists, and a
 * starting worker queues it anyway. Here rather than in lib/queue/enqueue.ts: the queue is the
 * primitive this module builds on, and must not import it back.
 */
export async function enqueueRenewalRun(runId: string): Promise<void> {
  await sendRenewalRun(await sendingBoss(), runId);
}
