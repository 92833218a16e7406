/**
 * The sync on pg-boss: `sync.run` works one SyncRun (run-sync.ts) and `sync.nightly` starts a run
 * for every reseller account (02:30 UTC). A starting worker queues every unfinished run again, so a
 * run stopped by a restart goes on from its cursor at once; a stopping worker stops between pages.
 */
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { processSyncRun, type SyncEngineDeps } from "./run-sync";

export const SYNC_QUEUES = {
  run: "sync.run",
  nightly: "sync.nightly",
} as const;

export const NIGHTLY_SYNC_CRON = "30 2 * * *";

export async function ensureSyncQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(SYNC_QUEUES.run, { name: SYNC_QUEUES.run, policy: "standard", retryLimit: 3, retryDelay: 30, expireInSeconds: 3600 });
  await boss.createQueue(SYNC_QUEUES.nightly, { name: SYNC_QUEUES.nightly, policy: "singleton", retryLimit: 1, expireInSeconds: 600 });
}

export async function sendSyncRun(boss: PgBoss, runId: string, startAfter?: number): Promise<void> {
  await boss.send(SYNC_QUEUES.run, { runId }, startAfter ? { startAfter } : {});
}

/** A run per enabled reseller account, queued (the schedule; nobody asked, so no createdById). */
export async function startNightlySyncs(db: PrismaClient): Promise<string[]> {
  const accounts = await db.resellerAccount.findMany({ where: { disabledAt: null }, select: { id: true } });
  const ids: string[] = [];
  for (const a of accounts) ids.push((await db.syncRun.create({ data: { resellerAccountId: a.id } })).id);
  return ids;
}

export interface SyncWorkerOptions extends Omit<SyncEngineDeps, "signal"> {
  pollingIntervalSeconds?: number;
}

export async function registerSync(boss: PgBoss, opts: SyncWorkerOptions): Promise<{ abort(): void }> {
  const controller = new AbortController();
  const log = opts.log ?? (() => {});
  await ensureSyncQueues(boss);
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 };
  await boss.work<{ runId: string }>(SYNC_QUEUES.run, polling, async ([job]) => {
    if (!job) return;
    const progress = await processSyncRun(job.data.runId, { ...opts, signal: controller.signal });
    // Stopped between pages: the next worker (or this one after its restart) goes on from the cursor.
    if (progress.status === "STOPPED") await sendSyncRun(boss, job.data.runId, 1).catch(() => {});
    return progress;
  });
  await boss.work(SYNC_QUEUES.nightly, polling, async () => {
    const ids = await startNightlySyncs(opts.db);
    for (const id of ids) await sendSyncRun(boss, id);
    log(`nightly sync: ${ids.length} run(s) queued`);
    return { runs: ids.length };
  });
  await boss.schedule(SYNC_QUEUES.nightly, NIGHTLY_SYNC_CRON);
  await resumeUnfinishedSyncs(boss, opts.db);
  return { abort: () => controller.abort() };
}

export async function resumeUnfinishedSyncs(boss: PgBoss, db: PrismaClient): Promise<number> {
  const runs = await db.syncRun.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true }, take: 100 });
  for (const run of runs) await sendSyncRun(boss, run.id);
  return runs.length;
}
