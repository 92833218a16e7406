/** Reviewer probes (issue 17 items 4, 9): the money columns of orders that moved no money, and fully priced orders with companion items. */
import { describe, expect, it } from "vitest";
import { orderMoney } from "@/lib/orders/order-money";
import { orderSchemaFor, productByKey } from "@/lib/catalog";
import { buildSubmission } from "@/lib/orders/build-submission";
import { validFormInput } from "../sectigo/catalog-values";

describe("orderMoney", () => {
  // Fails today: a refused or declined order shows "We pay $150, expected, from our buy price".
  it.fails.each(["FAILED", "REJECTED"])("a %s order: we pay nothing", (status) => {
    expect(orderMoney({ status, sellTotal: 249, totalCost: null, buyTotal: 150 }).wePay).toBeNull();
  });
});

describe("a fully priced order with eToken/shipping or a free companion", () => {
  // Fails today: the companions are recorded without prices, so sellTotal and buyTotal (sums that are null
  // when any item is null) are null for every EV Code Signing, QSCD and HackerGuardian PCI order.
  it.fails.each(["ev-code-signing", "hackerguardian-pci"])("%s: every item has a price when the plan has one", (key) => {
    const p = productByKey(key)!;
    const v = orderSchemaFor(p).parse(validFormInput(p, "money1"));
    const s = buildSubmission(p, v as never, { submissionKey: "k", account: { id: "a", apBrand: "B", autoRenewDefault: false }, customer: { id: "c" }, priceOf: () => ({ buyPrice: 150, sellPrice: 249, currency: "USD" }) });
    expect(s.items.filter((i) => i.sellPrice === null).map((i) => i.productName)).toEqual([]);
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
