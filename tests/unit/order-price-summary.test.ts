/**
 * Issue 17 item 4: a cart with an unpriced item keeps the total of what is known and names the
 * unpriced item (before: one missing price turned the whole total into "not set"); the server's
 * questions are answered only by their own keys.
 */
import { describe, expect, it } from "vitest";
import { summarisePrices } from "@/lib/orders/price-summary";
import { confirmLabel, unconfirmed, type Confirmation } from "@/lib/orders/server-confirmations";
import { orderLines, priceFigures, siteLockPaymentNote, type PriceInfo } from "@/lib/orders/order-price-lines";
import { productById, productByKey, termOptionsFor } from "@/lib/catalog";

describe("summarisePrices", () => {
  it("sums the known prices to the cent and names the lines without a sell price", () => {
    const s = summarisePrices([
      { name: "Code Signing Certificate, 1 year", buyPrice: 150, sellPrice: 249 },
      { name: "Sectigo Web Monitor, 1 year", buyPrice: null, sellPrice: null },
      { name: "TrueShield", buyPrice: 0.1, sellPrice: 0.2 },
    ]);
    expect(s).toEqual({ sell: 249.2, buy: 150.1, unpriced: ["Sectigo Web Monitor, 1 year"], sectigoBills: [], buyComplete: false });
  });

  it("a free item (0.00) is priced, not unpriced", () => {
    expect(summarisePrices([{ name: "SiteLock Monitor", buyPrice: 0, sellPrice: 0 }]).unpriced).toEqual([]);
  });
});

describe("server confirmations", () => {
  const dup: Confirmation = { kind: "near-duplicate", key: "near-duplicate:o1", message: "…" };
  const price: Confirmation = { kind: "unpriced", key: "unpriced:a|1", message: "…" };
  it("only the exact keys answer; a partial answer leaves the rest open", () => {
    expect(unconfirmed([dup, price], [])).toEqual([dup, price]);
    expect(unconfirmed([dup, price], ["near-duplicate:o2", "unpriced:a|1"])).toEqual([dup]);
    expect(unconfirmed([dup, price], ["near-duplicate:o1", "unpriced:a|1"])).toEqual([]);
  });
  it("the button says what it does", () => {
    expect(confirmLabel([price])).toBe("Place the order anyway");
    expect(confirmLabel([price, dup])).toBe("Place another");
  });
});

describe("the order form's price panel with \"Sectigo charges the customer\" (reseller=N)", () => {
  const basic = productByKey("sitelock-basic")!;
  const prices: Record<string, PriceInfo> = { "sitelock-basic|365": { buyPrice: 99.99, sellPrice: null, currency: "USD" } };

  it("ticked: we pay Sectigo nothing, Sectigo bills the customer at its own price, nothing is called unpriced", () => {
    const figures = priceFigures(orderLines([], { product: basic, term: "365", addOns: [], sectigoChargesCustomer: true }, prices));
    expect(figures.rows).toEqual([{ key: "current-sitelock-basic", name: "SiteLock Basic, 1 year", weSectigo: "$0.00", customerPays: "Billed by Sectigo, at its own price" }]);
    expect(figures.total).toMatchObject({ name: "Total", weSectigo: "$0.00", customerPays: "Billed by Sectigo, at its own price", margin: null });
    expect(figures.unpricedNote).toBeNull();
    expect(siteLockPaymentNote(basic, true)).toMatch(/^Sectigo charges the customer \(reseller=N\): it bills them at its own price, and our account is not debited/);
  });

  it("unticked: the same plan is debited to us at its buy price and its missing sell price is named", () => {
    const figures = priceFigures(orderLines([], { product: basic, term: "365", addOns: [], sectigoChargesCustomer: false }, prices));
    expect(figures.rows[0]).toMatchObject({ weSectigo: "$99.99", customerPays: "not set" });
    expect(figures.total).toMatchObject({ name: "Total of the priced items", weSectigo: "$99.99" });
    expect(figures.unpricedNote).toMatch(/^No sell price is set for: SiteLock Basic, 1 year\./);
    expect(siteLockPaymentNote(basic, false)).toMatch(/debited from the reseller account's funds/);
  });

  it("the checkbox covers the plan's add-ons, and only products that offer it (an SSL product is unaffected)", () => {
    const addOn = productById(1071)!;
    const lines = orderLines([], { product: basic, term: "365", addOns: [addOn], sectigoChargesCustomer: true }, prices);
    expect(lines.map((l) => [l.name.split(",")[0], l.sectigoBills])).toEqual([
      ["SiteLock Basic", true],
      [addOn.name, true],
    ]);
    const ssl = productByKey("code-signing")!;
    const sslLine = orderLines([], { product: ssl, term: termOptionsFor(ssl)[0]!.value, addOns: [], sectigoChargesCustomer: true }, {})[0]!;
    expect(sslLine.sectigoBills).toBeUndefined();
    expect(priceFigures([sslLine]).unpricedNote).toMatch(/^No sell price is set for: Code Signing/);
  });
});
