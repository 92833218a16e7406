/**
 * Issue 18: when Sectigo auto-renews a license at expiry (auto-renew on, funds enough), the sync
 * follows it instead of reporting drift: the license takes the new expiry and Sectigo's new order
 * number, its history gets a RENEWAL order "Renewed automatically by Sectigo", once, however many
 * runs see it at once. A license with auto-renew off just expires (no renewal, no drift), and an
 * expiry changed behind our back on the current order stays drift for a person. The sync decides
 * "expired" on the sandbox's clock, read the way the app reads it (lib/clock/sandbox-clock.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { AUTO_RENEWED_MESSAGE } from "@/lib/sync/follow-auto-renewals";
import { DAY, startSiteLockWorld, type SiteLockWorld } from "./sitelock-world";

let world: SiteLockWorld;
let prisma: SiteLockWorld["prisma"];
let admin: SiteLockWorld["admin"];
const ACCOUNT = "acct-auto-renew";

beforeAll(async () => {
  world = await startSiteLockWorld({ account: ACCOUNT, tag: "auto" });
  ({ prisma, admin } = world);
}, 60_000);

afterAll(() => world?.stop());

const placed = (autoRenew: boolean) => world.placed(autoRenew);

async function upstreamOrders(domain: string) {
  return (await admin<{ orders: Array<{ order: { orderNumber: string; kind?: string } }> }>("GET", `orders?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`)).orders.map((o) => o.order);
}

const syncRun = (runId: string) => world.syncRun(runId);

describe("the sync follows Sectigo's auto-renewal at expiry", () => {
  it("auto-renew on: followed once (new order number, new expiry, a RENEWAL in its history, no drift); off: expired, no renewal; an unexpected expiry change stays drift", async () => {
    const on = await placed(true);
    const off = await placed(false);
    const moved = await placed(false);
    const expiry = on.license.expiresAt!;
    // Behind our back, on the current order: an expiry nobody expected.
    const odd = new Date(moved.license.expiresAt!.getTime() + 40 * DAY);
    await admin("PATCH", `licenses/${moved.license.currentOrderNumber}`, { expiresAt: odd.toISOString() });

    // Past expiry at Sectigo: it renews the license with auto-renew on, as a new order.
    const clock = await admin<{ autoRenewed: number }>("POST", "clock", { now: new Date(expiry.getTime() + DAY).toISOString(), freeze: true });
    expect(clock.autoRenewed).toBe(1);
    const renewal = (await upstreamOrders(on.domain)).find((o) => o.orderNumber !== on.license.currentOrderNumber);
    expect(renewal?.kind).toBe("auto-renewal");
    expect(await upstreamOrders(off.domain)).toHaveLength(1);

    const run = await prisma.syncRun.create({ data: { resellerAccountId: ACCOUNT } });
    const progress = await syncRun(run.id);
    expect(progress.status).toBe("DONE");

    const followed = await prisma.license.findUniqueOrThrow({ where: { id: on.license.id }, include: { actingOrders: { include: { events: true, items: true } } } });
    expect(followed).toMatchObject({ status: "ACTIVE", expiresAt: new Date(expiry.getTime() + 365 * DAY), currentOrderNumber: renewal!.orderNumber });
    expect(followed.actingOrders).toHaveLength(1);
    expect(followed.actingOrders[0]).toMatchObject({ kind: "RENEWAL", status: "PLACED", orderNumber: renewal!.orderNumber, placedAt: expiry });
    expect(followed.actingOrders[0]!.events.map((e) => e.message)).toEqual([expect.stringContaining(AUTO_RENEWED_MESSAGE)]);
    expect(followed.actingOrders[0]!.items).toMatchObject([{ productCode: 1060, days: 365, domainName: on.domain, isAddOn: false }]);

    const notRenewed = await prisma.license.findUniqueOrThrow({ where: { id: off.license.id }, include: { actingOrders: true } });
    expect(notRenewed.expiresAt).toEqual(off.license.expiresAt);
    expect(notRenewed.actingOrders).toEqual([]);

    // Only the unexpected change is drift: nothing about the followed or the expired license.
    const drift = await prisma.driftItem.findMany({ where: { runId: run.id } });
    expect(drift.map((d) => ({ kind: d.kind, licenseId: d.licenseId, theirs: d.theirs }))).toEqual([{ kind: "EXPIRY", licenseId: moved.license.id, theirs: odd.toISOString() }]);
    expect(progress.driftFound).toBe(1);

    // The next sync: nothing new to follow, nothing recorded twice, the unexpected change still drift.
    const again = await prisma.syncRun.create({ data: { resellerAccountId: ACCOUNT } });
    await syncRun(again.id);
    expect(await prisma.order.count({ where: { targetLicenseId: on.license.id } })).toBe(1);
    expect((await prisma.driftItem.findMany({ where: { runId: again.id } })).map((d) => d.licenseId)).toEqual([moved.license.id]);
  });

  it("two runs at once (two workers) record the renewal once", async () => {
    const on = await placed(true);
    const expiry = on.license.expiresAt!;
    await admin("POST", "clock", { now: new Date(expiry.getTime() + DAY).toISOString(), freeze: true });
    const runs = await Promise.all([1, 2].map(() => prisma.syncRun.create({ data: { resellerAccountId: ACCOUNT } })));
    expect((await Promise.all(runs.map((r) => syncRun(r.id)))).map((p) => p.status)).toEqual(["DONE", "DONE"]);
    const orders = await prisma.order.findMany({ where: { targetLicenseId: on.license.id } });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ kind: "RENEWAL", status: "PLACED" });
    expect(await prisma.license.findUniqueOrThrow({ where: { id: on.license.id } })).toMatchObject({ expiresAt: new Date(expiry.getTime() + 365 * DAY), currentOrderNumber: orders[0]!.orderNumber });
    // A later run: no difference left about it.
    const after = await prisma.syncRun.create({ data: { resellerAccountId: ACCOUNT } });
    await syncRun(after.id);
    expect(await prisma.driftItem.count({ where: { runId: after.id, licenseId: on.license.id } })).toBe(0);
  });

  it("auto-renew on, not expired yet: an expiry changed on its current order stays drift, nothing is recorded", async () => {
    const early = await placed(true);
    // The sandbox's clock is still before this license's expiry: whatever Sectigo shows is not the
    // renewal at expiry (here: the expiry changed on the current order, as support might).
    const at = new Date(early.license.expiresAt!.getTime() - 100 * DAY);
    await admin("POST", "clock", { now: at.toISOString(), freeze: true });
    const odd = new Date(early.license.expiresAt!.getTime() + 365 * DAY);
    await admin("PATCH", `licenses/${early.license.currentOrderNumber}`, { expiresAt: odd.toISOString() });
    const run = await prisma.syncRun.create({ data: { resellerAccountId: ACCOUNT } });
    await syncRun(run.id);
    const drift = await prisma.driftItem.findMany({ where: { runId: run.id, licenseId: early.license.id } });
    expect(drift.map((d) => d.kind)).toEqual(["EXPIRY"]);
    expect(await prisma.order.count({ where: { targetLicenseId: early.license.id } })).toBe(0);
  });
});
