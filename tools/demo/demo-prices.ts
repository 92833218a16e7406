import { PRODUCTS } from "@/lib/catalog";

/**
 * Demo price list (catalog product key, term value, buy, sell). Buy prices of SiteLock match the
 * sandbox's invented prices (tools/sandbox/core/products/sitelock-table.ts); the rest are made up. Plans not
 * listed here are offered with "price not set".
 */
export const DEMO_PLAN_PRICES: ReadonlyArray<{ productKey: string; term: string; buy: string; sell: string; enabled?: boolean }> = [
  { productKey: "sitelock-monitor", term: "365", buy: "0.00", sell: "0.00" },
  { productKey: "sitelock-basic", term: "30", buy: "9.99", sell: "14.99" },
  { productKey: "sitelock-basic", term: "365", buy: "99.99", sell: "149.00" },
  { productKey: "sitelock-pro", term: "30", buy: "29.99", sell: "44.99" },
  { productKey: "sitelock-pro", term: "365", buy: "299.99", sell: "449.00" },
  { productKey: "sitelock-business", term: "30", buy: "59.99", sell: "89.99" },
  { productKey: "sitelock-business", term: "365", buy: "599.99", sell: "899.00" },
  { productKey: "sitelock-911", term: "0", buy: "249.00", sell: "349.00" },
  { productKey: "sitelock-backup-5gb", term: "30", buy: "4.99", sell: "7.99" },
  { productKey: "sitelock-backup-5gb", term: "365", buy: "49.99", sell: "79.00" },
  { productKey: "sitelock-backup-10gb", term: "30", buy: "7.99", sell: "11.99" },
  { productKey: "sitelock-backup-10gb", term: "365", buy: "79.99", sell: "119.00" },
  { productKey: "sitelock-backup-25gb", term: "30", buy: "12.99", sell: "19.99" },
  { productKey: "sitelock-backup-25gb", term: "365", buy: "129.99", sell: "199.00" },
  { productKey: "sitelock-trueshield", term: "30", buy: "9.99", sell: "14.99" },
  { productKey: "sitelock-trueshield", term: "365", buy: "99.99", sell: "149.00" },
  { productKey: "sitelock-dns-pro", term: "30", buy: "3.99", sell: "5.99" },
  { productKey: "sitelock-dns-pro", term: "365", buy: "39.99", sell: "59.00" },
  { productKey: "sitelock-dns-business", term: "30", buy: "6.99", sell: "9.99" },
  { productKey: "sitelock-dns-business", term: "365", buy: "69.99", sell: "99.00" },
  { productKey: "sectigossl-pro-dv", term: "9401", buy: "39.00", sell: "69.00" },
  { productKey: "sectigossl-pro-dv", term: "9406", buy: "74.00", sell: "129.00" },
  // Disabled in the demo: shows that a disabled plan is not offered.
  { productKey: "sectigossl-pro-dv", term: "9421", buy: "175.00", sell: "299.00", enabled: false },
  { productKey: "sectigossl-premium-dv", term: "9467", buy: "59.00", sell: "99.00" },
  { productKey: "positivessl-ov", term: "9852", buy: "45.00", sell: "79.00" },
  { productKey: "code-signing", term: "1511", buy: "179.00", sell: "249.00" },
  { productKey: "hackerguardian-pci", term: "3461", buy: "250.00", sell: "399.00" },
];

const SELL = new Map(DEMO_PLAN_PRICES.filter((p) => p.enabled !== false).map((p) => [`${p.productKey}|${p.term}`, p]));
const KEY_BY_CODE = new Map(PRODUCTS.filter((p) => p.productId !== undefined).map((p) => [p.productId!, p.key]));

type DemoOrderPlan = { productCode: number; termDays: number; addOns: ReadonlyArray<{ productCode: number }> };

/** The enabled price-list row of an item code for a term, if any. */
function priceOf(code: number, termDays: number) {
  return SELL.get(`${KEY_BY_CODE.get(code)}|${termDays}`);
}

export type DemoItemSells = { plan: number | null; addOns: Array<number | null> };

/**
 * What the customer paid for each item of a demo order (OrderItem.cost is an item's sell price, as the
 * order pipeline records it: lib/orders/order-item-rows.ts): the price list's sell price of the plan and of
 * each add-on for the order's term, null for an item not on the list. Their sum is demoSellTotal.
 */
export function demoItemSells(o: DemoOrderPlan): DemoItemSells {
  const sell = (code: number) => {
    const p = priceOf(code, o.termDays);
    return p ? Number(p.sell) : null;
  };
  return { plan: sell(o.productCode), addOns: o.addOns.map((a) => sell(a.productCode)) };
}

/**
 * What a demo order's customer paid (issue 17 item 9: the money columns are filled when known): the sum
 * of its items' sell prices, or null when any item has no price (then "customer pays" is honestly unknown).
 */
export function demoSellTotal(sells: DemoItemSells): number | null {
  const all = [sells.plan, ...sells.addOns];
  if (all.some((s) => s === null)) return null;
  return Math.round(all.reduce<number>((t, s) => t + s! * 100, 0)) / 100;
}
