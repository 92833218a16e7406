/**
 * Reconciliation of an order whose number at Sectigo is already recorded on another order of ours
 * (review i18): before the fix reconcileOrder threw on Order_orderNumber_key and the order stayed
 * UNKNOWN for good, holding its license (lib/orders/settle-taken-number.ts).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { fixedNow } from "@/lib/clock/clock";
import { renewLicense } from "@/lib/licenses/actions/renew";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { systemActor } from "@/lib/auth/system-actor";
import { DAY, startSiteLockWorld, type SiteLockWorld } from "./sitelock-world";

let world: SiteLockWorld;
let prisma: SiteLockWorld["prisma"];
let key: string;
let admin: SiteLockWorld["admin"];
let manager: Actor;
const ACCOUNT = "acct-taken-number";

beforeAll(async () => {
  world = await startSiteLockWorld({ account: ACCOUNT, tag: "taken" });
  ({ prisma, key, admin, manager } = world);
}, 60_000);

afterAll(() => world?.stop());

const placed = (autoRenew: boolean) => world.placed(autoRenew);


/** Our renewal sent with its answer lost (UNKNOWN), Sectigo placed it: returns our order and Sectigo's number. */
async function lostRenewal() {
  const on = await placed(false);
  const expiry = on.license.expiresAt!;
  const tRenew = new Date(expiry.getTime() - 10 * DAY);
  await admin("POST", "clock", { now: tRenew.toISOString(), freeze: true });
  await admin("POST", "faults", { mode: "lost-response", endpoint: "!AutoApplyOrder", times: 1 });
  const deps = { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), now: fixedNow(tRenew) };
  expect(await renewLicense(manager, { licenseId: on.license.id }, deps)).toMatchObject({ ok: true });
  await admin("DELETE", "faults");
  const mine = await prisma.order.findFirstOrThrow({ where: { targetLicenseId: on.license.id, kind: "RENEWAL" } });
  expect(mine.status).toBe("UNKNOWN");
  const upstream = (await admin<{ orders: Array<{ order: { orderNumber: string } }> }>("GET", `orders?loginName=${DEMO_RESELLER.loginName}&domainName=${on.domain}`)).orders
    .map((o) => o.order.orderNumber)
    .filter((number) => number !== on.license.currentOrderNumber);
  expect(upstream).toHaveLength(1);
  const later = { ...deps, now: fixedNow(new Date(expiry.getTime() + DAY)) };
  return { on, expiry, mine, number: upstream[0]!, deps: later };
}

describe("reconciliation when Sectigo's order number is already recorded on another order", () => {
  it("replaces the sync's stand-in for an 'auto-renewal' that was our own renewal: settled PLACED, one renewal, the license not moved twice", async () => {
    const { on, expiry, mine, number, deps } = await lostRenewal();
    // What the sync wrote before review i18's fix: the renewal taken for Sectigo's own, the license moved by it.
    const periodStart = expiry;
    await prisma.license.update({ where: { id: on.license.id }, data: { expiresAt: new Date(expiry.getTime() + 365 * DAY), currentOrderNumber: number, status: "ACTIVE" } });
    const standIn = await prisma.order.create({
      data: { foreignOrderNumber: `sectigo-auto-renewal-${number}`, orderNumber: number, kind: "RENEWAL", status: "PLACED", customerId: on.license.customerId, resellerAccountId: ACCOUNT, targetLicenseId: on.license.id, placedAt: periodStart },
    });

    // Before the fix: Order_orderNumber_key violated, the order UNKNOWN for good.
    const result = await reconcileOrder(systemActor("test"), { orderId: mine.id }, deps);
    expect(result).toEqual({ outcome: "PLACED", orderNumber: number });
    const settled = await prisma.order.findUniqueOrThrow({ where: { id: mine.id } });
    expect(settled).toMatchObject({ status: "PLACED", orderNumber: number, placedAt: periodStart });
    expect(Number(settled.totalCost)).toBeGreaterThan(0);
    expect(await prisma.order.findUnique({ where: { id: standIn.id } })).toBeNull();
    const renewals = await prisma.order.findMany({ where: { targetLicenseId: on.license.id, kind: "RENEWAL", status: "PLACED" } });
    expect(renewals.map((o) => o.id)).toEqual([mine.id]);
    const license = await prisma.license.findUniqueOrThrow({ where: { id: on.license.id } });
    expect(license.expiresAt).toEqual(new Date(expiry.getTime() + 365 * DAY));
    expect(license.currentOrderNumber).toBe(number);
    const event = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: mine.id, kind: "RECONCILED" } });
    expect(event.message).toContain(`sectigo-auto-renewal-${number}`);
    // Asked again: settled already, nothing changes.
    expect(await reconcileOrder(systemActor("test"), { orderId: mine.id }, deps)).toEqual({ outcome: "SETTLED_ALREADY" });
  });

  it("another order of ours holding the number is left to a person: no throw, the order stays open with a note naming the other", async () => {
    const { on, mine, number, deps } = await lostRenewal();
    const other = await prisma.order.create({
      data: { foreignOrderNumber: `od-other-${randomUUID()}`, orderNumber: number, kind: "RENEWAL", status: "PLACED", customerId: on.license.customerId, resellerAccountId: ACCOUNT, targetLicenseId: on.license.id, placedAt: new Date() },
    });
    const result = await reconcileOrder(systemActor("test"), { orderId: mine.id }, deps);
    expect(result).toMatchObject({ outcome: "NOT_YET" });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("UNKNOWN");
    expect(await prisma.order.findUnique({ where: { id: other.id } })).not.toBeNull();
    const note = await prisma.orderEvent.findFirstOrThrow({ where: { orderId: mine.id, kind: "NOTE" }, orderBy: { createdAt: "desc" } });
    expect(note.message).toContain(other.foreignOrderNumber);
  });
});
