/**
 * The client's encoded bodies against the documented example requests (order-insensitive).
 * Where we deliberately send more than the example, the extra keys are listed and justified.
 */
import { describe, expect, it } from "vitest";
import { createSectigoClient } from "@/lib/sectigo/client";
import { requestFixture, responseFixture, stubFetch } from "./helpers";

const DOC_AUTH = { loginName: "sectigo_reseller", loginPassword: "reseller_sectigo" };
const EMAIL = "customer@mydomain.com";

function sentBody(auth = DOC_AUTH, answer = responseFixture("auto-apply-order.success.format1.txt")) {
  const stub = stubFetch(answer);
  const client = createSectigoClient({ baseUrl: "https://secure.trust-provider.com/products/", mode: "LIVE", ...auth, fetch: stub.fetch });
  return { client, last: () => stub.calls.at(-1)! };
}

/** Key/value multiset as sorted "k=v" strings; a leading "_" on numbered keys is equivalent (seed 002). */
function normalised(pairs: Iterable<[string, string]>, drop: string[] = []): string[] {
  return [...pairs]
    .map(([k, v]) => [k.replace(/^_(\d+_)/, "$1"), v] as const)
    .filter(([k]) => !drop.includes(k))
    .map(([k, v]) => `${k}=${v}`)
    .sort();
}

/** Our decisions beyond the examples: enableAutoRenew always explicit (#6), responseFormat=1 (#12). */
const AAO_EXTRAS = ["enableAutoRenew", "responseFormat"];

describe("AutoApplyOrder bodies match the documented examples", () => {
  it("new customer (seed 001)", async () => {
    const { client, last } = sentBody();
    await client.orderSiteLockForNewCustomer({
      productCode: 1059,
      days: 365,
      domainName: "mydomain.com",
      contactEmail: EMAIL,
      organizationName: "myOrganization",
      streetAddress: "Homestead St",
      stateOrProvince: "Kansas",
      postalCode: "67202",
      countryCode: "US",
      contactFirstName: "John",
      contactLastName: "Doe",
      siteLockLoginName: "Jane",
      siteLockLoginPassword: "Doe",
      autoRenew: true,
    });
    const call = last();
    expect(call.url).toBe("https://secure.trust-provider.com/products/!AutoApplyOrder");
    expect(call.method).toBe("POST");
    expect(call.contentType).toBe("application/x-www-form-urlencoded");
    expect(normalised(call.body, AAO_EXTRAS)).toEqual(normalised(requestFixture("auto-apply-order.new-customer.txt")));
    expect(call.body.get("enableAutoRenew")).toBe("Y");
    expect(call.body.get("responseFormat")).toBe("1");
  });

  it("existing customer, add-on, renewal and auto-renew examples", async () => {
    const { client, last } = sentBody();
    const common = { days: 365 as const, domainName: "mydomain.com", contactEmail: EMAIL, autoRenew: false };

    await client.orderSiteLockForExistingCustomer({ ...common, productCode: 1059, previousOrderNumber: "3034881" });
    expect(normalised(last().body, AAO_EXTRAS)).toEqual(normalised(requestFixture("auto-apply-order.existing-customer.txt")));

    await client.orderSiteLockAddOn({ ...common, addOnCodes: [1071], previousOrderNumber: "3034881" });
    expect(normalised(last().body, AAO_EXTRAS)).toEqual(normalised(requestFixture("auto-apply-order.add-on.txt")));

    await client.renewSiteLock({ ...common, productCodes: [1059], previousOrderNumber: "3034881" });
    expect(normalised(last().body, AAO_EXTRAS)).toEqual(normalised(requestFixture("auto-apply-order.renewal.txt")));
    expect(last().body.has("previousOrder")).toBe(false); // contradictions #3

    await client.orderSiteLockForNewCustomer({ ...common, productCode: 1059 });
    expect(normalised(last().body, AAO_EXTRAS)).toEqual(normalised(requestFixture("auto-apply-order.auto-renew.txt")));
    expect(last().body.get("enableAutoRenew")).toBe("N");
  });

  it("SSL with SSL PLUS SiteLock Bundle (seed 001)", async () => {
    const { client, last } = sentBody();
    await client.orderSslWithSiteLockBundle({
      productCodes: [287],
      days: 365,
      domainName: "mydomain.com",
      contactEmail: EMAIL,
      serverSoftware: -1,
      organizationName: "myOrganizaton",
      locality: "Wichita",
      stateOrProvince: "Kansas",
      countryCode: "US",
      customerValidated: false,
      csr: "my_base64_encoded_csr",
      csrPriority: "csr",
      autoRenew: true,
    });
    expect(normalised(last().body, AAO_EXTRAS)).toEqual(normalised(requestFixture("auto-apply-order.ssl-bundle.txt")));
    expect(last().body.has("disableSiteLock")).toBe(false);
  });
});

describe("other endpoints match the documented examples", () => {
  it("PlaceOrder sample request (seed 002)", async () => {
    const { client, last } = sentBody({ loginName: "login_name", loginPassword: "login_password" }, "orderNumber=9551164");
    const result = await client.placeOrder({
      brand: "reseller_brand_name",
      resellerPays: true,
      customer: { kind: "new", contactEmail: "customer@domain.name" },
      company: { organizationName: "ABC Company 3443695", stateOrProvince: "California", countryCode: "US", streetAddress: "Elm Street 12" },
      items: [{ pricingCode: 10052, showCollectionCode: true, domainName: "domain.name" }],
    });
    expect(result.ok).toBe(true);
    expect(last().url).toBe("https://secure.trust-provider.com/products/!PlaceOrder");
    expect(normalised(last().body)).toEqual(normalised(requestFixture("place-order.sitelock.txt")));
  });

  it("AutoRefund SRA example", async () => {
    const { client, last } = sentBody(DOC_AUTH, "0\n");
    await client.autoRefund({ orderNumber: "3042396", reason: "other" });
    expect(last().url).toBe("https://secure.trust-provider.com/products/!AutoRefund");
    expect(normalised(last().body)).toEqual(normalised(requestFixture("auto-refund.txt")));
  });

  it("modifyThirdPartyDetails cancel sample", async () => {
    const { client, last } = sentBody(DOC_AUTH, "errorCode=0");
    await client.cancelLicense({ orderNumber: "3042396", productCode: 1061 });
    expect(last().url).toBe("https://secure.trust-provider.com/products/!modifyThirdPartyDetails");
    expect(normalised(last().body)).toEqual(normalised(requestFixture("modify-third-party-details.cancel.txt")));
  });

  it("getAccountBalance sample (+ responseFormat=0, the documented positional layout)", async () => {
    const { client, last } = sentBody(DOC_AUTH, "0\n1\nUSD\n1.00\n0.00\n");
    await client.getAccountBalance();
    expect(last().url).toBe("https://secure.trust-provider.com/products/!getAccountBalance");
    expect(normalised(last().body, ["responseFormat"])).toEqual(normalised(requestFixture("get-account-balance.txt")));
    expect(last().body.get("responseFormat")).toBe("0");
  });
});
