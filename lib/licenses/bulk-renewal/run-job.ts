/**
 * Bulk renewal runs on pg-boss. A run's job works the run's items until none is left
 * (lib/licenses/bulk-renewal/run-engine.ts); the claims make it safe for several jobs, workers or app instances
 * to work one run at once. A starting worker queues every unfinished run again (a run whose worker
 * died mid-way goes on at once, not when its job expires); a stopping worker stops claiming,
 * settles its calls under way and hands the run back to the queue.
 */
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createLimiter } from "@/lib/licenses/bulk-renewal/limiter";
import { processRenewalRun, type EngineDeps } from "@/lib/licenses/bulk-renewal/run-engine";
import { QUEUES } from "@/lib/queue/boss";

/** Jobs queued per run: with two app instances, both work a large run (each process's limiter keeps it to C calls). */
export const JOBS_PER_RUN = 4;
/** Run jobs one worker process works at once. */
export const HANDLERS_PER_WORKER = 2;
/**
 * Item loops per call slot. An item is mostly database work (claim, eligibility, the order's rows,
 * settling: about 250 ms on a loaded 2-core machine) around one Sectigo call (50 ms in the bench):
 * with one loop per slot the slots sat idle most of the time (11-16 % of C/latency). More loops than
 * slots keep C calls in flight; the call limiter still allows only C at once.
 */
export const LOOPS_PER_CALL_SLOT = 3;

export async function sendRenewalRun(boss: PgBoss, runId: string, copies = JOBS_PER_RUN, startAfter?: number): Promise<void> {
  for (let i = 0; i < copies; i++) await boss.send(QUEUES.renewalRun, { runId }, startAfter ? { startAfter } : {});
}

export interface RenewalRunWorkerOptions extends Omit<EngineDeps, "signal" | "limiter" | "callLimiter"> {
  pollingIntervalSeconds?: number;
  /** Items worked at once by this process (default concurrency × LOOPS_PER_CALL_SLOT); `concurrency` is the calls to Sectigo at once. */
  loops?: number;
}

/** Registers the run handler and queues the unfinished runs; returns the stop that aborts claiming. */
export async function registerRenewalRuns(boss: PgBoss, opts: RenewalRunWorkerOptions): Promise<{ abort(): void }> {
  const controller = new AbortController();
  // One pair per process, shared by its run jobs: C calls to Sectigo at once, `loops` items at once.
  const callLimiter = createLimiter(opts.concurrency);
  const loops = opts.loops ?? opts.concurrency * LOOPS_PER_CALL_SLOT;
  const limiter = createLimiter(loops);
  const log = opts.log ?? (() => {});
  const handler = async ([job]: PgBoss.Job<{ runId: string }>[]) => {
    if (!job) return;
    const progress = await processRenewalRun(job.data.runId, { ...opts, concurrency: loops, limiter, callLimiter, signal: controller.signal });
    log(`renewal run ${job.data.runId}: ${progress.processed} items${progress.finished ? ", done" : progress.stopped ? ", stopped (handed back)" : ""}`);
    // Stopped with items left: another worker (or this one after a restart) goes on.
    if (progress.stopped) await sendRenewalRun(boss, job.data.runId, 1, 1).catch(() => {});
    // Items held by another worker: check again when their lease could have run out (it may have died).
    else if (progress.recheckAfterMs !== null) await sendRenewalRun(boss, job.data.runId, 1, Math.ceil(progress.recheckAfterMs / 1000)).catch(() => {});
    return progress;
  };
  // Two handlers per worker: a run never waits behind another.
  for (let i = 0; i < HANDLERS_PER_WORKER; i++) await boss.work<{ runId: string }>(QUEUES.renewalRun, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, handler);
  await resumeUnfinishedRuns(boss, opts.db);
  return { abort: () => controller.abort() };
}

export async function resumeUnfinishedRuns(boss: PgBoss, db: PrismaClient): Promise<number> {
  const runs = await db.renewalRun.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true }, take: 1000 });
  for (const run of runs) await sendRenewalRun(boss, run.id, 1);
  return runs.length;
}
