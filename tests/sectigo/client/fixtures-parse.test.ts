/** Hand-written wire fixtures (from the documents) parsed by the client, both formats. */
import { describe, expect, it } from "vitest";
import { NEW_CUSTOMER, responseFixture, stubClient, stubFetch } from "./helpers";

const run = (fixture: string) => stubClient(stubFetch(responseFixture(fixture)).fetch).client;

describe("AutoApplyOrder responses", () => {
  it.each(["auto-apply-order.success.format0.txt", "auto-apply-order.success.format1.txt"])(
    "parses the documented success example (%s)",
    async (fixture) => {
      const result = await run(fixture).orderSiteLockForNewCustomer(NEW_CUSTOMER);
      expect(result).toEqual({
        ok: true,
        value: { orderNumber: "3040824", status: "COMPLETED", cost: 210, uniqueValue: "TnerFu0d", testMode: false },
      });
    },
  );

  it("treats status 1 as success with payment pending (contradictions #11)", async () => {
    const result = await run("auto-apply-order.pending.format0.txt").orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(result.ok && result.value).toMatchObject({ orderNumber: "3042396", status: "PENDING", cost: 149 });
  });

  it("reads SiteLock user/site IDs from lines 8 and 9 of the newline layout", async () => {
    const result = await run("auto-apply-order.sitelock-ids.format0.txt").orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(result.ok && result.value).toMatchObject({
      orderNumber: "3040830",
      uniqueValue: "TnerFu0e",
      siteLockUserId: "88123456",
      siteLockSiteId: "sl-site-7f3a",
    });
  });

  it("reads SiteLock user/site IDs from the URL-encoded layout", async () => {
    const result = await run("auto-apply-order.sitelock-ids.format1.txt").orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(result.ok && result.value).toMatchObject({ status: "PENDING", cost: 50, siteLockUserId: "88123457", siteLockSiteId: "sl-site-8e4b" });
  });

  it.each(["auto-apply-order.error-122.format0.txt", "auto-apply-order.error-122.format1.txt"])(
    "maps -122 in both formats (%s)",
    async (fixture) => {
      const result = await run(fixture).orderSiteLockForNewCustomer(NEW_CUSTOMER);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toMatchObject({ kind: "api", code: -122, domainCode: "DUPLICATE", parameters: ["domainName", "appRepEmailAddress"], mayHavePlaced: false });
      expect(result.error.vendorMessage).toBe("Such domain or account already exists!");
    },
  );

  it("reports the quoted parameter of -3 as Sectigo spells it, worded by our field name", async () => {
    const result = await run("auto-apply-order.error-3.format0.txt").orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ code: -3, domainCode: "MISSING_FIELD", parameters: ["appRepEmailAddress"] });
    expect(!result.ok && result.error.userMessage).toContain("contact email");
  });

  it("keeps an unknown parameter name from Sectigo's generic example as-is", async () => {
    const result = await run("generic.error-3.format1.txt").orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ code: -3, domainCode: "MISSING_FIELD", parameters: ["logoPriorUseDomainName"] });
  });

  it("disambiguates -121 by message: renewal window vs lower-tier add-on (contradictions #2)", async () => {
    const renewal = await run("auto-apply-order.error-121-renewal.format0.txt").orderSiteLockAddOn({
      ...NEW_CUSTOMER,
      previousOrderNumber: "3034881",
      addOnCodes: [1071],
    });
    expect(!renewal.ok && renewal.error.domainCode).toBe("OUTSIDE_RENEWAL_WINDOW");
    const addOn = await run("auto-apply-order.error-121-addon.format1.txt").renewSiteLock({
      ...NEW_CUSTOMER,
      previousOrderNumber: "3034881",
      productCodes: [1061],
    });
    expect(!addOn.ok && addOn.error.domainCode).toBe("ADDON_NOT_ALLOWED");
  });

  it("maps -16 to AUTH_FAILED on the credentials", async () => {
    const result = await run("auto-apply-order.error-16.format0.txt").orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ code: -16, domainCode: "AUTH_FAILED", mayHavePlaced: false });
  });
});

describe("PlaceOrder responses", () => {
  const input = {
    brand: "reseller_brand_name",
    resellerPays: true,
    customer: { kind: "new" as const, contactEmail: "customer@domain.name" },
    items: [{ pricingCode: 10053 }] as [{ pricingCode: number }],
    domainName: "domain.name",
  };

  it("accepts the documented success sample without errorCode", async () => {
    expect(await run("place-order.success.txt").placeOrder(input)).toEqual({ ok: true, value: { orderNumber: "9551164" } });
    expect(await run("place-order.success-with-code.txt").placeOrder(input)).toEqual({ ok: true, value: { orderNumber: "9551165" } });
  });

  it("reads the sentence the documented -16 sample puts in errorItem as the message", async () => {
    const result = await run("place-order.error-16.txt").placeOrder(input);
    expect(!result.ok && result.error).toMatchObject({ code: -16, domainCode: "AUTH_FAILED" });
    expect(!result.ok && result.error.vendorMessage).toMatch(/^Incorrect login details/);
    expect(!result.ok && result.error.parameters).toBeUndefined();
  });

  it("keeps a numbered errorItem as sent, worded as the item's field", async () => {
    const result = await run("place-order.error-4-item.txt").placeOrder(input);
    expect(!result.ok && result.error).toMatchObject({ code: -4, domainCode: "INVALID_FIELD", parameters: ["1_PPP"] });
    expect(!result.ok && result.error.userMessage).toContain("pricing code of item 1");
  });

  it("maps -56 to OUTSIDE_RENEWAL_WINDOW (contradictions #1)", async () => {
    const result = await run("place-order.error-56.txt").placeOrder(input);
    expect(!result.ok && result.error).toMatchObject({ code: -56, domainCode: "OUTSIDE_RENEWAL_WINDOW", mayHavePlaced: false });
  });
});

describe("WebHostReport numbered keys", () => {
  it("turns N_ and N_M_ keys into rows and items with parsed dates and money", async () => {
    const result = await run("web-host-report.success.txt").webHostReport({ foreignOrderNumbers: ["OD-1001"] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = result.value;
    expect(report.resultCount).toBe(2);
    expect(report.rows.map((r) => r.orderNumber)).toEqual(["3040824", "3040825"]);
    const [first, second] = report.rows;
    expect(first).toMatchObject({ foreignOrderNumber: "OD-1001", organizationName: "Acme Hosting", cost: 210 });
    expect(first?.placedAt?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(first?.items.map((i) => [i.index, i.type, i.domain])).toEqual([
      [1, "1061", "acme.example"],
      [2, "1069", "acme.example"],
    ]);
    expect(first?.items[0]?.termEnd?.toISOString()).toBe("2024-11-13T22:13:20.000Z");
    expect(second?.items[0]?.notAfter?.toISOString()).toBe("2024-11-14T22:13:20.000Z");
  });

  it("parses an empty report", async () => {
    const result = await run("web-host-report.empty.txt").webHostReport();
    expect(result).toEqual({ ok: true, value: { resultCount: 0, rows: [] } });
  });
});

describe("other endpoints", () => {
  it("getAccountBalance newline layout", async () => {
    const result = await run("account-balance.success.format0.txt").getAccountBalance();
    expect(result).toEqual({ ok: true, value: { accountId: "1234567", currency: "USD", available: 4790.01, creditLimit: 500 } });
  });

  it("getAccountBalance error", async () => {
    const result = await run("account-balance.error-16.format0.txt").getAccountBalance();
    expect(!result.ok && result.error).toMatchObject({ kind: "api", code: -16, domainCode: "AUTH_FAILED", mayHavePlaced: false });
  });

  it("modifyThirdPartyDetails success and -20", async () => {
    expect(await run("modify-third-party-details.success.txt").cancelLicense({ orderNumber: "3042396", productCode: 1061 })).toEqual({
      ok: true,
      value: { orderNumber: "3042396", productCode: 1061 },
    });
    const cancelled = await run("modify-third-party-details.error-20.txt").cancelLicense({ orderNumber: "3042396", productCode: 1061 });
    expect(!cancelled.ok && cancelled.error).toMatchObject({ code: -20, domainCode: "ALREADY_CANCELLED" });
  });

  it.each(["auto-refund.error-18.format0.txt", "auto-refund.error-18.format1.txt"])(
    "AutoRefund is auto-detected in either layout (contradictions #22): %s",
    async (fixture) => {
      const result = await run(fixture).autoRefund({ orderNumber: "3042396", reason: "other" });
      expect(!result.ok && result.error).toMatchObject({ code: -18, domainCode: "ALREADY_REFUNDED", mayHavePlaced: false });
    },
  );

  it("AutoRefund success", async () => {
    expect(await run("auto-refund.success.format0.txt").autoRefund({ orderNumber: "3042396", reason: "other" })).toEqual({
      ok: true,
      value: { orderNumber: "3042396" },
    });
  });

  it.each(["auto-authorize.success.format0.txt", "auto-authorize.success.format1.txt"])(
    "AutoAuthorize returns SiteLock IDs (%s)",
    async (fixture) => {
      const result = await run(fixture).autoAuthorize({ orderNumber: "9100004" });
      expect(result).toEqual({
        ok: true,
        value: { orderNumber: "9100004", testMode: false, siteLockUserId: "88123456", siteLockSiteId: "sl-site-7f3a" },
      });
    },
  );

  it("AutoReject -20", async () => {
    const result = await run("auto-reject.error-20.format0.txt").autoReject({ orderNumber: "9100004" });
    expect(!result.ok && result.error).toMatchObject({ code: -20, domainCode: "ALREADY_CANCELLED" });
  });
});
