/**
 * A double click on a license action: two copies of one submission at once. The copy that looked
 * its key up before the other inserted it, and checked the license after, used to be refused
 * ("another order is pending", "has that add-on already") for the person's own click (CI, stop 22:
 * one of two copies of an add-on answered ORDER_PENDING). Here the interleaving is forced: the twin
 * runs to its end right after the slower copy's k-th look-up of the key, for every k the copy makes.
 * Both copies must answer with the same order, and Sectigo must see one order.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderDeps, type OrderDeps } from "@/lib/orders/order-deps";
import { fixedNow } from "@/lib/clock/clock";
import { confirmedAddOn } from "./add-on-confirmed";
import { cancelLicense } from "@/lib/licenses/actions/cancel";
import { changePlan, type ChangePlanDeps } from "@/lib/licenses/actions/change-plan";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { DAY, T0, startSiteLockWorld, type SiteLockWorld } from "./sitelock-world";

let w: SiteLockWorld;
beforeAll(async () => {
  w = await startSiteLockWorld({ account: "acct-twin", tag: "twin" });
}, 120_000);
afterAll(async () => w?.stop());

/**
 * Deps whose database starts `twin` right after the k-th look-up of `key` by submission key (the
 * look-up itself answers as the database did before the twin), and lets the slower copy go on once
 * the twin is `at` its Sectigo call (its order written, its answer not back) or "done".
 * `fired()` is the twin's run, when it started.
 */
function depsWithTwinAfter(base: OrderDeps, key: string, k: number, at: "sectigo" | "done", twin: (d: OrderDeps) => Promise<unknown>) {
  let seen = 0;
  let ran: Promise<unknown> | null = null;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let reached!: () => void;
  const atSectigo = new Promise<void>((r) => (reached = r));
  // The twin's Sectigo client: every call waits until the slower copy has answered (at "sectigo").
  const twinDeps: OrderDeps = {
    ...base,
    sectigo: async (accountId, link) => {
      const client = await base.sectigo(accountId, link);
      return new Proxy(client, {
        get(target, prop) {
          const value = Reflect.get(target, prop, target) as unknown;
          if (typeof value !== "function") return value;
          return async (...args: unknown[]) => {
            reached();
            if (at === "sectigo") await released;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
  };
  const order = new Proxy(base.db.order, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop !== "findUnique" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
      return async (args: { where?: { submissionKey?: string } }) => {
        const answer = await (value as (a: unknown) => Promise<unknown>).call(target, args);
        if (args?.where?.submissionKey === key && ++seen === k) {
          ran = twin(twinDeps);
          await (at === "sectigo" ? atSectigo : ran);
        }
        return answer;
      };
    },
  });
  const db = new Proxy(base.db, {
    get(target, prop) {
      if (prop === "order") return order;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { deps: { ...base, db } as OrderDeps, fired: () => ran, release };
}

async function upstreamOrders(domain: string) {
  return (await w.admin<{ orders: Array<{ order: { orderNumber: string } }> }>("GET", `orders?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`)).orders;
}

type Result = { ok: boolean; orderId?: string };
const actions: Array<{ name: string; run: (d: OrderDeps, licenseId: string, submissionKey: string) => Promise<Result> }> = [
  { name: "an add-on (confirmed)", run: (d, licenseId, submissionKey) => confirmedAddOn(w.manager, { licenseId, productCode: 1069, submissionKey }, d) },
  { name: "a refund", run: (d, licenseId, submissionKey) => cancelLicense(w.manager, { licenseId, submissionKey, mode: "refund", reason: "other" }, d) },
  {
    name: "an upgrade",
    run: (d, licenseId, submissionKey) =>
      changePlan(w.manager, { licenseId, productCode: 1061, submissionKey }, { ...d, price: async () => ({ buyPrice: "299.99", sellPrice: "399.00", currency: "USD", margin: "0", marginPercent: null }) } as ChangePlanDeps),
  },
];

describe("two copies of an add-on Sectigo refuses (no funds)", () => {
  it("both copies say it was refused, with the one order; never 'added'", async () => {
    const { license } = await w.placed(false);
    const base = { ...orderDeps(w.prisma, { credentialsKey: w.key, timeoutMs: 5_000 }), now: fixedNow(new Date(T0.getTime() + 5 * DAY)) };
    await w.admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 0, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
    try {
      const submissionKey = randomUUID();
      let twin: Result | null = null;
      const slow = depsWithTwinAfter(base, submissionKey, 1, "done", async (d) => {
        twin = await confirmedAddOn(w.manager, { licenseId: license.id, productCode: 1069, submissionKey }, d);
      });
      const mine = await confirmedAddOn(w.manager, { licenseId: license.id, productCode: 1069, submissionKey }, slow.deps);
      await slow.fired();
      expect(twin).toMatchObject({ ok: false, code: "FAILED" });
      expect(mine).toMatchObject({ ok: false, code: "FAILED", orderId: (twin as unknown as Result).orderId });
    } finally {
      await w.admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
    }
  });
});

describe("two copies of one license action at once", () => {
  for (const action of actions) {
    for (const [k, at] of [1, 2, 3].flatMap((k) => (["sectigo", "done"] as const).map((at) => [k, at] as const))) {
      it(`${action.name}: the twin starts after look-up ${k} of the key and is ${at === "done" ? "done" : "at Sectigo"}; both copies answer with its order, Sectigo sees one`, async () => {
        const { domain, license } = await w.placed(false);
        const now = new Date(T0.getTime() + 5 * DAY);
        await w.admin("POST", "clock", { now: now.toISOString(), freeze: true });
        const base = { ...orderDeps(w.prisma, { credentialsKey: w.key, timeoutMs: 5_000 }), now: fixedNow(now) };
        const submissionKey = randomUUID();
        let twin: Result | null = null;
        const slow = depsWithTwinAfter(base, submissionKey, k, at, async (d) => {
          twin = await action.run(d, license.id, submissionKey);
        });
        const mine = await action.run(slow.deps, license.id, submissionKey);
        slow.release();
        await (slow.fired() ?? action.run(base, license.id, submissionKey).then((r) => (twin = r)));
        expect(twin).toMatchObject({ ok: true });
        expect(mine).toMatchObject({ ok: true, orderId: (twin as unknown as Result).orderId });
        // One call to Sectigo for the one order (a refund makes no new order number there, so count our calls).
        expect(await w.prisma.apiCall.count({ where: { orderId: (twin as unknown as Result).orderId! } })).toBe(1);
        if (action.name !== "a refund") expect(await upstreamOrders(domain)).toHaveLength(2);
        expect(await w.prisma.order.count({ where: { submissionKey } })).toBe(1);
      });
    }
  }
});
