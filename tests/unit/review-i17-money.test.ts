/**
 * Reviewer probes (issue 17 items 4, 9) and their fixes: the money columns of orders that moved no money,
 * fully priced orders with companion items, reseller=N for every PlaceOrder product, and the orders list
 * saying what the order page says.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { orderMoney } from "@/lib/orders/order-money";
import { orderSchemaFor, placeOrderItemsFor, productByKey, PRODUCTS, termOptionsFor } from "@/lib/catalog";
import { buildSubmission } from "@/lib/orders/build-submission";
import { orderLines, priceFigures, type PriceInfo } from "@/lib/orders/order-price-lines";
import { ChargedToCustomer } from "@/components/orders/charged-to-customer";
import { WePay } from "@/components/orders/order-money";
import { validFormInput } from "../sectigo/catalog-values";

const ctx = (resellerPays?: boolean) => ({
  submissionKey: "k",
  account: { id: "a", apBrand: "B", autoRenewDefault: false },
  customer: { id: "c" },
  priceOf: () => ({ buyPrice: 150, sellPrice: 249, currency: "USD" }),
  ...(resellerPays === undefined ? {} : { resellerPays }),
});
const text = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

describe("orderMoney", () => {
  // Failed before: a refused or declined order showed "We pay $150, expected, from our buy price".
  it.each(["FAILED", "REJECTED"])("a %s order: we pay nothing", (status) => {
    expect(orderMoney({ status, sellTotal: 249, totalCost: null, buyTotal: 150 }).wePay).toBeNull();
  });

  it.each(["FAILED", "REJECTED"])("a %s order: nothing charged in both columns, list and page alike", (status) => {
    const m = orderMoney({ status, sellTotal: 249, totalCost: null, buyTotal: 150 });
    expect(m).toEqual({ customerPays: null, wePay: null, nothingCharged: true });
    expect(text(createElement(WePay, { money: m, currency: "USD" }))).toBe("nothing charged");
    for (const compact of [false, true]) {
      expect(text(createElement(ChargedToCustomer, { sellTotal: 249, currency: "USD", items: [{ productName: "Code Signing", cost: 249 }], nothingCharged: m.nothingCharged, compact }))).toBe("nothing charged");
    }
  });

  it("cancelled before it was placed: nothing charged; cancelled after: the figures stand", () => {
    expect(orderMoney({ status: "CANCELLED", sellTotal: 249, totalCost: null, buyTotal: 150, placedAt: null }).nothingCharged).toBe(true);
    expect(orderMoney({ status: "CANCELLED", sellTotal: 249, totalCost: 150, buyTotal: 150, placedAt: new Date() })).toMatchObject({ customerPays: 249, wePay: { amount: 150, basis: "debited" }, nothingCharged: false });
  });

  it("placed and awaiting orders keep their figures", () => {
    expect(orderMoney({ status: "PLACED", sellTotal: 249, totalCost: 150, buyTotal: 150 })).toMatchObject({ customerPays: 249, wePay: { basis: "debited" } });
    expect(orderMoney({ status: "AWAITING_AUTHORIZATION", sellTotal: 249, totalCost: null, buyTotal: 150 })).toMatchObject({ customerPays: 249, wePay: { basis: "onAuthorization" } });
  });
});

describe("a fully priced order with eToken/shipping or a free companion", () => {
  // Failed before: the companions were recorded without prices, so sellTotal and buyTotal (sums that are null
  // when any item is null) were null for every EV Code Signing, QSCD and HackerGuardian PCI order.
  it.each(["ev-code-signing", "hackerguardian-pci"])("%s: every item has a price when the plan has one", (key) => {
    const p = productByKey(key)!;
    const v = orderSchemaFor(p).parse(validFormInput(p, "money1"));
    const s = buildSubmission(p, v as never, ctx());
    expect(s.items.filter((i) => i.sellPrice === null).map((i) => i.productName)).toEqual([]);
  });

  // Generated from the catalog: every PlaceOrder product whose order carries companions (eToken, shipping,
  // a free CVC) records the same total as the form's price panel showed, and no item without a price.
  const withCompanions = PRODUCTS.filter((p) => {
    if (p.api !== "PlaceOrder") return false;
    try {
      return (placeOrderItemsFor(p, orderSchemaFor(p).parse(validFormInput(p, "m")) as never) ?? []).length > 1;
    } catch {
      return false;
    }
  });
  it("the catalog has such products (EV Code Signing, Document Signing Organization, QSCD, HackerGuardian PCI)", () => {
    expect(withCompanions.map((p) => p.key)).toEqual(expect.arrayContaining(["ev-code-signing", "hackerguardian-pci", "hackerguardian-pci-enterprise", "document-signing-organization"]));
  });
  it.each(withCompanions.map((p) => p.key))("%s: the recorded items add up to the panel's total", (key) => {
    const p = productByKey(key)!;
    const v = orderSchemaFor(p).parse(validFormInput(p, "money2"));
    const s = buildSubmission(p, v as never, ctx());
    const sum = (k: "sellPrice" | "buyPrice") => s.items.reduce((t, i) => t + (i[k] ?? Number.NaN), 0);
    const prices: Record<string, PriceInfo> = { [`${p.key}|${v.term}`]: { buyPrice: 150, sellPrice: 249, currency: "USD" } };
    const figures = priceFigures(orderLines([], { product: p, term: String(v.term), addOns: [] }, prices));
    expect(figures.total).toMatchObject({ name: "Total", weSectigo: "$150.00", customerPays: "$249.00", margin: "$99.00" });
    expect([sum("sellPrice"), sum("buyPrice")]).toEqual([249, 150]);
  });
});

describe("reseller=N for any PlaceOrder product (\"we collect the customer's payment\" unticked)", () => {
  const ov = productByKey("positivessl-ov")!;
  const term = termOptionsFor(ov)[0]!.value;
  const prices: Record<string, PriceInfo> = { [`positivessl-ov|${term}`]: { buyPrice: 45, sellPrice: 79, currency: "USD" } };

  // Failed before: the panel said "We pay Sectigo $45.00, customer $79.00, margin $34.00" with reseller=N.
  it("the panel: Sectigo bills the customer at its own price, we pay nothing, no margin, nothing unpriced", () => {
    const figures = priceFigures(orderLines([], { product: ov, term, addOns: [], resellerPays: false }, { [`positivessl-ov|${term}`]: { buyPrice: 45, sellPrice: null, currency: "USD" } }));
    expect(figures.rows[0]).toMatchObject({ weSectigo: "$0.00", customerPays: "Billed by Sectigo, at its own price" });
    expect(figures.total).toMatchObject({ weSectigo: "$0.00", customerPays: "Billed by Sectigo, at its own price", margin: null });
    expect(figures.unpricedNote).toBeNull();
  });

  it("reseller=Y: our prices and the margin", () => {
    const figures = priceFigures(orderLines([], { product: ov, term, addOns: [], resellerPays: true }, prices));
    expect(figures.total).toMatchObject({ weSectigo: "$45.00", customerPays: "$79.00", margin: "$34.00" });
  });

  // Failed before: the order recorded our sell price ($79) beside "Sectigo charges the customer".
  it("recorded: no sell price of ours, nothing paid by us, no currency", () => {
    const v = orderSchemaFor(ov).parse(validFormInput(ov, "money3"));
    const s = buildSubmission(ov, v as never, ctx(false));
    expect(s.items.map((i) => [i.sellPrice, i.buyPrice])).toEqual(s.items.map(() => [null, 0]));
    expect(s.currency).toBeNull();
    expect(buildSubmission(ov, v as never, ctx(true)).items[0]).toMatchObject({ sellPrice: 249, buyPrice: 150 });
  });
});

describe("the orders list's Customer pays says what the order page says", () => {
  // Failed before: the list showed formatMoney(sellTotal), a bare "—", for both of these.
  it("reseller=N: by Sectigo", () => {
    const props = { sellTotal: null, currency: null, items: [{ productName: "PositiveSSL OV", cost: null }], payer: "CUSTOMER_VIA_SECTIGO" as const };
    expect(text(createElement(ChargedToCustomer, { ...props, compact: true }))).toBe("by Sectigo (reseller=N)");
    expect(text(createElement(ChargedToCustomer, props))).toBe("By Sectigo, at its own price (reseller=N)");
  });
  it("partly priced: the known sum, marked", () => {
    const props = { sellTotal: null, currency: "USD", items: [{ productName: "Code Signing", cost: 249 }, { productName: "Web Monitor", cost: null }], payer: "RESELLER_AFTER_AUTHORIZATION" as const };
    expect(text(createElement(ChargedToCustomer, { ...props, compact: true }))).toBe("$249.00 priced items only");
    expect(text(createElement(ChargedToCustomer, props))).toBe("$249.00 the priced items only; no sell price for: Web Monitor");
  });
});

describe("the unpriced question's key", () => {
  // Failed before the fix: the key named every unpriced plan in one string, and confirmedSchema caps a key
  // at 300 characters, so a cart of 9 long-named unpriced products could never be confirmed. A list too
  // long to name is now named by its hash (unpriced-question.ts).
  it("a cart of 9 unpriced products can be confirmed", async () => {
    const { confirmedSchema } = await import("@/lib/orders/server-confirmations");
    const { unpricedKey } = await import("@/lib/orders/unpriced-question");
    const plans = ["personal-authentication-enterprise|5035", "sectigossl-enterprise-wildcard-dv|9534", "sectigossl-premium-wildcard-dv|9468", "sectigossl-premium-ov-wildcard|9493", "sectigo-web-one-time-remediate|9892", "document-signing-organization|6053", "hackerguardian-pci-enterprise|3473", "sectigo-web-remediate-partner|9717", "sectigo-web-complete-partner|9733"];
    expect(`unpriced:${[...plans].sort().join(",")}`.length).toBeGreaterThan(300);
    // The key as place-order-from-form.ts builds it.
    const key = unpricedKey(plans);
    expect(confirmedSchema.safeParse([key]).success).toBe(true);
    // Still names exactly this list: one plan fewer is another key.
    expect(unpricedKey(plans.slice(1))).not.toBe(key);
  });
});

describe("formatMoney's kept formatters (one per currency)", () => {
  it("formats an empty currency as USD (Intl threw on it), any letter case alike, and each of many codes however many are kept", async () => {
    const { formatMoney } = await import("@/components/ui/format");
    expect(formatMoney("12.5", "usd")).toBe(formatMoney("12.5", "USD"));
    expect(formatMoney("12.5", "")).toBe(formatMoney("12.5", "USD"));
    expect(formatMoney("12.5", "eUr")).toBe(new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(12.5));
    // Many distinct well-formed codes (as untrusted answers could carry): each formats, none is an error.
    for (let i = 0; i < 200; i++) expect(formatMoney("1", `Q${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`)).toMatch(/1\.00/);
  });
});
