/**
 * One test per documented error code, through the client against the sandbox over HTTP.
 * Expected values come from the documents (errors.md, seeds 002/003), not from the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CUSTOMERS, DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { SectigoError, SectigoResult } from "@/lib/sectigo/client";
import { type TestSandbox, startTestSandbox, tamperingFetch, uniqueName } from "./sandbox-helpers";

const ANCHOR = new Date("2026-03-02T00:00:00.000Z");
const demo = { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password };
const license = (key: string) => DEMO_CUSTOMERS.flatMap((c) => c.licenses.map((l) => ({ ...l, email: c.email }))).find((l) => l.key === key)!;
const acme = license("acme-pro"); // 1061 Pro, ~245 days left, add-ons 1069 + 1071

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ demo: true, demoAnchor: ANCHOR, now: ANCHOR });
});
afterAll(async () => {
  await sb?.close();
});

/** `parameters`: the wire parameters the error names, as the sandbox (Sectigo) spells them. */
function expectApiError<T>(result: SectigoResult<T>, code: number, domainCode: string, ...parameters: string[]): SectigoError {
  expect(result.ok, `expected Sectigo error ${code}, got ${JSON.stringify(result)}`).toBe(false);
  if (result.ok) throw new Error("unreachable");
  expect(result.error).toMatchObject({ kind: "api", code, domainCode, mayHavePlaced: false });
  expect(result.error.parameters).toEqual(parameters.length > 0 ? parameters : undefined);
  return result.error;
}

const newOrder = (over: Record<string, unknown> = {}) => ({
  productCode: 1060,
  days: 365 as const,
  domainName: `${uniqueName("new")}.example`,
  contactEmail: `${uniqueName("owner")}@example.com`,
  autoRenew: false,
  ...over,
});

const placeOrderInput = (over: Record<string, unknown> = {}) => ({
  brand: "orderdesk",
  resellerPays: true,
  customer: { kind: "new" as const, contactEmail: `${uniqueName("po")}@example.com` },
  domainName: `${uniqueName("po")}.example`,
  items: [{ pricingCode: 10049 }] as [{ pricingCode: number }],
  ...over,
});

describe("argument errors", () => {
  // Not `previousOrder`: renewals.md tells the simulator to accept that prose spelling as an alias.
  it("-2 unknown parameter (a typo of enableAutoRenew) → UNKNOWN_FIELD, name passed through", async () => {
    const { client } = sb.client(demo, { fetch: tamperingFetch((b) => b.set("enableAutoRenewal", "Y")) });
    expectApiError(await client.orderSiteLockForNewCustomer(newOrder()), -2, "UNKNOWN_FIELD", "enableAutoRenewal");
  });

  it("-3 missing appRepEmailAddress → MISSING_FIELD naming appRepEmailAddress", async () => {
    const { client } = sb.client(demo, { fetch: tamperingFetch((b) => b.delete("appRepEmailAddress")) });
    expectApiError(await client.orderSiteLockForNewCustomer(newOrder()), -3, "MISSING_FIELD", "appRepEmailAddress");
  });

  it("-4 invalid Y/N flag → INVALID_FIELD naming enableAutoRenew", async () => {
    const { client } = sb.client(demo, { fetch: tamperingFetch((b) => b.set("enableAutoRenew", "Q")) });
    expectApiError(await client.orderSiteLockForNewCustomer(newOrder()), -4, "INVALID_FIELD", "enableAutoRenew");
  });

  it("-4 on PlaceOrder names the parameter (errorItem or message) → reseller", async () => {
    const { client } = sb.client(demo, { fetch: tamperingFetch((b) => b.set("reseller", "Q")) });
    expectApiError(await client.placeOrder(placeOrderInput()), -4, "INVALID_FIELD", "reseller");
  });

  it("-7 invalid country → INVALID_FIELD naming countryName", async () => {
    const { client } = sb.client(demo);
    expectApiError(await client.orderSiteLockForNewCustomer(newOrder({ countryCode: "XX" })), -7, "INVALID_FIELD", "countryName");
  });

  it("-17 GET instead of POST → PROTOCOL_ERROR", async () => {
    const { client } = sb.client(demo, { fetch: tamperingFetch(() => undefined, "GET") });
    expectApiError(await client.getAccountBalance(), -17, "PROTOCOL_ERROR");
  });

  it("-39 PlaceOrder without items → MISSING_FIELD, no parameter", async () => {
    const { client } = sb.client(demo, { fetch: tamperingFetch((b) => b.delete("1_PPP")) });
    expectApiError(await client.placeOrder(placeOrderInput()), -39, "MISSING_FIELD");
  });

  it("-70 PlaceOrder invalid e-mail → INVALID_FIELD naming emailAddress", async () => {
    const { client } = sb.client(demo, { fetch: tamperingFetch((b) => b.set("emailAddress", "not-an-email")) });
    expectApiError(await client.placeOrder(placeOrderInput()), -70, "INVALID_FIELD", "emailAddress");
  });

  it("-83 PlaceOrder parameter not applicable (MAC address on a SiteLock item) → NOT_APPLICABLE", async () => {
    const { client } = sb.client(demo);
    const input = placeOrderInput({ items: [{ pricingCode: 10049, macAddress: "00:11:22:33:44:55" }] });
    expectApiError(await client.placeOrder(input as never), -83, "NOT_APPLICABLE", "1_MACAddress");
  });
});

describe("account errors", () => {
  it("-15 not enough credit → INSUFFICIENT_FUNDS", async () => {
    const { client } = sb.client(await sb.createAccount({ funds: 0, creditLimit: 0 }));
    expectApiError(await client.orderSiteLockForNewCustomer(newOrder({ productCode: 1061 })), -15, "INSUFFICIENT_FUNDS");
  });

  it("-16 wrong password → AUTH_FAILED, and the password appears nowhere", async () => {
    const wrong = { loginName: demo.loginName, loginPassword: "definitely-wrong-Pa55" };
    const { client, recorded } = sb.client(wrong);
    const error = expectApiError(await client.getAccountBalance(), -16, "AUTH_FAILED");
    expect(JSON.stringify(error)).not.toContain(wrong.loginPassword);
    expect(JSON.stringify(recorded)).not.toContain(wrong.loginPassword);
    expect(recorded[0]?.request.loginPassword).toBe("[REDACTED]");
  });

  it("-42 call limit reached → RATE_LIMITED, retryable", async () => {
    const { client } = sb.client(await sb.createAccount({ callLimitPerMinute: 1 }));
    const first = await client.getAccountBalance();
    expect(first.ok).toBe(true);
    const second = await client.getAccountBalance();
    const error = expectApiError(second, -42, "RATE_LIMITED");
    expect(error.retryable).toBe(true);
  });

  it("-76 SiteLock not activated → NOT_ENABLED", async () => {
    const { client } = sb.client(await sb.createAccount({ siteLockEnabled: false }));
    expectApiError(await client.orderSiteLockForNewCustomer(newOrder()), -76, "NOT_ENABLED");
  });
});

describe("order-state errors", () => {
  it("-18 refund twice → ALREADY_REFUNDED", async () => {
    const { client } = sb.client(await sb.createAccount());
    const placed = await client.orderSiteLockForNewCustomer(newOrder({ productCode: 1061 }));
    expect(placed.ok, JSON.stringify(placed)).toBe(true);
    if (!placed.ok) return;
    const first = await client.autoRefund({ orderNumber: placed.value.orderNumber, reason: "other" });
    expect(first, JSON.stringify(first)).toEqual({ ok: true, value: { orderNumber: placed.value.orderNumber } });
    expectApiError(await client.autoRefund({ orderNumber: placed.value.orderNumber, reason: "other" }), -18, "ALREADY_REFUNDED");
  });

  // A monthly license has no refund period, so the first cancel cannot also refund (which would
  // make "already refunded" (-18) an equally documented answer to the second cancel).
  it("-20 cancel twice (monthly license, not refundable) → ALREADY_CANCELLED", async () => {
    const { client } = sb.client(await sb.createAccount());
    const placed = await client.orderSiteLockForNewCustomer(newOrder({ productCode: 1060, days: 30 }));
    expect(placed.ok, JSON.stringify(placed)).toBe(true);
    if (!placed.ok) return;
    const first = await client.cancelLicense({ orderNumber: placed.value.orderNumber, productCode: 1060 });
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expectApiError(await client.cancelLicense({ orderNumber: placed.value.orderNumber, productCode: 1060 }), -20, "ALREADY_CANCELLED");
  });

  it("-54 PlaceOrder with two main licenses → INVALID_PRODUCT_COMBINATION", async () => {
    const { client } = sb.client(demo);
    const input = placeOrderInput({ items: [{ pricingCode: 10049 }, { pricingCode: 10051 }] });
    expectApiError(await client.placeOrder(input as never), -54, "INVALID_PRODUCT_COMBINATION");
  });

  it("-56 PlaceOrder renewal long before expiry → OUTSIDE_RENEWAL_WINDOW", async () => {
    const { client } = sb.client(demo);
    const input = placeOrderInput({
      customer: { kind: "returning", contactEmail: DEMO_CUSTOMERS[0]!.email },
      domainName: acme.domainName,
      items: [{ pricingCode: 10051 }],
    });
    expectApiError(await client.placeOrder(input as never), -56, "OUTSIDE_RENEWAL_WINDOW");
  });

  it("-115 no price for SiteLock Monitor (1059) for 30 days → PRICE_NOT_FOUND on days", async () => {
    const { client } = sb.client(demo);
    expectApiError(await client.orderSiteLockForNewCustomer(newOrder({ productCode: 1059, days: 30 })), -115, "PRICE_NOT_FOUND", "days");
  });

  it("-121 renewal outside the window → OUTSIDE_RENEWAL_WINDOW", async () => {
    const { client } = sb.client(demo);
    const result = await client.renewSiteLock({
      previousOrderNumber: acme.orderNumber,
      productCodes: [acme.productCode],
      days: 365,
      domainName: acme.domainName,
      contactEmail: acme.email,
      autoRenew: true,
    });
    expectApiError(result, -121, "OUTSIDE_RENEWAL_WINDOW");
  });

  it("-121 lower-tier add-on (5 GB backup on Pro) → ADDON_NOT_ALLOWED", async () => {
    const { client } = sb.client(demo);
    const result = await client.orderSiteLockAddOn({
      previousOrderNumber: acme.orderNumber,
      addOnCodes: [1068],
      days: 365,
      domainName: acme.domainName,
      contactEmail: acme.email,
      autoRenew: false,
    });
    expectApiError(result, -121, "ADDON_NOT_ALLOWED");
  });

  it("-122 new customer for an existing domain → DUPLICATE naming domainName and appRepEmailAddress (it cannot say which)", async () => {
    const { client } = sb.client(demo);
    expectApiError(await client.orderSiteLockForNewCustomer(newOrder({ domainName: acme.domainName })), -122, "DUPLICATE", "domainName", "appRepEmailAddress");
  });

  it("-124 SSL PLUS SiteLock Bundle alone → INVALID_PRODUCT_COMBINATION naming product", async () => {
    const { client } = sb.client(demo);
    expectApiError(await client.orderSiteLockForNewCustomer(newOrder({ productCode: 1072 })), -124, "INVALID_PRODUCT_COMBINATION", "product");
  });

  it("-128 PlaceOrder add-on without a SiteLock license → ADDON_NOT_ALLOWED", async () => {
    const { client } = sb.client(demo);
    const input = placeOrderInput({ items: [{ pricingCode: 10064 }] });
    const result = await client.placeOrder(input as never);
    expect(!result.ok && result.error).toMatchObject({ kind: "api", code: -128, domainCode: "ADDON_NOT_ALLOWED", mayHavePlaced: false });
    // errorItem is optional for -128; when present it must point at the add-on item.
    if (!result.ok && result.error.parameters !== undefined) expect(result.error.parameters).toEqual(["1_PPP"]);
  });
});
