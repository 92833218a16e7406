import { describe, expect, it } from "vitest";
import { PRODUCTS as CATALOG, addOnsFor, productById, productByPpp } from "@/lib/catalog";
import { PPP, PRODUCTS as SANDBOX, addOnVerdict, isSiteLockCode } from "@/tools/sandbox/core/catalog";

/** The sandbox and the app read the same product table (as the demo-world consistency test does for data). */
const siteLock = CATALOG.filter((p) => p.api === "AutoApplyOrder");

describe("sandbox catalog agrees with lib/catalog", () => {
  it.each(siteLock.map((p) => [p.productId as number, p] as const))("product %i: name, kind, tier, add-on family and terms", (id, product) => {
    const s = SANDBOX.get(id);
    expect(s, `sandbox lacks ${id}`).toBeDefined();
    expect(s?.name).toBe(product.name);
    expect(s?.kind).toBe(product.sitelock?.kind);
    expect(s?.tier).toBe(product.sitelock?.tier);
    expect(s?.family).toBe(product.sitelock?.addOnFamily);
    expect(s?.capacity).toBe(product.sitelock?.capacity);
    const sandboxDays = Object.keys(s?.prices ?? {}).map(Number).sort((a, b) => a - b);
    expect(sandboxDays).toEqual(product.terms.map((t) => t.days ?? 0).sort((a, b) => a - b));
    expect(isSiteLockCode(id)).toBe(true);
  });

  it("has no SiteLock product the catalog lacks", () => {
    for (const [code, s] of SANDBOX) if (s.kind !== "ssl") expect(productById(code)?.name, `catalog lacks ${code}`).toBe(s.name);
  });

  it("sells every SiteLock PlaceOrder code of the catalog, as the same product and term", () => {
    const catalogPpp = siteLock.flatMap((p) => p.terms.flatMap((t) => (t.ppp === undefined ? [] : [[t.ppp, { code: p.productId, days: t.days }] as const])));
    expect(new Map(catalogPpp)).toEqual(new Map(PPP));
    for (const [ppp, row] of PPP) expect(productByPpp(ppp)?.product.productId).toBe(row.code);
  });

  it("applies the catalog's add-on rules to every plan and add-on pair", () => {
    const addOns = siteLock.filter((p) => p.sitelock?.kind === "addon");
    for (const base of siteLock.filter((p) => p.sitelock?.kind !== "addon")) {
      const allowed = addOnsFor(base);
      for (const addOn of addOns) {
        const verdict = addOnVerdict(base.productId as number, addOn.productId as number);
        const expected = allowed.length === 0 ? "none" : allowed.includes(addOn) ? "ok" : "lower-tier";
        expect(verdict, `${base.name} + ${addOn.name}`).toBe(expected);
      }
    }
  });
});
