/**
 * The renewals workspace's cards and chart (issue 19 item 4) come from tallies the database keeps
 * current (migrations *_expiry_tally, *_expiry_tally_day: per expiry hour and per day), not from counting every license of the range per view.
 * Oracle: the query the page ran before (`rollupSql`: every license of the range, per slot and
 * plan), on a generated world of 3,000 licenses, for every filter the tally serves (none, auto-renew
 * on/off, a product, a tier, a tier with auto-renew), at many instants (hour bounds, a millisecond
 * either side, between), compared as the page shows them (the cards' counts and values, the
 * chart's weeks) and as rows; again after random changes made through the app's own database role
 * (expiries spread over the hours and moved across the range's ends, auto-renew, statuses, plans
 * and terms changed, expiries removed, licenses deleted and inserted), and after a compaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedDemo } from "@/tools/demo/seed-demo";
import { anchorDay } from "@/tools/demo-world/demo-data";
import { scaleWorld } from "@/tools/demo/scale-world";
import { startSandbox } from "@/tools/sandbox/server";
import { expiryFilterSchema, TIER_PRODUCTS, type ExpiryFilter } from "@/lib/licenses/expiry-workspace/filter";
import { rollupSlots } from "@/lib/licenses/expiry-workspace/sql";
import { setAppEnv, startAppDatabase } from "./test-database";

type Ws = typeof import("@/lib/licenses/expiry-workspace/workspace");
type Tally = typeof import("@/lib/licenses/expiry-workspace/expiry-tally");

let db: Awaited<ReturnType<typeof startAppDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let owner: ReturnType<typeof createPrismaClient>;
let app: (typeof import("@/lib/db"))["prisma"];
let ws: Ws;
let tally: Tally;
const now = new Date();
const anchor = anchorDay(now);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  db = await startAppDatabase();
  owner = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor });
  const credentialsKey = generateKey();
  await seedDemo(owner, { anchor, credentialsKey, sandboxUrl: `${sandbox.url}/products/` });
  // The whole workspace range (30 days back to 13 weeks ahead) and a little beyond either end.
  const world = await scaleWorld({ databaseUrl: db.url, options: { licenses: 3000, seed: 7, expiryFromDays: -35, expiryToDays: 96 }, anchor });
  expect(world.status).toBe("seeded");
  // The app's Prisma client connects as the app's role: the triggers run with its grants.
  setAppEnv(db.appUrl, credentialsKey);
  ({ prisma: app } = await import("@/lib/db"));
  ws = await import("@/lib/licenses/expiry-workspace/workspace");
  tally = await import("@/lib/licenses/expiry-workspace/expiry-tally");
}, 120_000);
afterAll(async () => {
  await app?.$disconnect();
  await owner?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

const tiers = [...TIER_PRODUCTS.keys()];
const filters = (): ExpiryFilter[] =>
  [
    {},
    { autoRenew: "on" },
    { autoRenew: "off" },
    { product: 1060 },
    { tier: tiers[1] },
    { tier: tiers[2], autoRenew: "on" },
    { bucket: "0-7", autoRenew: "off" },
  ].map((f) => expiryFilterSchema.parse(f));

/** Instants around hour bounds (on one, a millisecond either side, between) and at midnight (the generated expiries' instant). */
const instants = () => {
  const hour = Math.floor(now.getTime() / HOUR) * HOUR;
  const midnight = Math.floor(now.getTime() / DAY) * DAY;
  return [0, 1, -1, 17 * 60_000 + 123, HOUR - 1, 3 * HOUR + 1, 26 * HOUR + 59 * 60_000]
    .map((d) => new Date(hour + d))
    .concat([now, new Date(midnight), new Date(midnight + 1), new Date(midnight - 1)]);
};

/** The old query's rows, as `rollup` labels them. */
async function oracleRows(filter: ExpiryFilter, at: Date) {
  const slots = rollupSlots(at);
  const rows = await app.$queryRaw<Array<{ slot: number; productCode: number; termDays: number | null; n: number }>>(ws.rollupSql(filter, at));
  return rows.map(({ slot, ...r }) => ({ ...r, bucket: slots[slot]!.bucket, week: slots[slot]!.week }));
}
const rowKeys = (rows: Array<{ bucket: string | null; week: number | null; productCode: number; termDays: number | null; n: number }>) =>
  rows.map((r) => `${r.bucket}|${r.week}|${r.productCode}|${r.termDays ?? 0}|${r.n}`).sort();

async function expectEqualToFullCount(label: string) {
  const book = await ws.loadPriceBook();
  let compared = 0;
  for (const filter of filters()) {
    expect(tally.tallyServes(filter)).toBe(true);
    for (const at of instants()) {
      const [read, full] = await Promise.all([ws.rollup(filter, at), oracleRows(filter, at)]);
      const where = `${label}, ${JSON.stringify(filter)}, at ${at.toISOString()}`;
      // What the page shows: the cards (count, value, unpriced) and the chart's weeks.
      expect(ws.bucketsOf(read, book), where).toEqual(ws.bucketsOf(full, book));
      expect(ws.weeksOf(read, at, book), where).toEqual(ws.weeksOf(full, at, book));
      expect(rowKeys(read), where).toEqual(rowKeys(full));
      compared += full.reduce((s, r) => s + r.n, 0);
    }
  }
  expect(compared, "the range holds licenses to compare").toBeGreaterThan(10_000);
}

/** A small seeded PRNG: the same changes on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

describe("the renewals workspace's cards and chart", () => {
  it("are read from the tally the database keeps (a tally row inside the range shows in the cards)", async () => {
    // A whole day inside the slot (now + 7 days, now + 14 days]: read from the day tally.
    const day = new Date(Math.floor((now.getTime() + 10 * DAY) / DAY) * DAY);
    await owner.$executeRaw`INSERT INTO "ExpiryTallyDay" ("expiryDay", status, "productCode", "termDays", "autoRenew", n) VALUES (${day}::timestamp, 'ACTIVE', 999999, 365, true, 7)`;
    try {
      const rows = await ws.rollup(expiryFilterSchema.parse({}), now);
      expect(rows.filter((r) => r.productCode === 999999)).toEqual([{ productCode: 999999, termDays: 365, n: 7, bucket: "8-30", week: 1 }]);
    } finally {
      await owner.$executeRaw`DELETE FROM "ExpiryTallyDay" WHERE "productCode" = 999999`;
    }
  });

  it("read the hour each slot ends in from the tally, not its licenses from 00:00 on (date-only expiries all fall on midnight)", async () => {
    // 41 minutes into an hour, every slot ends 41 minutes into an hour whose start is where
    // date-only expiries sit: counted from "License", 17 slots each read a whole day of them (issue 19).
    const at = new Date(Math.floor(now.getTime() / HOUR) * HOUR + 41 * 60_000);
    // The slot (at + 7 days, at + 14 days] ends in the hour that starts at at's hour + 14 days.
    const hour = new Date(Math.floor(at.getTime() / HOUR) * HOUR + 14 * DAY);
    await owner.$executeRaw`INSERT INTO "ExpiryTally" ("expiryHour", status, "productCode", "termDays", "autoRenew", n) VALUES (${hour}::timestamp, 'ACTIVE', 999999, 365, true, 4)`;
    try {
      const rows = await ws.rollup(expiryFilterSchema.parse({}), at);
      expect(rows.filter((r) => r.productCode === 999999)).toEqual([{ productCode: 999999, termDays: 365, n: 4, bucket: "8-30", week: 1 }]);
    } finally {
      await owner.$executeRaw`DELETE FROM "ExpiryTally" WHERE "productCode" = 999999`;
    }
  });

  it("a customer's or a manager's licenses are still counted in License (the tally has no customer)", () => {
    expect(tally.tallyServes(expiryFilterSchema.parse({ customer: "c1" }))).toBe(false);
    expect(tally.tallyServes(expiryFilterSchema.parse({ manager: "none" }))).toBe(false);
  });

  it("equal the full count of the range (the old query) for every filter, at any instant, hour bounds included", async () => {
    await expectEqualToFullCount("as generated");
  });

  it("stay equal to the full count after random changes through the app's role, and after a compaction", async () => {
    const rnd = random(19);
    const pick = <T>(list: T[], k: number) => Array.from({ length: k }, () => list[Math.floor(rnd() * list.length)]!);
    const ids = (await app.license.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((l) => l.id);
    const anywhere = () => new Date(now.getTime() + Math.round((rnd() * 125 - 32) * DAY) + Math.round(rnd() * DAY));

    // Spread the generated midnight expiries over the hours (one bulk statement), then single moves.
    await app.$executeRaw`UPDATE "License" SET "expiresAt" = "expiresAt" + (abs(hashtext(id)) % 86400000) * interval '1 millisecond' WHERE id = ANY(${pick(ids, 1500)})`;
    for (const id of pick(ids, 100)) await app.license.update({ where: { id }, data: { expiresAt: anywhere() } });
    await app.$transaction(async (tx) => {
      for (const id of pick(ids, 20)) await tx.license.update({ where: { id }, data: { autoRenew: rnd() < 0.5, expiresAt: anywhere() } });
    });
    await app.license.updateMany({ where: { id: { in: pick(ids, 150) } }, data: { autoRenew: true } });
    await app.license.updateMany({ where: { id: { in: pick(ids, 150) } }, data: { autoRenew: false } });
    await app.license.updateMany({ where: { id: { in: pick(ids, 60) } }, data: { status: "CANCELLED" } });
    await app.license.updateMany({ where: { id: { in: pick(ids, 30) } }, data: { status: "PENDING" } });
    await app.license.updateMany({ where: { id: { in: pick(ids, 30) } }, data: { status: "EXPIRED" } });
    await app.license.updateMany({ where: { id: { in: pick(ids, 40) } }, data: { productCode: 1061, termDays: null } });
    await app.license.updateMany({ where: { id: { in: pick(ids, 40) } }, data: { termDays: 30 } });
    await app.license.updateMany({ where: { id: { in: pick(ids, 20) } }, data: { expiresAt: null } });
    // Changes of columns the tally does not count write no delta.
    const deltas = await owner.expiryTallyDelta.count();
    await app.license.updateMany({ where: { id: { in: pick(ids, 50) } }, data: { updatedAt: new Date() } });
    expect(await owner.expiryTallyDelta.count()).toBe(deltas);
    await expectEqualToFullCount("after updates");

    const doomed = [...new Set(pick(ids, 40))];
    await app.license.deleteMany({ where: { id: { in: doomed } } });
    const copies = await app.license.findMany({ where: { id: { in: pick(ids.filter((id) => !doomed.includes(id)), 80) } } });
    await app.license.createMany({
      data: copies.map((l, i) => ({ ...l, id: `tally-copy-${i}-${l.id}`, domainName: `copy-${i}.${l.domainName}`, autoRenew: rnd() < 0.5, expiresAt: anywhere() })),
    });
    await expectEqualToFullCount("after deletes and inserts");

    expect(await tally.compactExpiryTally()).toBeGreaterThan(0);
    expect(await owner.expiryTallyDelta.count()).toBe(0);
    // The day tally is the hour tally summed per day, row for row.
    const disagree = await owner.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM (
        SELECT date_trunc('day', "expiryHour") AS d, status, "productCode", "termDays", "autoRenew", sum(n) AS n FROM "ExpiryTally" GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
      ) h FULL JOIN (SELECT * FROM "ExpiryTallyDay" WHERE n <> 0) y
        ON y."expiryDay" = h.d AND y.status = h.status AND y."productCode" = h."productCode" AND y."termDays" = h."termDays" AND y."autoRenew" = h."autoRenew"
      WHERE h.n IS DISTINCT FROM y.n`;
    expect(disagree[0]?.n).toBe(0);
    await expectEqualToFullCount("after a compaction");
  });
});

describe("the cards and chart at every bound of a slot (licences exactly on the bounds, deltas pending, then compacted)", () => {
  beforeAll(async () => {
    // Every plan of the app's connections generic (as PostgreSQL may pick after five runs of the prepared rollup).
    if (process.env.REVIEW_GENERIC) await owner.$executeRawUnsafe(`ALTER ROLE "${new URL(db.appUrl).username}" SET plan_cache_mode = force_generic_plan`);
  });
  it("equals the full count with licences at each slot's lte, lte ± 1 ms, hourEnd, hourEnd - 1 ms, gt, gt + 1 ms, headLte, hourFrom, dayFrom, dayTo", async () => {
    const ids = (await app.license.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 1200 })).map((l) => l.id);
    const book = await ws.loadPriceBook();
    const hour = Math.floor(now.getTime() / HOUR) * HOUR;
    let next = 0;
    for (const at of [hour + 17 * 60_000 + 123, hour, hour + 1, hour - 1, hour + HOUR - 1].map((t) => new Date(t))) {
      const targets = tally.tallySlots(at).flatMap((s) => {
        const t = (d: Date) => d.getTime();
        return [t(s.lte), t(s.lte) + 1, t(s.lte) - 1, t(s.hourEnd), t(s.hourEnd) - 1, t(s.gt), t(s.gt) + 1, t(s.headLte), t(s.hourFrom), t(s.dayFrom), t(s.dayTo)];
      });
      for (const t of targets) await app.license.update({ where: { id: ids[next++ % ids.length]! }, data: { expiresAt: new Date(t), status: "ACTIVE" } });
      for (const phase of ["pending", "compacted"]) {
        if (phase === "compacted") await tally.compactExpiryTally();
        else expect(await owner.expiryTallyDelta.count()).toBeGreaterThan(0);
        if (process.env.REVIEW_GENERIC) expect((await app.$queryRawUnsafe<Array<{ m: string }>>("SELECT current_setting('plan_cache_mode') AS m"))[0]!.m).toBe("force_generic_plan");
        for (const filter of filters()) {
          const [read, full] = await Promise.all([ws.rollup(filter, at), oracleRows(filter, at)]);
          const where = `${phase}, ${JSON.stringify(filter)}, at ${at.toISOString()}`;
          expect(read.filter((r) => r.n < 0), where).toEqual([]);
          expect(rowKeys(read), where).toEqual(rowKeys(full));
          expect(ws.bucketsOf(read, book), where).toEqual(ws.bucketsOf(full, book));
          expect(ws.weeksOf(read, at, book), where).toEqual(ws.weeksOf(full, at, book));
        }
      }
    }
  });

  it("a licence without a term stored as 0 (termDays 0, SiteLock 911) just after a slot's end: no negative row", async () => {
    const at = new Date(Math.floor(now.getTime() / HOUR) * HOUR + 17 * 60_000 + 123);
    const slot = tally.tallySlots(at)[5]!;
    const [one] = await app.license.findMany({ select: { id: true }, orderBy: { id: "desc" }, take: 1 });
    await app.license.update({ where: { id: one!.id }, data: { expiresAt: new Date(slot.lte.getTime() + 1), status: "ACTIVE", productCode: 1082, termDays: 0 } });
    const filter = expiryFilterSchema.parse({});
    const [read, full] = await Promise.all([ws.rollup(filter, at), oracleRows(filter, at)]);
    // No term and a term of 0 are one plan (planKeyOf; the tally stores both as 0 and reads them as none).
    const mine = (rows: typeof read) => rows.filter((r) => r.productCode === 1082).map((r) => `${r.bucket}|${r.week}|${r.termDays ?? 0}|${r.n}`).sort();
    expect(read.filter((r) => r.n < 0)).toEqual([]);
    expect(mine(read)).toEqual(mine(full));
  });
});
