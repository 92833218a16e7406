/**
 * The job worker: registers the queues' handlers and the schedules, and nothing else: each handler
 * lives with its module (orders: reconciliation; licenses: bulk renewal runs and the daily pass;
 * sync). Started by the launcher as its own process (worker-cli.ts) next to the web app; tests start
 * it in-process.
 */
import type PgBoss from "pg-boss";
import { createPrismaClient } from "@/lib/db";
import { orderDeps } from "@/lib/orders/order-deps";
import { registerReconciliation } from "@/lib/orders/reconcile-jobs";
import { createBoss } from "@/lib/queue/boss";
import { registerRenewalRuns } from "@/lib/licenses/bulk-renewal/run-job";
import { registerDailyPass } from "@/lib/licenses/bulk-renewal/daily-pass-job";
import { renewWith } from "@/lib/licenses/bulk-renewal/renewal-deps";
import type { RenewFn } from "@/lib/licenses/bulk-renewal/renew-contract";
import { registerSync } from "@/lib/sync/sync-job";
import { machineNow, type Now } from "@/lib/clock/clock";
import { startHeartbeat, HEARTBEAT_INTERVAL_MS } from "@/lib/observability/heartbeat";

export interface WorkerOptions {
  databaseUrl: string;
  credentialsKey: string;
  sectigoTimeoutMs?: number;
  /** Seconds between polls for new jobs (pg-boss default 2). */
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
  /** Bulk renewal runs: calls to Sectigo at once by this worker. */
  renewalConcurrency?: number;
  /** Bulk renewal runs: items worked at once by this worker (default: renewalConcurrency × LOOPS_PER_CALL_SLOT). */
  renewalLoops?: number;
  /** How long an item claimed by a worker holds before another takes it back (default: twice the call's budget + 30 s). */
  renewalLeaseMs?: number;
  /** First delay after Sectigo's call limit (-42), doubling with jitter. */
  renewalBackoffMs?: number;
  /** Reconciliation's wait before "not placed" (RECONCILE_SETTLE_WINDOW_MS; default 10 minutes). */
  settleWindowMs?: number;
  /** A finished run whose UNKNOWN items' orders are still being checked looks again this soon (default 60 s: the reconciliation pass's cadence). */
  renewalUnknownRecheckMs?: number;
  /**
   * The app's clock for lifecycle decisions (renewals, the daily pass, following Sectigo's
   * auto-renewals): worker-cli.ts passes lib/clock's appClock. Default: this machine's.
   */
  clock?: () => Promise<Now>;
  /** Stands in for the single-license renewal (the benchmark). */
  renew?: RenewFn;
  /** Seconds between pg-boss's looks for due schedules (1-45; its default 30). */
  cronIntervalSeconds?: number;
  /** Milliseconds between heartbeats (readiness wants one within a minute; lib/observability/heartbeat.ts). */
  heartbeatIntervalMs?: number;
}

export const DEFAULT_RENEWAL_CONCURRENCY = 10;

export interface RunningWorker {
  boss: PgBoss;
  /** This worker's row in WorkerHeartbeat. */
  workerId: string;
  stop(): Promise<void>;
}

export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const log = opts.log ?? ((line: string) => console.log(line)); // the launcher prefixes "[worker]"
  // Prepared statements: the worker repeats the same few statements thousands of times (lib/db.ts).
  const db = createPrismaClient(opts.databaseUrl, { prepareStatements: true, applicationName: "orderdesk-worker" });
  const deps = orderDeps(db, { credentialsKey: opts.credentialsKey, timeoutMs: opts.sectigoTimeoutMs, settleWindowMs: opts.settleWindowMs });
  const clock = opts.clock ?? (async () => machineNow);
  // Read per renewal (at most one read of the sandbox a second, lib/clock); reconciliation keeps
  // `deps` on this machine's clock: it compares with the database's own timestamps.
  const renewOnClock: RenewFn = async (actor, input, slot) => renewWith({ ...deps, now: await clock() })(actor, input, slot);
  const boss = createBoss(opts.databaseUrl, "worker", { cronIntervalSeconds: opts.cronIntervalSeconds });
  boss.on("error", (error) => log(`queue error: ${error.message}`));
  // The queues exist already: prepareJobQueue made them as the owner (this role may not create tables).
  await boss.start();
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 };

  await registerReconciliation(boss, deps, { ...polling, log });

  const runs = await registerRenewalRuns(boss, {
    db,
    renew: opts.renew ?? renewOnClock,
    concurrency: opts.renewalConcurrency ?? DEFAULT_RENEWAL_CONCURRENCY,
    loops: opts.renewalLoops,
    leaseMs: opts.renewalLeaseMs ?? 2 * (opts.sectigoTimeoutMs ?? 30_000) + 30_000,
    backoffMs: opts.renewalBackoffMs,
    unknownRecheckMs: opts.renewalUnknownRecheckMs,
    pollingIntervalSeconds: polling.pollingIntervalSeconds,
    log,
  });
  const appNow = async () => (await clock())();
  await registerDailyPass(boss, db, { ...polling, log, now: appNow });
  const sync = await registerSync(boss, { db, client: (id) => deps.sectigo(id, { actorId: null }), now: appNow, pollingIntervalSeconds: polling.pollingIntervalSeconds, log });
  // Last: a worker is alive for readiness once its handlers are registered.
  const heartbeat = await startHeartbeat(db, { intervalMs: opts.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS });

  return {
    boss,
    workerId: heartbeat.workerId,
    async stop() {
      heartbeat.stop();
      runs.abort();
      sync.abort();
      // A job waiting on Sectigo (up to SECTIGO_TIMEOUT_MS) finishes before the worker exits.
      await boss.stop({ graceful: true, timeout: (opts.sectigoTimeoutMs ?? 30_000) + 10_000 });
      await db.$disconnect();
    },
  };
}
