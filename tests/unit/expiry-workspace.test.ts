/**
 * The expiry workspace's query building, without a database: URL → filter (bad values named, never
 * thrown), filter → URL (what /renewals/runs/new and the export receive), the SQL translation's
 * bounds and statuses taken from the rule, keyset conditions, prices per currency, the week number,
 * the CSV formula guard and the funds shortfall.
 */
import { describe, expect, it } from "vitest";
import { bucketBoundsForSql, expiryBucket } from "@/lib/licenses/rules/status";
import { expiryFilterSchema } from "@/lib/licenses/expiry-workspace/filter";
import { bucketRangeSql, filterConditionsSql, liveStatuses, rollupSlots, weekIndexOf, WEEK_MS } from "@/lib/licenses/expiry-workspace/sql";
import { filterParams, parseWorkspaceQuery, planKeyOf, priceGroups, type PriceBook } from "@/lib/licenses/expiry-workspace/workspace";
import { guardCell } from "@/lib/licenses/expiry-workspace/export";
import { shortfallOf } from "@/lib/licenses/expiry-workspace/funds-warning";

const now = new Date("2026-11-22T10:00:00.000Z");

describe("workspace query from the URL", () => {
  it("keeps good values and names every bad one instead of failing", () => {
    const { query, problems } = parseWorkspaceQuery({ bucket: "0-7", tier: "2", autoRenew: "on", sort: "domainName", dir: "desc" });
    expect(query).toMatchObject({ bucket: "0-7", tier: 2, autoRenew: "on", sort: "domainName", dir: "desc" });
    expect(problems).toEqual([]);
    const bad = parseWorkspaceQuery({ bucket: "soon", tier: "x", product: "-3", autoRenew: "maybe", manager: "a b", sort: "__proto__", customer: "'; drop" });
    expect(bad.query).toMatchObject({ bucket: "any", tier: undefined, product: undefined, autoRenew: "any", manager: undefined, sort: "expiresAt", customer: undefined });
    expect(bad.problems).toHaveLength(7);
    expect(bad.problems[0]).toContain('"soon" is not a valid value for "Expiry"');
  });

  it("a repeated parameter counts once (its first value)", () => {
    expect(parseWorkspaceQuery({ bucket: ["8-30", "0-7"] }).query.bucket).toBe("8-30");
  });

  it("filterParams round-trips through the schema, leaving out 'any'", () => {
    const filter = expiryFilterSchema.parse({ bucket: "61-90", customer: "c1", product: "1060", tier: "1", autoRenew: "off", manager: "none" });
    const qs = filterParams(filter);
    expect(qs.toString()).toBe("bucket=61-90&customer=c1&product=1060&tier=1&autoRenew=off&manager=none");
    expect(expiryFilterSchema.parse(Object.fromEntries(qs))).toEqual(filter);
    expect(filterParams(expiryFilterSchema.parse({})).toString()).toBe("");
  });
});

describe("SQL translation", () => {
  it("takes the statuses and the bounds from license-status.ts", () => {
    expect(liveStatuses(now).sort()).toEqual(["ACTIVE", "EXPIRED"]);
    const bounds = bucketBoundsForSql(now);
    const any = bucketRangeSql(expiryFilterSchema.parse({}), now);
    expect(any.values.map((v) => (v as Date).toISOString())).toEqual([bounds[0]!.gt.toISOString(), bounds.at(-1)!.lte.toISOString()]);
    const one = bucketRangeSql(expiryFilterSchema.parse({ bucket: "8-30" }), now);
    const b = bounds.find((x) => x.key === "8-30")!;
    expect(one.values).toEqual([b.gt, b.lte]);
  });

  it("the rollup's slots tile the range, each inside one bucket and one chart week of the rule", () => {
    const slots = rollupSlots(now);
    const bounds = bucketBoundsForSql(now);
    expect(slots[0]!.gt).toEqual(bounds[0]!.gt);
    expect(slots.at(-1)!.lte).toEqual(new Date(now.getTime() + 13 * WEEK_MS));
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.gt).toEqual(slots[i - 1]!.lte);
    // Every bucket and week bound is a cut: the first and last instant of a slot agree with its labels.
    for (const s of slots) {
      for (const t of [s.gt.getTime() + 1, s.lte.getTime()]) {
        expect(expiryBucket({ status: "ACTIVE", expiresAt: new Date(t) }, now)).toBe(s.bucket);
        expect(weekIndexOf(new Date(t), now)).toBe(s.week);
      }
    }
    expect(new Set(slots.map((s) => s.bucket))).toEqual(new Set([...bounds.map((b) => b.key), null]));
    expect(new Set(slots.map((s) => s.week).filter((w) => w !== null)).size).toBe(13);
  });

  it("adds one condition per filter set, with the values as parameters", () => {
    const none = filterConditionsSql(expiryFilterSchema.parse({}), now);
    expect(none).toHaveLength(1);
    const all = filterConditionsSql(expiryFilterSchema.parse({ customer: "c1", product: "1061", tier: "2", autoRenew: "on", manager: "u1" }), now);
    expect(all.map((s) => s.sql)).toHaveLength(6);
    expect(all.flatMap((s) => s.values)).toEqual([["ACTIVE", "EXPIRED"], "c1", 1061, [1061], true, "u1"]);
    expect(filterConditionsSql(expiryFilterSchema.parse({ manager: "none" }), now)[1]!.sql).toContain("IS NULL");
  });

  it("the week number puts an expiry exactly on a boundary in the earlier week, like the buckets", () => {
    expect(weekIndexOf(new Date(now.getTime() + 1), now)).toBe(0);
    expect(weekIndexOf(new Date(now.getTime() + WEEK_MS), now)).toBe(0);
    expect(weekIndexOf(new Date(now.getTime() + WEEK_MS + 1), now)).toBe(1);
    expect(weekIndexOf(new Date(now.getTime() + 13 * WEEK_MS), now)).toBe(12);
    expect(weekIndexOf(new Date(now.getTime() + 13 * WEEK_MS + 1), now)).toBeNull();
    expect(weekIndexOf(now, now)).toBeNull();
    // The chart's first week lies inside the 0-7 bucket.
    expect(expiryBucket({ status: "ACTIVE", expiresAt: new Date(now.getTime() + WEEK_MS) }, now)).toBe("0-7");
  });
});

describe("prices", () => {
  it("maps a license to its catalog plan (product key and term), and sums per currency", () => {
    expect(planKeyOf(1061, 365)).toBe("sitelock-pro|365");
    expect(planKeyOf(1060, 30)).toBe("sitelock-basic|30");
    expect(planKeyOf(1060, 90)).toBeNull();
    expect(planKeyOf(424242, 365)).toBeNull();
    const book: PriceBook = new Map([
      ["sitelock-pro|365", { buyPrice: 299.99, sellPrice: 449, currency: "USD" }],
      ["sitelock-basic|30", { buyPrice: 9.99, sellPrice: 14.99, currency: "EUR" }],
    ]);
    const rows = [
      { productCode: 1061, termDays: 365, n: 3 },
      { productCode: 1060, termDays: 30, n: 2 },
      { productCode: 1062, termDays: 365, n: 4 },
    ];
    expect(priceGroups(rows, book, "sellPrice")).toEqual({ value: [{ currency: "EUR", amount: 29.98 }, { currency: "USD", amount: 1347 }], unpriced: 4 });
    expect(priceGroups(rows, book, "buyPrice").value).toEqual([{ currency: "EUR", amount: 19.98 }, { currency: "USD", amount: 899.97 }]);
  });
});

describe("CSV formula guard", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+44 161", "'+44 161"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["acme.example", "acme.example"],
    ["Bea = Baker", "Bea = Baker"],
  ])("%j becomes %j", (input, output) => {
    expect(guardCell(input)).toBe(output);
  });
});

describe("funds shortfall", () => {
  const balance = { ok: true as const, available: 1000, creditLimit: 200, currency: "USD" };
  it("is what the spending exceeds funds plus credit by, else 0; unknown across currencies", () => {
    expect(shortfallOf(balance, [{ currency: "USD", amount: 1500.5 }])).toBe(300.5);
    expect(shortfallOf(balance, [{ currency: "USD", amount: 900 }])).toBe(0);
    expect(shortfallOf(balance, [{ currency: "EUR", amount: 1 }])).toBeNull();
    expect(shortfallOf({ ok: false, message: "down" }, [])).toBeNull();
  });
});
