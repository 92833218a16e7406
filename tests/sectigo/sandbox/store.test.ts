/**
 * The sandbox's store (core/world.ts) without HTTP: transactions put back exactly what they
 * touched (records, indexes, counters, clock), a test order inside a call takes back only its own
 * changes, and the auto-renewal heap hands out each due license once.
 */
import { describe, expect, it } from "vitest";
import { World } from "@/tools/sandbox/core/world";
import type { Customer, License } from "@/tools/sandbox/core/types";
import { T0, DAY } from "./helpers";

const LOGIN = "store-test";

function world(): World {
  const { world } = World.open({});
  world.clock.set(T0);
  world.transaction(() =>
    world.insertAccount({
      loginName: LOGIN, loginPassword: "pw", accountId: world.nextAccountId(), funds: 100, currency: "USD",
      creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false, callLimitPerMinute: null,
    }),
  );
  return world;
}

function customer(id: string, email: string): Customer {
  return { id, loginName: LOGIN, email, name: email, address: {}, siteLockLogin: email, slUserId: "1", createdAt: T0.toISOString() };
}

function license(id: string, domain: string, over: Partial<License> = {}): License {
  return {
    id, loginName: LOGIN, customerId: "c1", productCode: 1060, domainName: domain, termDays: 365,
    startsAt: new Date(T0.getTime() - 300 * DAY).toISOString(), expiresAt: new Date(T0.getTime() + 65 * DAY).toISOString(),
    refundWindowStart: T0.toISOString(), periodCharge: 10, autoRenew: false, status: "active", parentId: null,
    slSiteId: "s", orderNumbers: ["1"], visibility: -1, ...over,
  };
}

describe("transactions", () => {
  it("a throw puts back changed records, inserted records with their index entries, the counters and the clock", () => {
    const w = world();
    w.transaction(() => {
      w.insertCustomer(customer("c1", "Old@Example.com"));
      w.insertLicense(license("l1", "kept.example"));
    });
    const counters = w.transaction(() => w.newId("probe"));
    expect(() =>
      w.transaction(() => {
        w.account(LOGIN)!.funds = 0;
        w.license("l1")!.orderNumbers.push("2");
        w.insertCustomer(customer("c2", "new@example.com"));
        w.insertLicense(license("l2", "gone.example", { parentId: "l1" }));
        w.insertOrder({
          orderNumber: w.nextOrderNumber(), loginName: LOGIN, customerId: "c2", foreignOrderNumber: "F-1", createdAt: T0.toISOString(),
          source: "AutoApplyOrder", kind: "new", status: "active", totalCost: 1, licenseIds: ["l2"], products: [1060],
          domainName: "gone.example", reseller: null, previousOrderNumber: null, uniqueValue: "u",
        });
        w.clock.advanceDays(5);
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(w.account(LOGIN)!.funds).toBe(100);
    expect(w.license("l1")!.orderNumbers).toEqual(["1"]);
    expect(w.customer("c2")).toBeUndefined();
    expect(w.customersByEmailOf(LOGIN, "NEW@example.com")).toEqual([]);
    expect(w.customersByEmailOf(LOGIN, "old@EXAMPLE.com").map((c) => c.id)).toEqual(["c1"]);
    expect(w.licensesForDomain(LOGIN, "gone.example")).toEqual([]);
    expect(w.addOnsOf("l1")).toEqual([]);
    expect(w.orderNumbersOf(LOGIN)).toEqual([]);
    expect(w.ordersByForeignNumber(LOGIN, "F-1")).toEqual([]);
    expect(w.now().toISOString()).toBe(T0.toISOString());
    expect(w.transaction(() => w.newId("probe"))).toBe(`probe-${Number(counters.split("-")[1]) + 1}`);
  });

  it("a test order inside a call takes back only its own changes; the call keeps its own and the order number stays used", () => {
    const w = world();
    const first = w.transaction(() => {
      w.account(LOGIN)!.funds -= 30; // the call's own change, made before the test order
      const inner = w.dryRun(() => {
        w.account(LOGIN)!.funds -= 50;
        w.insertLicense(license("t1", "test.example"));
        return w.nextOrderNumber();
      });
      expect(w.account(LOGIN)!.funds).toBe(70);
      expect(w.license("t1")).toBeUndefined();
      return inner;
    });
    expect(w.account(LOGIN)!.funds).toBe(70);
    expect(w.licensesForDomain(LOGIN, "test.example")).toEqual([]);
    expect(w.transaction(() => w.nextOrderNumber())).toBe(String(Number(first) + 1));
  });

  it("changes outside a transaction are refused", () => {
    const w = world();
    expect(() => w.insertCustomer(customer("c9", "x@example.com"))).toThrow(/inside world.transaction/);
    expect(() => w.nextOrderNumber()).toThrow(/inside world.transaction/);
  });
});

describe("the auto-renewal heap", () => {
  it("hands out each due license once; an unchanged one stays off, a changed one comes back at its new due time", () => {
    const w = world();
    const due = new Date(T0.getTime() + 10 * DAY);
    w.transaction(() => {
      w.insertLicense(license("a", "a.example", { autoRenew: true, expiresAt: due.toISOString() }));
      w.insertLicense(license("b", "b.example", { autoRenew: false, expiresAt: due.toISOString() }));
    });
    expect(w.transaction(() => w.dueForAutoRenewal(due.getTime() - 1))).toEqual([]);
    expect(w.transaction(() => w.dueForAutoRenewal(due.getTime()).map((l) => l.id))).toEqual(["a"]);
    // Not renewed (unchanged): not handed out again.
    expect(w.transaction(() => w.dueForAutoRenewal(due.getTime() + DAY))).toEqual([]);
    // Renewed by hand: due again at the new expiry.
    const later = new Date(due.getTime() + 365 * DAY);
    w.transaction(() => void (w.license("a")!.expiresAt = later.toISOString()));
    expect(w.transaction(() => w.dueForAutoRenewal(later.getTime() - 1))).toEqual([]);
    expect(w.transaction(() => w.dueForAutoRenewal(later.getTime()).map((l) => l.id))).toEqual(["a"]);
  });

  it("a call that throws puts the due licenses it took back on the heap", () => {
    const w = world();
    const due = new Date(T0.getTime() + DAY);
    w.transaction(() => w.insertLicense(license("a", "a.example", { autoRenew: true, expiresAt: due.toISOString() })));
    expect(() =>
      w.transaction(() => {
        expect(w.dueForAutoRenewal(due.getTime()).map((l) => l.id)).toEqual(["a"]);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(w.transaction(() => w.dueForAutoRenewal(due.getTime()).map((l) => l.id))).toEqual(["a"]);
  });

  it("a license whose auto-renewal failed for want of funds is not tried again", () => {
    const w = world();
    const due = new Date(T0.getTime() + DAY);
    w.transaction(() => w.insertLicense(license("a", "a.example", { autoRenew: true, expiresAt: due.toISOString() })));
    w.transaction(() => {
      const [l] = w.dueForAutoRenewal(due.getTime());
      l!.autoRenewFailedAt = l!.expiresAt;
    });
    w.transaction(() => void (w.account(LOGIN)!.funds = 10_000));
    expect(w.transaction(() => w.dueForAutoRenewal(due.getTime() + DAY))).toEqual([]);
  });
});
