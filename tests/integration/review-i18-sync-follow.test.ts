/**
 * Reviewer probes (issue 18, independent review) of the sync following Sectigo's auto-renewal
 * (lib/sync/follow-auto-renewals.ts): the money of a followed renewal, and a renewal of OUR OWN whose
 * answer was lost (UNKNOWN) that the sync takes for Sectigo's auto-renewal. FAILED on main at review time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { AUTO_RENEWED_MESSAGE } from "@/lib/sync/follow-auto-renewals";
import { fixedNow } from "@/lib/clock/clock";
import { renewLicense } from "@/lib/licenses/actions/renew";
import { setAutoRenew } from "@/lib/licenses/actions/set-auto-renew";
import { previewCancellation } from "@/lib/licenses/actions/cancel";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { systemActor } from "@/lib/auth/system-actor";
import { DAY, startSiteLockWorld, type SiteLockWorld } from "./sitelock-world";

let world: SiteLockWorld;
let prisma: SiteLockWorld["prisma"];
let key: string;
let admin: SiteLockWorld["admin"];
let manager: Actor;
const ACCOUNT = "acct-rv18-auto";

beforeAll(async () => {
  world = await startSiteLockWorld({ account: ACCOUNT, tag: "rv18-auto" });
  ({ prisma, key, admin, manager } = world);
}, 60_000);

afterAll(() => world?.stop());

const placed = (autoRenew: boolean) => world.placed(autoRenew);

async function upstreamOrders(domain: string) {
  return (await admin<{ orders: Array<{ order: { orderNumber: string; kind?: string } }> }>("GET", `orders?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`)).orders.map((o) => o.order);
}

const syncRun = (runId: string) => world.syncRun(runId);


const funds = async () => (await admin<{ accounts: Array<{ loginName: string; funds: number }> }>("GET", "accounts")).accounts.find((a) => a.loginName === DEMO_RESELLER.loginName)!.funds;

describe("review i18: the sync following Sectigo's auto-renewal", () => {
  it("the followed renewal's order records what Sectigo debited for it (WebHostReport's cost), as a renewal placed by Order Desk does", async () => {
    const on = await placed(true);
    const expiry = on.license.expiresAt!;
    const before = await funds();
    await admin("POST", "clock", { now: new Date(expiry.getTime() + DAY).toISOString(), freeze: true });
    const debited = Math.round((before - (await funds())) * 100) / 100;
    expect(debited).toBeGreaterThan(0);
    const run = await prisma.syncRun.create({ data: { resellerAccountId: ACCOUNT } });
    expect((await syncRun(run.id)).status).toBe("DONE");
    const order = await prisma.order.findFirstOrThrow({ where: { targetLicenseId: on.license.id, kind: "RENEWAL" } });
    // Spend reports and the refund's "amount back" (cancel-money.ts) read these columns.
    expect(order.totalCost === null ? null : Number(order.totalCost)).toBe(debited);
    expect(order.currency).toBe("USD");
  });

  it("our own renewal whose answer was lost (UNKNOWN) is not recorded as Sectigo's auto-renewal, and the license moves one term, once", async () => {
    // Auto-renew off (a renewal by hand is refused while it is on).
    const on = await placed(false);
    const expiry = on.license.expiresAt!;
    // Ten days before expiry, inside the renewal window: renewed by hand from Order Desk, answer lost.
    const tRenew = new Date(expiry.getTime() - 10 * DAY);
    await admin("POST", "clock", { now: tRenew.toISOString(), freeze: true });
    await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoApplyOrder", times: 1 });
    const deps = { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), now: fixedNow(tRenew) };
    const renewed = await renewLicense(manager, { licenseId: on.license.id }, deps);
    await admin("DELETE", "faults");
    expect(renewed).toMatchObject({ ok: true });
    const mine = await prisma.order.findFirstOrThrow({ where: { targetLicenseId: on.license.id, kind: "RENEWAL" } });
    expect(mine.status).toBe("UNKNOWN");
    // Then auto-renew is switched on (it spends nothing, so an order still open does not stop it).
    expect(await setAutoRenew(manager, { licenseId: on.license.id, autoRenew: true }, deps)).toMatchObject({ ok: true });
    // Sectigo did renew it (a new order number on the license, expiry one term later).
    const upstream = (await upstreamOrders(on.domain)).filter((o) => o.orderNumber !== on.license.currentOrderNumber);
    expect(upstream).toHaveLength(1);

    // Past the old expiry, the sync runs before anyone reconciled our order.
    await admin("POST", "clock", { now: new Date(expiry.getTime() + DAY).toISOString(), freeze: true });
    const run = await prisma.syncRun.create({ data: { resellerAccountId: ACCOUNT } });
    expect((await syncRun(run.id)).status).toBe("DONE");
    // Our UNKNOWN order IS that renewal: no second, made-up "Renewed automatically by Sectigo" order.
    const auto = await prisma.orderEvent.count({ where: { order: { targetLicenseId: on.license.id }, message: { contains: AUTO_RENEWED_MESSAGE } } });
    expect(auto).toBe(0);

    // Reconciliation then settles our order: one renewal, one term.
    await reconcileOrder(systemActor("test"), { orderId: mine.id }, { ...deps, now: fixedNow(new Date(expiry.getTime() + DAY)) });
    const renewals = await prisma.order.findMany({ where: { targetLicenseId: on.license.id, kind: "RENEWAL", status: "PLACED" } });
    expect(renewals).toHaveLength(1);
    expect((await prisma.license.findUniqueOrThrow({ where: { id: on.license.id } })).expiresAt).toEqual(new Date(expiry.getTime() + 365 * DAY));
  });

  it("after the clock moved two terms (two auto-renewals followed at once), the refund period is the last renewal's, as at Sectigo", async () => {
    const on = await placed(true);
    const expiry = on.license.expiresAt!;
    // Two periods fall due: at the expiry and one term later. Now is day 1 of the last one.
    const now = new Date(expiry.getTime() + 366 * DAY);
    await admin("POST", "clock", { now: now.toISOString(), freeze: true });
    const run = await prisma.syncRun.create({ data: { resellerAccountId: ACCOUNT } });
    expect((await syncRun(run.id)).status).toBe("DONE");
    expect((await prisma.license.findUniqueOrThrow({ where: { id: on.license.id } })).expiresAt).toEqual(new Date(expiry.getTime() + 730 * DAY));
    const deps = { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), now: fixedNow(now) };
    const preview = await previewCancellation(manager, { licenseId: on.license.id }, deps);
    // At Sectigo the refund period restarted at the last renewal, a day ago (oracle: the sandbox's own record).
    const upstream = (await admin<{ licenses: Array<{ parentId: string | null; refundWindowStart: string }> }>("GET", `licenses?loginName=${DEMO_RESELLER.loginName}&domainName=${on.domain}`)).licenses.find((l) => l.parentId === null)!;
    expect(now.getTime() - Date.parse(upstream.refundWindowStart)).toBeLessThanOrEqual(14 * DAY);
    expect(preview).toMatchObject({ ok: true, refundOffered: true, call: "autoRefund" });
  });
});
