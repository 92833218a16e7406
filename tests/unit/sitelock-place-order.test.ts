/** "Sectigo charges the customer" (issue 17 #6): the PlaceOrder the catalog builds, and where Sectigo's errors land. */
import { describe, expect, it } from "vitest";
import { formFieldOf, orderSchemaFor, productByKey } from "@/lib/catalog";
import { siteLockPlaceOrderInputFor } from "@/lib/orders/sitelock-place-order-input";

const pro = productByKey("sitelock-pro")!;
const values = (extra: Record<string, unknown>) =>
  orderSchemaFor(pro).parse({ term: "30", domainName: "Shop.Example.com", appRepEmailAddress: "jo@example.com", sectigoChargesCustomer: true, ...extra });

describe("SiteLock through PlaceOrder with reseller=N", () => {
  it("sends the plan's and each add-on's x_PPP for the term, the domain, the e-mail and the names, and reseller=N", () => {
    const input = siteLockPlaceOrderInputFor(pro, values({ addOns: ["1070", "1076"], appRepForename: "Jo", appRepSurname: "Lee", countryName: "BE" }), { brand: "acme" });
    expect(input).toEqual({
      brand: "acme",
      resellerPays: false,
      customer: { kind: "new", contactEmail: "jo@example.com", person: { firstName: "Jo", lastName: "Lee" } },
      domainName: "shop.example.com",
      items: [{ pricingCode: 10050 }, { pricingCode: 10066 }, { pricingCode: 10082 }],
      company: { countryCode: "BE" },
    });
  });

  it("refuses, each on its field, what PlaceOrder cannot carry", () => {
    const result = orderSchemaFor(pro).safeParse({ term: "365", domainName: "a.example.com", appRepEmailAddress: "jo@example.com", sectigoChargesCustomer: true, addOns: ["1069", "1071"], enableAutoRenew: true, previousOrderNumber: "123" });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join("."), i.message]);
    // 10 GB backup is sold through PlaceOrder for 30 days only; TrueShield for 1 year (seed 002): only the backup is refused.
    expect(issues).toEqual(
      expect.arrayContaining([
        ["addOns", expect.stringMatching(/10 GB Backup Addon is sold for 30 days only/)],
        ["enableAutoRenew", expect.stringMatching(/not renewed from our funds/)],
        ["previousOrderNumber", expect.stringMatching(/new SiteLock account/)],
      ]),
    );
    expect(issues).toHaveLength(3);
  });

  it("unticked, the same plan takes a previous order, auto-renew and any add-on term (AutoApplyOrder)", () => {
    expect(orderSchemaFor(pro).safeParse({ term: "365", domainName: "a.example.com", appRepEmailAddress: "jo@example.com", addOns: ["1069"], enableAutoRenew: true, previousOrderNumber: "123" }).success).toBe(true);
  });

  it("a Sectigo error on `reseller` lands on the choice in the form", () => {
    expect(formFieldOf([pro], "placeOrder", "reseller")).toBe("sectigoChargesCustomer");
    // Through AutoApplyOrder the choice is not a parameter; nor on a product that does not offer it.
    expect(formFieldOf([pro], "autoApplyOrder", "reseller")).toBeUndefined();
    expect(formFieldOf([productByKey("sectigossl-pro-dv")!], "placeOrder", "reseller")).toBeUndefined();
  });
});
