/**
 * The job worker's heartbeat: one row per worker process in "WorkerHeartbeat", moved every ~10 s on
 * the database's clock (no skew between the worker's machine and the web's). Readiness
 * (readiness.ts) wants a beat within the last minute. A stopping worker leaves its row: a worker
 * restarted within the minute does not make every web instance unready.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "./logger";

export const HEARTBEAT_INTERVAL_MS = 10_000;

export interface Heartbeat {
  workerId: string;
  /** Beats once now (a test or a start that wants the row written). */
  beat(): Promise<void>;
  stop(): void;
}

type HeartbeatDb = Pick<PrismaClient, "$executeRaw">;

export async function startHeartbeat(db: HeartbeatDb, opts: { intervalMs?: number; workerId?: string } = {}): Promise<Heartbeat> {
  const workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const host = os.hostname().slice(0, 200);
  const beat = async () => {
    await db.$executeRaw`
      INSERT INTO "WorkerHeartbeat" ("workerId", host, pid, "startedAt", "beatAt") VALUES (${workerId}, ${host}, ${process.pid}, now(), now())
      ON CONFLICT ("workerId") DO UPDATE SET "beatAt" = now()`;
  };
  // Rows of workers gone for a day say nothing any more.
  await db.$executeRaw`DELETE FROM "WorkerHeartbeat" WHERE "beatAt" < now() - interval '1 day'`;
  await beat();
  let failing = false;
  const timer = setInterval(() => {
    beat().then(
      () => {
        if (failing) log().info({ msg: "worker heartbeat written again", workerId });
        failing = false;
      },
      (error: unknown) => {
        // Once per outage, not every 10 s; readiness reports it anyway.
        if (!failing) log().warn({ msg: "worker heartbeat failed", workerId, error: error instanceof Error ? error.message.split("\n")[0] : String(error) });
        failing = true;
      },
    );
  }, opts.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return { workerId, beat, stop: () => clearInterval(timer) };
}
