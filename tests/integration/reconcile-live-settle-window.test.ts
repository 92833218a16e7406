/**
 * Review of issue 19: RECONCILE_SETTLE_WINDOW_MS (how long reconciliation waits before it calls an
 * order Sectigo does not show "not placed, safe to order again") is refused below 10 minutes only
 * when the whole process runs with SECTIGO_MODE=live (lib/env.ts refineDeployCommon). With
 * SECTIGO_MODE=sandbox (`npm start`'s default, or a deployment that keeps a sandbox) LIVE reseller
 * accounts are still allowed (lib/sectigo/allowed-base-url.ts), and a 5-20 s window applies to their
 * orders too: a live order whose call timed out is declared not placed after 20 s, and a bulk renewal
 * run then renews that license again (run-engine.ts reviveSettledUnknownItems) while live Sectigo may
 * still place the first one late: two renewals paid. The window's floor belongs to the account.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderDeps } from "@/lib/orders/order-deps";
import { fixedNow } from "@/lib/clock/clock";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { systemActor } from "@/lib/auth/system-actor";
import type { SectigoClient } from "@/lib/sectigo/client";
import { startSiteLockWorld, T0, type SiteLockWorld } from "./sitelock-world";

let world: SiteLockWorld;
const ACCOUNT = "acct-live-window";

beforeAll(async () => {
  world = await startSiteLockWorld({ account: ACCOUNT, tag: "livewin" });
}, 60_000);
afterAll(() => world?.stop());

/** Sectigo (as reconciliation sees it): no order with our reference, yet. */
const nothingAtSectigo = { webHostReport: async () => ({ ok: true, value: { rows: [] } }) } as unknown as SectigoClient;

/** A renewal whose call timed out 60 s ago (UNKNOWN), with a 20 s settle window configured. */
async function unknownRenewal(mode: "LIVE" | "SANDBOX") {
  const { prisma, key } = world;
  const on = await world.placed(false);
  await prisma.resellerAccount.update({ where: { id: ACCOUNT }, data: { mode } });
  const sent = new Date(T0.getTime() + 3_600_000);
  const order = await prisma.order.create({
    data: {
      foreignOrderNumber: `OD-review-${randomUUID()}`,
      kind: "RENEWAL",
      status: "UNKNOWN",
      customerId: on.license.customerId,
      resellerAccountId: ACCOUNT,
      targetLicenseId: on.license.id,
      operation: "autoApplyOrder",
      request: { operation: "autoApplyOrder", input: { kind: "renewal", previousOrderNumber: on.license.currentOrderNumber, days: 365 } },
      createdAt: sent,
    },
  });
  const deps = { ...orderDeps(prisma, { credentialsKey: key, settleWindowMs: 20_000 }), sectigo: async () => nothingAtSectigo, now: fixedNow(new Date(sent.getTime() + 60_000)) };
  return { order, deps };
}

describe("reconciliation's settle window for a live account in a process started with SECTIGO_MODE=sandbox", () => {
  it("a sandbox account's order: not placed after the configured 20 s (the window is honoured)", async () => {
    const { order, deps } = await unknownRenewal("SANDBOX");
    expect(await reconcileOrder(systemActor("test"), { orderId: order.id }, deps)).toEqual({ outcome: "NOT_PLACED" });
  });

  it("a LIVE account's order is not called 'not placed' 60 s after it was sent, whatever the configured window", async () => {
    const { order, deps } = await unknownRenewal("LIVE");
    const result = await reconcileOrder(systemActor("test"), { orderId: order.id }, deps);
    expect(result.outcome).not.toBe("NOT_PLACED");
    expect((await world.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("UNKNOWN");
  });
});
