/**
 * Issue 17 item 4: a cart with an unpriced item keeps the total of what is known and names the
 * unpriced item (before: one missing price turned the whole total into "not set"); the server's
 * questions are answered only by their own keys.
 */
import { describe, expect, it } from "vitest";
import { summarisePrices } from "@/lib/orders/price-summary";
import { confirmLabel, unconfirmed, type Confirmation } from "@/lib/orders/server-confirmations";

describe("summarisePrices", () => {
  it("sums the known prices to the cent and names the lines without a sell price", () => {
    const s = summarisePrices([
      { name: "Code Signing Certificate, 1 year", buyPrice: 150, sellPrice: 249 },
      { name: "Sectigo Web Monitor, 1 year", buyPrice: null, sellPrice: null },
      { name: "TrueShield", buyPrice: 0.1, sellPrice: 0.2 },
    ]);
    expect(s).toEqual({ sell: 249.2, buy: 150.1, unpriced: ["Sectigo Web Monitor, 1 year"], buyComplete: false });
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
