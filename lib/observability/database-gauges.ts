/**
 * The gauges read from the database at each scrape, in one short read-only transaction with a
 * statement timeout, each query served by an index (sized for 1,000,000 orders):
 *  - UNKNOWN orders: `Order(status, ...)` indexes, and there are few of them;
 *  - pg-boss jobs not finished: pg-boss's `job_i5` partial index (state < active) plus active jobs,
 *    few by nature (finished jobs are not counted);
 *  - running bulk renewal runs: `RenewalRun(status)`, their counters kept on the row;
 *  - the freshest worker heartbeat: `WorkerHeartbeat(beatAt)`.
 * Gauges are reset first, so a queue or a run that went away leaves no stale series.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { metrics } from "./metrics";

export type GaugeDb = Pick<PrismaClient, "$queryRawUnsafe">;

const QUERIES = {
  unknown: `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min("createdAt" AT TIME ZONE 'UTC')), 0)::float8 AS oldest FROM "Order" WHERE status = 'UNKNOWN'`,
  queues: `SELECT name, state::text AS state, count(*)::int AS n,
      coalesce(extract(epoch FROM now() - min(start_after) FILTER (WHERE state < 'active' AND start_after <= now())), 0)::float8 AS oldest
    FROM pgboss.job WHERE state <= 'active' GROUP BY name, state`,
  runs: `SELECT id, total, (placed + refused + failed + unknown)::int AS done FROM "RenewalRun" WHERE status = 'RUNNING' ORDER BY "createdAt" LIMIT 50`,
  heartbeat: `SELECT extract(epoch FROM now() - max("beatAt"))::float8 AS age FROM "WorkerHeartbeat"`,
};

export async function refreshDatabaseGauges(db: GaugeDb, timeoutMs = 2000): Promise<boolean> {
  const m = metrics();
  try {
    const results = await Promise.race([
      Promise.all([
        db.$queryRawUnsafe<Array<{ n: number; oldest: number }>>(QUERIES.unknown),
        db.$queryRawUnsafe<Array<{ name: string; state: string; n: number; oldest: number }>>(QUERIES.queues),
        db.$queryRawUnsafe<Array<{ id: string; total: number; done: number }>>(QUERIES.runs),
        db.$queryRawUnsafe<Array<{ age: number | null }>>(QUERIES.heartbeat),
      ]),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref()),
    ]);
    const [unknown, queues, runs, heartbeat] = results;
    m.ordersUnknown.set(unknown[0]?.n ?? 0);
    m.ordersUnknownOldestSeconds.set(Math.round(unknown[0]?.oldest ?? 0));
    m.queueJobs.reset();
    m.queueOldestReadySeconds.reset();
    const oldest = new Map<string, number>();
    for (const q of queues) {
      m.queueJobs.set({ queue: q.name, state: q.state }, q.n);
      oldest.set(q.name, Math.max(oldest.get(q.name) ?? 0, q.oldest));
    }
    for (const [queue, age] of oldest) m.queueOldestReadySeconds.set({ queue }, Math.round(age));
    m.renewalRunItems.reset();
    for (const r of runs) {
      m.renewalRunItems.set({ run: r.id, state: "done" }, r.done);
      m.renewalRunItems.set({ run: r.id, state: "total" }, r.total);
    }
    const age = heartbeat[0]?.age;
    m.workerHeartbeatAgeSeconds.set(age === null || age === undefined ? -1 : Math.round(age));
    m.databaseUp.set(1);
    return true;
  } catch {
    m.databaseUp.set(0);
    return false;
  }
}
