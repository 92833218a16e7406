/** encodeOrderingUrl: the wire side of a PlaceOrder ordering URL (seed 003 §4-6), names from the wire table. */
import { describe, expect, it } from "vitest";
import { encodeOrderingUrl, orderingItemCodeName, orderingParamName } from "@/lib/sectigo/client";
import { WIRE_FIELDS } from "@/lib/sectigo/client/wire/fields";

const BASE = "https://secure.trust-provider.com/products";

describe("encodeOrderingUrl", () => {
  it("puts brand, reseller, success/error URLs, numbered items and prefilled values in the URL, in order", () => {
    const out = encodeOrderingUrl(BASE, {
      brand: "acme",
      resellerPays: false,
      successUrl: "https://shop.example/ok?a=1&b=2",
      errorUrl: "https://shop.example/error",
      items: [
        { pricingCode: 3461, params: { "IP Addresses": "5" }, smartCardBased: true },
        { pricingCode: 3450, visible: false },
        { customerPicksPricingCode: true },
        { pricingCode: 495, visible: true },
      ],
      prefilled: [
        ["organizationName", "Acme & Sons"],
        ["x_csr", "PEM"],
      ],
    })!;
    expect(out.action).toBe(`${BASE}/!PlaceOrder`);
    expect(out.hidden).toEqual([
      ["ap", "acme"],
      ["reseller", "N"],
      ["successURL", "https://shop.example/ok?a=1&b=2"],
      ["errorURL", "https://shop.example/error"],
      ["1_PPP", "3461"],
      ["1_IP Addresses", "5"],
      ["1_smartCardBased", "Y"],
      ["2_PPP", "3450"],
      ["2_visibility", "0"],
      ["4_PPP", "495"],
      ["4_visibility", "-1"],
      ["organizationName", "Acme & Sons"],
      ["1_csr", "PEM"],
    ]);
    expect([...new URL(out.url).searchParams.entries()]).toEqual(out.hidden);
    // The item the customer picks keeps its number: the form's select is named for it.
    expect(orderingItemCodeName(3)).toBe("3_PPP");
    expect(orderingParamName("x_dcvEmailAddress")).toBe("1_dcvEmailAddress");
    expect(orderingParamName("emailAddress")).toBe("emailAddress");
  });

  it("has the success and error URLs in the wire table (read back from an errorItem too)", () => {
    expect(WIRE_FIELDS.placeOrder.successUrl).toBe("successURL");
    expect(WIRE_FIELDS.placeOrder.errorUrl).toBe("errorURL");
  });

  it("refuses a base URL that is not a URL", () => {
    expect(encodeOrderingUrl("not a url", { brand: "a", resellerPays: true, successUrl: "", errorUrl: "", items: [] })).toBeUndefined();
  });
});
