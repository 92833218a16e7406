/**
 * The job queue: pg-boss on the app's own PostgreSQL (schema `pgboss`). Chosen over
 * graphile-worker because both current lines need Node 22 and pg-boss 10.4 is the maintained
 * line that runs on Node 20 (our floor): 3 small dependencies, ~160 kB, releases through 2026.
 * Any number of app instances may run a worker: a job is handed to one of them at a time, and a
 * job whose worker dies is retried after it expires.
 */
import PgBoss from "pg-boss";
import { carryRequestIds } from "@/lib/observability/job-context";

export const QUEUES = {
  /** Every minute: reconcile the orders whose outcome is unknown (and orders stuck in SUBMITTING). */
  reconcilePass: "orders.reconcile-pass",
  /** One order, soon after its answer was lost. */
  reconcileOrder: "orders.reconcile",
  /** A bulk renewal run (lib/licenses/bulk-renewal): a job works its items; several jobs may share one run. */
  renewalRun: "renewals.run",
  /** Daily: stored license statuses and renewal-window notices (lib/licenses/bulk-renewal/daily-pass.ts). */
  dailyLicensePass: "licenses.daily-pass",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * `worker`: runs maintenance and the cron. `client`: only sends jobs (the web app), so a request
 * never waits for maintenance. Neither creates or upgrades the schema: they connect as the app's
 * role, which may not (lib/db/app-role.ts); `prepareJobQueue` (lib/jobs/prepare-job-queue.ts) does it as the owner first.
 */
export function createBoss(databaseUrl: string, role: "worker" | "client", opts: { cronIntervalSeconds?: number } = {}): PgBoss {
  // Every job sent carries the sending request's id; the worker works it under that id (lib/observability).
  return carryRequestIds(new PgBoss({
    connectionString: databaseUrl,
    schema: "pgboss",
    application_name: `orderdesk-${role}`,
    max: role === "worker" ? 4 : 2,
    supervise: role === "worker",
    schedule: role === "worker",
    // How often pg-boss looks for due schedules and hands them on (its defaults: 30 s and 5 s).
    // A worker's first look comes before its schedules exist: the first pass then waits one interval.
    ...(opts.cronIntervalSeconds ? { cronMonitorIntervalSeconds: opts.cronIntervalSeconds, cronWorkerIntervalSeconds: opts.cronIntervalSeconds } : {}),
    migrate: false,
  }));
}

/** Creates the queues (idempotent). */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(QUEUES.reconcilePass, { name: QUEUES.reconcilePass, policy: "singleton", retryLimit: 0, expireInSeconds: 300 });
  // A run job works until its run has nothing left; a job whose worker died is retried after an hour,
  // and a starting worker queues every unfinished run again at once (lib/licenses/bulk-renewal/run-job.ts).
  await boss.createQueue(QUEUES.renewalRun, { name: QUEUES.renewalRun, policy: "standard", retryLimit: 3, retryDelay: 30, expireInSeconds: 3600 });
  await boss.createQueue(QUEUES.dailyLicensePass, { name: QUEUES.dailyLicensePass, policy: "singleton", retryLimit: 2, retryDelay: 600, expireInSeconds: 1800 });
  await boss.createQueue(QUEUES.reconcileOrder, { name: QUEUES.reconcileOrder, policy: "standard", retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 });
}
