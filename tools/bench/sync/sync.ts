/**
 * npm run bench:sync: a full sync of the demo reseller's book against the running sandbox, beside
 * its floor (the same WebHostReport pages fetched and decoded, nothing compared or stored), both
 * measured in this run. Against the app that `npm start` runs with the same DATA_DIR / PG_PORT:
 *
 *   DATA_DIR=... PG_PORT=... SANDBOX_PORT=... PORT=... npm start
 *   DATA_DIR=... PG_PORT=... SANDBOX_PORT=... npm run world:scale -- --licenses 100000
 *   DATA_DIR=... PG_PORT=... npm run bench:sync
 *
 * The sync runs unpaced here (minIntervalMs 0) so that its figure is its own cost; the worker's
 * default pace (one report call per 200 ms) adds pages x 200 ms, printed too.
 */
import path from "node:path";
import { createPrismaClient } from "@/lib/db";
import { launcherEnv } from "@/lib/env";
import { withDatabase } from "@/tools/data-dir/database";
import { loadProfile } from "@/tools/data-dir/profile";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { sectigoClientForAccount } from "@/lib/sectigo/account-client";
import { processSyncRun, SYNC_PAGE_SIZE } from "@/lib/sync/run-sync";

const MIN_LICENSES = 100_000;

async function main(): Promise<void> {
  const env = launcherEnv();
  const { credentialsKey } = loadProfile(path.resolve(env.DATA_DIR), env);
  await withDatabase(async (url) => {
    const db = createPrismaClient(url);
    try {
      const account = await db.resellerAccount.findFirstOrThrow({ where: { loginName: DEMO_RESELLER.loginName } });
      const licenses = await db.license.count({ where: { customer: { resellerAccountId: account.id } } });
      if (licenses < MIN_LICENSES) {
        console.error(`Only ${licenses} licenses in the database: seed the scaled world first (npm run world:scale -- --licenses 100000).`);
        process.exitCode = 1;
        return;
      }
      const client = await sectigoClientForAccount(db, { resellerAccountId: account.id, credentialsKey });

      // The floor: the raw report, page after page.
      let t = performance.now();
      let rows = 0;
      let pages = 0;
      for (let first = 1; ; first += SYNC_PAGE_SIZE) {
        const page = await client.webHostReport({ page: { first, last: first + SYNC_PAGE_SIZE - 1 } });
        if (!page.ok) throw new Error(`WebHostReport: ${page.error.userMessage}`);
        rows += page.value.rows.length;
        pages++;
        if (page.value.rows.length < SYNC_PAGE_SIZE) break;
      }
      const floorMs = performance.now() - t;

      const run = await db.syncRun.create({ data: { resellerAccountId: account.id } });
      t = performance.now();
      const progress = await processSyncRun(run.id, { db, client: async () => client, minIntervalMs: 0 });
      const syncMs = performance.now() - t;
      const done = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });

      const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en");
      console.log(`licenses in Order Desk: ${licenses.toLocaleString("en")}; report: ${rows.toLocaleString("en")} orders in ${pages} pages of ${SYNC_PAGE_SIZE}`);
      console.log(`floor (WebHostReport paging only): ${(floorMs / 1000).toFixed(2)} s, ${rate(rows, floorMs)} rows/s`);
      console.log(`full sync (page + compare + store): ${(syncMs / 1000).toFixed(2)} s, ${rate(progress.ordersSeen, syncMs)} rows/s, ${done.licensesSeen.toLocaleString("en")} licenses compared, ${done.driftFound} differences, status ${done.status}`);
      console.log(`sync / floor: ${(syncMs / floorMs).toFixed(2)}x; at the worker's pace (one call per 200 ms) a run takes at least ${((pages * 200) / 1000).toFixed(1)} s`);
    } finally {
      await db.$disconnect();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
