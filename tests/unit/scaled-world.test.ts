import { describe, expect, it } from "vitest";
import { anchorDay, demoDates } from "@/tools/demo-world/demo-data";
import { scaledChunks, scaledCustomers, scaledOrderNumber } from "@/tools/demo-world/scaled-world";
import { addOnVerdict, productOf } from "@/tools/sandbox/core/catalog";

const all = (input: Parameters<typeof scaledCustomers>[0]) => [...scaledCustomers(input)];
const licensesOf = (input: Parameters<typeof scaledCustomers>[0]) => all(input).flatMap((c) => c.licenses);
const DAY = 86_400_000;

describe("scaled world generator", () => {
  it("is deterministic for (licenses, seed) and differs between seeds", () => {
    expect(all({ licenses: 500, seed: 7 })).toEqual(all({ licenses: 500, seed: 7 }));
    expect(licensesOf({ licenses: 50, seed: 8 }).map((l) => l.domainName)).not.toEqual(licensesOf({ licenses: 50, seed: 7 }).map((l) => l.domainName));
  });

  it("grows by appending: a bigger world with the same seed starts with the smaller one", () => {
    const small = licensesOf({ licenses: 300, seed: 3 });
    expect(licensesOf({ licenses: 900, seed: 3 }).slice(0, 300)).toEqual(small);
  });

  it("makes exactly N base licenses, 3-5 per customer (the last may have fewer), in chunks", () => {
    const customers = all({ licenses: 1000 });
    expect(customers.reduce((n, c) => n + c.licenses.length, 0)).toBe(1000);
    for (const c of customers.slice(0, -1)) expect([3, 4, 5]).toContain(c.licenses.length);
    const chunks = [...scaledChunks({ licenses: 1000 }, 200)];
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.flat()).toEqual(customers);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.reduce((n, c) => n + c.licenses.length, 0)).toBeGreaterThanOrEqual(200);
  });

  it("uses unique keys, order numbers, foreign order numbers, domains and e-mails clear of the demo and sandbox ranges", () => {
    const customers = all({ licenses: 3000, seed: 0 });
    const licenses = customers.flatMap((c) => c.licenses);
    for (const values of [licenses.map((l) => l.key), licenses.map((l) => l.orderNumber), licenses.map((l) => l.foreignOrderNumber), licenses.map((l) => l.domainName), customers.map((c) => c.key), customers.map((c) => c.email)]) {
      expect(new Set(values).size).toBe(values.length);
    }
    expect(licenses.map((l) => l.orderNumber)[0]).toBe("10000001");
    expect(Number(scaledOrderNumber(999, 1_000_000))).toBeLessThan(Number(scaledOrderNumber(1000, 1)));
    expect(Number(scaledOrderNumber(0, 1_000_000))).toBeLessThan(Number(scaledOrderNumber(1, 1)));
  });

  it("fills every expiry bucket (expired, 0-7, 8-30, 31-60, 61-90, later) within the chosen range", () => {
    const anchor = anchorDay(new Date("2026-05-01T10:00:00Z"));
    const days = licensesOf({ licenses: 1000 }).map((l) => (demoDates(l, anchor).expiresAt.getTime() - anchor.getTime()) / DAY);
    const buckets = [(d: number) => d < 0, (d: number) => d >= 0 && d <= 7, (d: number) => d > 7 && d <= 30, (d: number) => d > 30 && d <= 60, (d: number) => d > 60 && d <= 90, (d: number) => d > 90];
    for (const inBucket of buckets) expect(days.filter(inBucket).length).toBeGreaterThan(10);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(-30);
    expect(Math.max(...days)).toBeLessThanOrEqual(365);
    const narrow = licensesOf({ licenses: 200, expiryFromDays: 5, expiryToDays: 9 }).map((l) => l.startOffsetDays + l.termDays);
    expect(new Set(narrow)).toEqual(new Set([5, 6, 7, 8, 9]));
  });

  it("gives each base product only add-ons its tier may take, one per family, and prices the order", () => {
    const licenses = licensesOf({ licenses: 2000 });
    expect(new Set(licenses.map((l) => l.productCode))).toEqual(new Set([1059, 1060, 1061, 1062]));
    expect(licenses.filter((l) => l.addOns.length > 0).length).toBeGreaterThan(200);
    for (const l of licenses) {
      for (const a of l.addOns) expect(addOnVerdict(l.productCode, a.productCode), `${a.productCode} on ${l.productCode}`).toBe("ok");
      const families = l.addOns.map((a) => productOf(a.productCode)!.family);
      expect(new Set(families).size).toBe(families.length);
      expect([30, 365]).toContain(l.termDays);
      const expected = [l.productCode, ...l.addOns.map((a) => a.productCode)].reduce((s, c) => s + productOf(c)!.prices[l.termDays]!, 0);
      expect(l.cost).toBeCloseTo(expected, 2);
    }
    expect(new Set(licenses.map((l) => l.termDays))).toEqual(new Set([30, 365]));
  });

  it("mixes auto-renew in the chosen share among licenses not yet expired; expired ones start with it off", () => {
    const all = (s: number) => licensesOf({ licenses: 2000, autoRenewShare: s });
    const live = (s: number) => all(s).filter((l) => l.startOffsetDays + l.termDays > 0);
    const share = (s: number) => live(s).filter((l) => l.autoRenew).length / live(s).length;
    expect(share(0)).toBe(0);
    expect(share(1)).toBe(1);
    expect(share(0.3)).toBeGreaterThan(0.25);
    expect(share(0.3)).toBeLessThan(0.35);
    // An expired auto-renew license would be renewed by Sectigo at the first call after seeding.
    const expired = all(1).filter((l) => l.startOffsetDays + l.termDays <= 0);
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.every((l) => !l.autoRenew)).toBe(true);
  });

  it("refuses bad options with a clear message", () => {
    expect(() => all({ licenses: 0 })).toThrow(/licenses/);
    expect(() => all({ licenses: 1_000_001 })).toThrow(/licenses/);
    expect(() => all({ licenses: 10, expiryFromDays: 10, expiryToDays: 5 })).toThrow(/expiryFromDays must not be after/);
  });

  it("generates 100,000 licenses quickly", () => {
    const t = Date.now();
    let n = 0;
    for (const c of scaledCustomers({ licenses: 100_000 })) n += c.licenses.length;
    expect(n).toBe(100_000);
    expect(Date.now() - t).toBeLessThan(3000);
  });
});
