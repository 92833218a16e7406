import "server-only";
import type PgBoss from "pg-boss";
import { serverEnv } from "@/lib/env";
import { createBoss } from "@/lib/queue/boss";
import { ensureSyncQueues, sendSyncRun } from "./sync-job";

/** The web app's sending side for sync runs (its own small client, started on first use). */
let client: Promise<PgBoss> | undefined;

export async function enqueueSyncRun(runId: string): Promise<void> {
  client ??= (async () => {
    const b = createBoss(serverEnv().DATABASE_URL, "client");
    b.on("error", (error) => console.error(`[sync] queue error: ${error.message}`));
    await b.start();
    // The worker creates the queues too; a web app started first must not fail to send.
    await ensureSyncQueues(b);
    return b;
  })();
  await sendSyncRun(await client, runId);
}
