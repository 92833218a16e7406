/**
 * Bulk renewal runs on pg-boss. A run's job works the run's items until none is left
 * (lib/renewals/run-engine.ts); the claims make it safe for several jobs, workers or app instances
 * to work one run at once. A starting worker queues every unfinished run again (a run whose worker
 * died mid-way goes on at once, not when its job expires); a stopping worker stops claiming,
 * settles its calls under way and hands the run back to the queue.
 */
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { processRenewalRun, type EngineDeps } from "@/lib/renewals/run-engine";
import { QUEUES } from "./boss";

/** Jobs queued per run: with two app instances, both work a large run. */
export const JOBS_PER_RUN = 2;

export async function sendRenewalRun(boss: PgBoss, runId: string, copies = JOBS_PER_RUN, startAfter?: number): Promise<void> {
  for (let i = 0; i < copies; i++) await boss.send(QUEUES.renewalRun, { runId }, startAfter ? { startAfter } : {});
}

export interface RenewalRunWorkerOptions extends Omit<EngineDeps, "signal"> {
  pollingIntervalSeconds?: number;
}

/** Registers the run handler and queues the unfinished runs; returns the stop that aborts claiming. */
export async function registerRenewalRuns(boss: PgBoss, opts: RenewalRunWorkerOptions): Promise<{ abort(): void }> {
  const controller = new AbortController();
  const log = opts.log ?? (() => {});
  await boss.work<{ runId: string }>(QUEUES.renewalRun, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async ([job]) => {
    if (!job) return;
    const progress = await processRenewalRun(job.data.runId, { ...opts, signal: controller.signal });
    log(`renewal run ${job.data.runId}: ${progress.processed} items${progress.finished ? ", done" : progress.stopped ? ", stopped (handed back)" : ""}`);
    // Stopped with items left: another worker (or this one after a restart) goes on.
    if (progress.stopped) await sendRenewalRun(boss, job.data.runId, 1, 1).catch(() => {});
    return progress;
  });
  await resumeUnfinishedRuns(boss, opts.db);
  return { abort: () => controller.abort() };
}

export async function resumeUnfinishedRuns(boss: PgBoss, db: PrismaClient): Promise<number> {
  const runs = await db.renewalRun.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true }, take: 1000 });
  for (const run of runs) await sendRenewalRun(boss, run.id, 1);
  return runs.length;
}
