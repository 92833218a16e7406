/**
 * Review of issue 19: the auto-renew tally's triggers (migration *_auto_renew_tally) read the other
 * table's committed state, and the two writers do not lock each other out (a License update takes
 * only FOR KEY SHARE on its customer; moving a customer to another reseller account takes FOR NO KEY
 * UPDATE: they do not conflict). So a license whose auto-renew is switched on while, concurrently,
 * its customer is moved to another account is counted under the OLD account for good: the License
 * trigger saw the customer still in the old account, the Customer trigger did not see the license
 * as counted yet. Oracle: the full count (countAutoRenewDemand), as the existing tally test uses.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedDemo } from "@/tools/demo/seed-demo";
import { anchorDay } from "@/tools/demo-world/demo-data";
import { startSandbox } from "@/tools/sandbox/server";
import { expiryBucketRange } from "@/lib/licenses/rules/status";
import { setAppEnv, startAppDatabase } from "./test-database";

type Row = { accountId: string; productCode: number; termDays: number | null; n: number };

let db: Awaited<ReturnType<typeof startAppDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let owner: ReturnType<typeof createPrismaClient>;
let app: (typeof import("@/lib/db"))["prisma"];
let tally: typeof import("@/lib/licenses/expiry-workspace/auto-renew-tally");
let autoRenewDemand: (now: Date) => Promise<Row[]>;
const now = new Date();
const DAY = 86_400_000;

beforeAll(async () => {
  db = await startAppDatabase();
  owner = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchorDay(now) });
  const credentialsKey = generateKey();
  await seedDemo(owner, { anchor: anchorDay(now), credentialsKey, sandboxUrl: `${sandbox.url}/products/` });
  setAppEnv(db.appUrl, credentialsKey);
  ({ prisma: app } = await import("@/lib/db"));
  tally = await import("@/lib/licenses/expiry-workspace/auto-renew-tally");
  ({ autoRenewDemand } = await import("@/lib/licenses/expiry-workspace/funds-warning"));
}, 120_000);
afterAll(async () => {
  await app?.$disconnect();
  await owner?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

const sorted = (rows: Row[]) => rows.map((r) => `${r.accountId}|${r.productCode}|${r.termDays}|${r.n}`).sort();
const window30 = (at: Date) => ({ gt: expiryBucketRange("0-7", at).gt, lte: expiryBucketRange("8-30", at).lte });

describe("the auto-renew tally under concurrent writers", () => {
  it("counts a license under its customer's new account when auto-renew is switched on while the customer is moved", async () => {
    const license = await app.license.findFirstOrThrow({ where: { status: "ACTIVE" }, select: { id: true, customerId: true } });
    // Ten days out (inside the 30-day window, a whole hour away from its ends), auto-renew off.
    await app.license.update({ where: { id: license.id }, data: { autoRenew: false, expiresAt: new Date(now.getTime() + 10 * DAY + 1_800_000), termDays: 365 } });
    const other = await owner.resellerAccount.create({
      data: { id: "race-other-account", label: "Other", loginName: "race-login", loginPasswordEnc: "x", apiBaseUrl: `${sandbox.url}/products/` },
    });
    expect(sorted(await autoRenewDemand(now))).toEqual(sorted(await tally.countAutoRenewDemand(window30(now), now)));

    const first = new pg.Client({ connectionString: db.appUrl });
    const second = new pg.Client({ connectionString: db.appUrl });
    await Promise.all([first.connect(), second.connect()]);
    try {
      const secondPid = (await second.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      await first.query("BEGIN");
      await first.query(`UPDATE "License" SET "autoRenew" = true WHERE id = $1`, [license.id]);
      // The move, while the first transaction is open: it either completes at once (the race) or
      // waits for the first one's lock (seen in pg_locks); only then does the first one commit.
      let moved = false;
      const move = second.query(`UPDATE "Customer" SET "resellerAccountId" = $1 WHERE id = $2`, [other.id, license.customerId]).then(() => (moved = true));
      while (!moved && (await first.query("SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted", [secondPid])).rowCount === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      await first.query("COMMIT");
      await move;
    } finally {
      await Promise.all([first.end(), second.end()]);
    }

    const full = await tally.countAutoRenewDemand(window30(now), now);
    expect(full.some((r) => r.accountId === other.id), "the license now counts under the other account").toBe(true);
    expect(sorted(await autoRenewDemand(now))).toEqual(sorted(full));
  });
});
