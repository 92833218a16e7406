/** Wire encoding of every variant and option, and the client-side checks that stop a call. */
import { describe, expect, it } from "vitest";
import { NEW_CUSTOMER, responseFixture, stubClient, stubFetch } from "./helpers";

function setup(answer = responseFixture("auto-apply-order.success.format1.txt")) {
  const stub = stubFetch(answer);
  const { client, recorded } = stubClient(stub.fetch);
  return { client, recorded, calls: stub.calls, body: () => Object.fromEntries(stub.calls.at(-1)!.body) };
}

describe("AutoApplyOrder variants", () => {
  it("new customer with add-ons sends one comma-separated product list", async () => {
    const { client, body } = setup();
    await client.orderSiteLockForNewCustomer({ ...NEW_CUSTOMER, addOnCodes: [1069, 1071] });
    expect(body()).toMatchObject({ product: "1061,1069,1071", days: "365", domainName: "acme.example", appRepEmailAddress: "it@acme.example" });
  });

  it("SiteLock 911 omits days (contradictions #10)", async () => {
    const { client, body } = setup();
    await client.orderSiteLock911({ domainName: "acme.example", contactEmail: "it@acme.example", autoRenew: false });
    expect(body().product).toBe("1082");
    expect(body()).not.toHaveProperty("days");
  });

  it("upgrade/downgrade sends previousOrderNumber and the new product", async () => {
    const { client, body, recorded } = setup();
    await client.changeSiteLockPlan({ ...NEW_CUSTOMER, productCode: 1062, addOnCodes: undefined, previousOrderNumber: "9100001" });
    expect(body()).toMatchObject({ product: "1062", previousOrderNumber: "9100001" });
    expect(recorded[0]?.orderContext).toMatchObject({ operation: "autoApplyOrder", variant: "planChange", previousOrderNumber: "9100001" });
  });

  it("foreignOrderNumber, test=Y and responseFormat=0 are sent when asked", async () => {
    const { client, body, recorded } = setup(responseFixture("auto-apply-order.success.format0.txt"));
    const result = await client.orderSiteLockForNewCustomer({ ...NEW_CUSTOMER, foreignOrderNumber: "OD-42", testMode: true, responseFormat: 0 });
    expect(body()).toMatchObject({ foreignOrderNumber: "OD-42", test: "Y", responseFormat: "0" });
    expect(result.ok && result.value.testMode).toBe(true);
    expect(recorded[0]?.orderContext).toMatchObject({ foreignOrderNumber: "OD-42", testMode: true });
  });

  it("test is not sent at all unless requested", async () => {
    const { client, body } = setup();
    await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(body()).not.toHaveProperty("test");
  });

  it("SSL bundle: disableSiteLock and CSR priority codes", async () => {
    const { client, body } = setup();
    await client.orderSslWithSiteLockBundle({
      productCodes: [287, 1072],
      days: 365,
      domainName: "acme.example",
      contactEmail: "it@acme.example",
      csr: "MIIB...",
      csrPriority: "fieldsOnly",
      disableSiteLock: true,
      customerValidated: true,
      autoRenew: false,
    });
    expect(body()).toMatchObject({ product: "287,1072", prioritiseCSRValues: "P", disableSiteLock: "Y", isCustomerValidated: "Y", csr: "MIIB..." });
  });

  it.each([
    [{ domainName: "a".repeat(65) + ".ex" }, "domainName", "INVALID_FIELD"],
    [{ domainName: " " }, "domainName", "MISSING_FIELD"],
    [{ contactEmail: "not-an-email" }, "appRepEmailAddress", "INVALID_FIELD"],
    [{ days: 90 }, "days", "INVALID_FIELD"],
    [{ productCode: -5 }, "product", "INVALID_FIELD"],
  ])("rejects %o before sending, naming the wire parameter", async (override, parameter, domainCode) => {
    const { client, calls, recorded } = setup();
    const result = await client.orderSiteLockForNewCustomer({ ...NEW_CUSTOMER, ...override } as typeof NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ kind: "validation", parameters: [parameter], domainCode, mayHavePlaced: false });
    expect(calls).toHaveLength(0);
    expect(recorded).toHaveLength(0);
  });

  it("a domain of exactly 64 characters is allowed (contradictions #5)", async () => {
    const { client, calls } = setup();
    const result = await client.orderSiteLockForNewCustomer({ ...NEW_CUSTOMER, domainName: `${"a".repeat(56)}.example` });
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("renewal requires a digits-only previousOrderNumber", async () => {
    const { client, calls } = setup();
    const result = await client.renewSiteLock({ ...NEW_CUSTOMER, productCodes: [1061], previousOrderNumber: "OD-1" });
    expect(!result.ok && result.error).toMatchObject({ kind: "validation", parameters: ["previousOrderNumber"] });
    expect(calls).toHaveLength(0);
  });
});

describe("PlaceOrder encoding", () => {
  const base = { brand: "orderdesk", resellerPays: false, customer: { kind: "new" as const, contactEmail: "bea@bluebird.example" } };

  it("numbered items with ID/PPP, days, quantity, visibility and product-specific fields", async () => {
    const { client, body } = setup("errorCode=0&orderNumber=1");
    await client.placeOrder({
      ...base,
      offerCode: "FREE_HP_UPGRADE",
      domainName: "bluebird.example",
      items: [
        { pricingCode: 10049, visible: true },
        { productId: 3482, days: 365, quantity: { unit: "servers", count: 5 }, zones: 2, visible: false, ipAddress: "192.0.2.1" },
      ],
    });
    expect(body()).toMatchObject({
      ap: "orderdesk",
      reseller: "N",
      isReturningCustomer: "N",
      offerCode: "FREE_HP_UPGRADE",
      domainName: "bluebird.example",
      emailAddress: "bea@bluebird.example",
      "1_PPP": "10049",
      "1_visibility": "-1",
      "2_ID": "3482",
      "2_days": "365",
      "2_servers": "5",
      "2_zones": "2",
      "2_visibility": "0",
      "2_IPAddress": "192.0.2.1",
    });
    expect(body()).not.toHaveProperty("1_ID");
  });

  it("returning customer: isReturningCustomer=Y, e-mail optional; full name vs fore/surname", async () => {
    const { client, body } = setup("orderNumber=2");
    await client.placeOrder({ ...base, customer: { kind: "returning", person: { fullName: "Bea Baker" } }, items: [{ pricingCode: 10049 }] });
    expect(body()).toMatchObject({ isReturningCustomer: "Y", name: "Bea Baker" });
    expect(body()).not.toHaveProperty("emailAddress");
    await client.placeOrder({ ...base, customer: { kind: "new", contactEmail: "x@y.example", person: { firstName: "Bea", lastName: "Baker", title: "Ms" } }, items: [{ pricingCode: 10049 }] });
    expect(body()).toMatchObject({ foreName: "Bea", surName: "Baker", title: "Ms" });
    expect(body()).not.toHaveProperty("name");
  });

  it("company details and business category", async () => {
    const { client, body } = setup("orderNumber=3");
    await client.placeOrder({
      ...base,
      items: [{ pricingCode: 10049 }],
      company: { organizationName: "Bluebird", streetAddress: "1 Main St", locality: "NYC", countryCode: "us", businessCategory: "private", dunsNumber: "123456789" },
    });
    expect(body()).toMatchObject({ organizationName: "Bluebird", streetAddress1: "1 Main St", localityName: "NYC", countryName: "US", BusinessCategory: "b", dunsNumber: "123456789" });
  });

  it.each([
    [{ items: [{ pricingCode: 1, productId: 2 }] }, "1_PPP"],
    [{ items: [] }, "items"],
    [{ customer: { kind: "new", contactEmail: "" } }, "emailAddress"],
    [{ company: { countryCode: "USA" }, items: [{ pricingCode: 1 }] }, "countryName"],
    [{ customer: { kind: "new", contactEmail: "a@b.example", person: { fullName: "A B", firstName: "A" } }, items: [{ pricingCode: 1 }] }, "name"],
  ])("conditional rules reject %o, naming the wire parameter", async (override, parameter) => {
    const { client, calls } = setup("orderNumber=4");
    const result = await client.placeOrder({ ...base, items: [{ pricingCode: 10049 }], ...override } as never);
    expect(!result.ok && result.error).toMatchObject({ kind: "validation", parameters: [parameter] });
    expect(calls).toHaveLength(0);
  });
});

describe("other encodings", () => {
  it("AutoAuthorize / AutoReject test mode and disableSWP", async () => {
    const { client, body } = setup("errorCode=0");
    await client.autoAuthorize({ orderNumber: "9100004", testMode: true, disableFreeWebProducts: true });
    expect(body()).toMatchObject({ orderNumber: "9100004", test: "Y", disableSWP: "Y" });
    await client.autoReject({ orderNumber: "9100004" });
    expect(body()).toMatchObject({ orderNumber: "9100004" });
    expect(body()).not.toHaveProperty("test");
  });

  it("AutoRefund reason codes", async () => {
    const { client, body } = setup("0\n");
    await client.autoRefund({ orderNumber: "9100001", reason: "betterPriceElsewhere" });
    expect(body().refundReasonCode).toBe("10");
  });

  it("WebHostReport date range as UNIX seconds, paging and list filters", async () => {
    const { client, body } = setup("errorCode=0&noOfResults=0");
    await client.webHostReport({
      placedFrom: new Date("2025-01-01T00:00:00Z"),
      placedTo: new Date("2025-02-01T00:00:00Z"),
      page: { first: 1, last: 50 },
      foreignOrderNumbers: ["OD-1", "OD-2"],
      orderNumbers: ["9100001"],
      domainName: "%.example",
      showCost: true,
    });
    expect(body()).toMatchObject({
      notBefore: "1735689600",
      notAfter: "1738368000",
      firstResultNo: "1",
      lastResultNo: "50",
      foreignOrderNumber: "OD-1,OD-2",
      orderNumber: "9100001",
      fqdn: "%.example",
      showCost: "Y",
    });
  });

  it("WebHostReport rejects an inverted page range", async () => {
    const { client, calls } = setup();
    const result = await client.webHostReport({ page: { first: 10, last: 1 } });
    expect(!result.ok && result.error.parameters).toEqual(["page"]);
    expect(calls).toHaveLength(0);
  });
});
