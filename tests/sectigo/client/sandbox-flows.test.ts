/** Happy paths of every operation through the client against the sandbox over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlacedOrder, SectigoResult } from "@/lib/sectigo/client";
import { type TestAccount, type TestSandbox, startTestSandbox, uniqueName } from "./sandbox-helpers";

const FUNDS = 10_000;
let sb: TestSandbox;
let account: TestAccount;
beforeAll(async () => {
  sb = await startTestSandbox({ now: new Date("2026-02-01T00:00:00Z") });
  account = await sb.createAccount({ funds: FUNDS });
});
afterAll(async () => {
  await sb?.close();
});

const fresh = () => ({ domainName: `${uniqueName("flow")}.example`, contactEmail: `${uniqueName("flow")}@example.com` });

function placed(result: SectigoResult<PlacedOrder>): PlacedOrder {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  if (!result.ok) throw new Error("order failed");
  expect(result.value.orderNumber).toMatch(/^\d+$/);
  return result.value;
}

describe("balance and new orders", () => {
  it("getAccountBalance reports the account's funds and currency", async () => {
    const { client } = sb.client(await sb.createAccount({ funds: 1234.5, creditLimit: 100 }));
    const result = await client.getAccountBalance();
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ currency: "USD", available: 1234.5, creditLimit: 100 });
    expect(result.value.accountId).not.toBe("");
  });

  it.each([0, 1] as const)("new customer order, responseFormat=%i, debits the reported cost", async (responseFormat) => {
    const { client, recorded } = sb.client(account);
    const before = await client.getAccountBalance();
    const order = placed(await client.orderSiteLockForNewCustomer({ productCode: 1061, addOnCodes: [1069], days: 365, autoRenew: true, responseFormat, ...fresh() }));
    expect(order.cost).toBeGreaterThan(0);
    const after = await client.getAccountBalance();
    if (before.ok && after.ok && order.status === "COMPLETED") {
      expect(after.value.available).toBeCloseTo(before.value.available - order.cost!, 2);
    }
    expect(JSON.stringify(recorded)).not.toContain(account.loginPassword);
    expect(recorded.every((call) => call.request.loginPassword === "[REDACTED]")).toBe(true);
  });

  it("existing customer, add-on, upgrade, SiteLock 911", async () => {
    const { client } = sb.client(account);
    const first = fresh();
    const base = placed(await client.orderSiteLockForNewCustomer({ productCode: 1060, days: 365, autoRenew: false, ...first }));

    const second = placed(
      await client.orderSiteLockForExistingCustomer({ previousOrderNumber: base.orderNumber, productCode: 1060, days: 365, autoRenew: false, domainName: fresh().domainName, contactEmail: first.contactEmail }),
    );
    expect(second.orderNumber).not.toBe(base.orderNumber);

    placed(await client.orderSiteLockAddOn({ previousOrderNumber: base.orderNumber, addOnCodes: [1071], days: 365, autoRenew: false, ...first }));

    const upgrade = placed(await client.changeSiteLockPlan({ previousOrderNumber: base.orderNumber, productCode: 1061, days: 365, autoRenew: false, ...first }));
    expect(upgrade.cost).toBeGreaterThan(0);

    placed(await client.orderSiteLock911({ autoRenew: false, ...fresh() }));
  });

  it("SSL certificate with the SSL PLUS SiteLock Bundle", async () => {
    const { client } = sb.client(account);
    placed(await client.orderSslWithSiteLockBundle({ productCodes: [287], days: 365, csr: "my_base64_encoded_csr", serverSoftware: -1, autoRenew: false, ...fresh() }));
  });

  // Sectigo's developer note: test orders exist but are not billed. So: success, flagged, no debit.
  it("test=Y succeeds, is flagged as a test, and is not billed", async () => {
    const { client } = sb.client(account);
    const before = await client.getAccountBalance();
    const result = await client.orderSiteLockForNewCustomer({ productCode: 1061, days: 365, autoRenew: false, testMode: true, ...fresh() });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.ok && result.value.testMode).toBe(true);
    const after = await client.getAccountBalance();
    expect(before.ok && after.ok).toBe(true);
    if (before.ok && after.ok) expect(after.value.available).toBe(before.value.available);
  });
});

describe("PlaceOrder → AutoAuthorize / AutoReject, refund, cancel", () => {
  const placeInput = () => ({
    brand: "orderdesk",
    resellerPays: true,
    customer: { kind: "new" as const, contactEmail: fresh().contactEmail, person: { firstName: "Bea", lastName: "Baker" } },
    company: { organizationName: "Bluebird", countryCode: "US" },
    domainName: fresh().domainName,
    items: [{ pricingCode: 10049 }] as [{ pricingCode: number }],
  });

  it("places with reseller=Y, then authorizes (test mode first, then for real)", async () => {
    const { client } = sb.client(account);
    const order = await client.placeOrder(placeInput());
    expect(order.ok, JSON.stringify(order)).toBe(true);
    if (!order.ok) return;
    const dry = await client.autoAuthorize({ orderNumber: order.value.orderNumber, testMode: true });
    expect(dry.ok && dry.value.testMode, JSON.stringify(dry)).toBe(true);
    const real = await client.autoAuthorize({ orderNumber: order.value.orderNumber });
    expect(real.ok, JSON.stringify(real)).toBe(true);
  });

  it("places and rejects", async () => {
    const { client } = sb.client(account);
    const order = await client.placeOrder(placeInput());
    expect(order.ok, JSON.stringify(order)).toBe(true);
    if (!order.ok) return;
    const rejected = await client.autoReject({ orderNumber: order.value.orderNumber });
    expect(rejected, JSON.stringify(rejected)).toEqual({ ok: true, value: { orderNumber: order.value.orderNumber, testMode: false } });
  });

  it("refund inside the window credits the account", async () => {
    const { client } = sb.client(await sb.createAccount({ funds: 1000 }));
    const order = placed(await client.orderSiteLockForNewCustomer({ productCode: 1061, days: 365, autoRenew: false, ...fresh() }));
    const before = await client.getAccountBalance();
    expect((await client.autoRefund({ orderNumber: order.orderNumber, reason: "other" })).ok).toBe(true);
    const after = await client.getAccountBalance();
    if (before.ok && after.ok && order.cost !== undefined && order.status === "COMPLETED") {
      expect(after.value.available).toBeCloseTo(before.value.available + order.cost, 2);
    }
  });

  it("cancels an add-on alone with cancelLicense", async () => {
    const { client } = sb.client(account);
    const who = fresh();
    const base = placed(await client.orderSiteLockForNewCustomer({ productCode: 1060, days: 365, autoRenew: false, ...who }));
    const addOn = placed(await client.orderSiteLockAddOn({ previousOrderNumber: base.orderNumber, addOnCodes: [1071], days: 365, autoRenew: false, ...who }));
    const result = await client.cancelLicense({ orderNumber: addOn.orderNumber, productCode: 1071 });
    expect(result, JSON.stringify(result)).toEqual({ ok: true, value: { orderNumber: addOn.orderNumber, productCode: 1071 } });
  });
});

describe("WebHostReport", () => {
  it("filters by foreignOrderNumber and pages through the rows", async () => {
    const acct = await sb.createAccount();
    const { client } = sb.client(acct);
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const foreignOrderNumber = uniqueName("OD-R");
      refs.push(foreignOrderNumber);
      placed(await client.orderSiteLockForNewCustomer({ productCode: 1060, days: 365, autoRenew: false, foreignOrderNumber, ...fresh() }));
    }
    const one = await client.webHostReport({ foreignOrderNumbers: [refs[1]!] });
    expect(one.ok, JSON.stringify(one)).toBe(true);
    if (!one.ok) return;
    expect(one.value.rows).toHaveLength(1);
    expect(one.value.rows[0]?.foreignOrderNumber ?? refs[1]).toBe(refs[1]);

    const all = await client.webHostReport({ foreignOrderNumbers: refs });
    expect(all.ok && all.value.rows).toHaveLength(3);
    const page = await client.webHostReport({ foreignOrderNumbers: refs, page: { first: 1, last: 2 } });
    expect(page.ok && page.value.rows).toHaveLength(2);
  });
});
