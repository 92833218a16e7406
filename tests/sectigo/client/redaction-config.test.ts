/** Secrets never travel: recorded calls, errors, logs, JSON/inspect of client and config. */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { SectigoConfigError, createSectigoClient, sectigoConfig } from "@/lib/sectigo/client";
import type { RecordedCall } from "@/lib/sectigo/client";
import { NEW_CUSTOMER, TEST_PASSWORD, stubClient, stubFetch } from "./helpers";

const SITELOCK_PASSWORD = "Dashboard-Pa55!";
const forms = (secret: string) => [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];

function expectNoSecret(value: unknown) {
  const text = typeof value === "string" ? value : JSON.stringify(value) + inspect(value, { depth: 10 });
  for (const secret of [TEST_PASSWORD, SITELOCK_PASSWORD]) for (const form of forms(secret)) expect(text).not.toContain(form);
}

describe("recorded calls", () => {
  it("redact loginPassword, appRepLoginPassword and any *password* key", async () => {
    const stub = stubFetch("errorCode=0&orderNumber=5&totalCost=1.00");
    const { client, recorded } = stubClient(stub.fetch);
    await client.orderSiteLockForNewCustomer({ ...NEW_CUSTOMER, siteLockLoginName: "bea", siteLockLoginPassword: SITELOCK_PASSWORD });
    // the wire itself carries the secrets (otherwise the test proves nothing)
    expect(stub.calls[0]?.body.get("loginPassword")).toBe(TEST_PASSWORD);
    expect(stub.calls[0]?.body.get("appRepLoginPassword")).toBe(SITELOCK_PASSWORD);
    const call = recorded[0] as RecordedCall;
    expect(call.request.loginPassword).toBe("[REDACTED]");
    expect(call.request.appRepLoginPassword).toBe("[REDACTED]");
    expect(call.request.loginName).toBe("orderdesk");
    expectNoSecret(recorded);
  });

  it("scrub a secret echoed back by Sectigo from the recorded response and the error", async () => {
    const echo = `-4\nThe value of the 'appRepLoginPassword' argument is invalid! (${SITELOCK_PASSWORD} / ${encodeURIComponent(TEST_PASSWORD)})\n`;
    const { client, recorded } = stubClient(stubFetch(echo).fetch);
    const result = await client.orderSiteLockForNewCustomer({ ...NEW_CUSTOMER, siteLockLoginPassword: SITELOCK_PASSWORD });
    expect(!result.ok && result.error).toMatchObject({ code: -4, parameters: ["appRepLoginPassword"] });
    expect(!result.ok && result.error.vendorMessage).toContain("[REDACTED]");
    expectNoSecret(result);
    expectNoSecret(recorded);
  });

  it("scrub a secret echoed back in errorItem from the error's field and message", async () => {
    const echo = `errorCode=-4&errorItem=${encodeURIComponent(TEST_PASSWORD)}&errorMessage=invalid`;
    const { client, recorded } = stubClient(stubFetch(echo).fetch);
    const result = await client.getAccountBalance();
    expect(!result.ok && result.error.code).toBe(-4);
    expectNoSecret(result);
    expectNoSecret(recorded);
  });

  it("scrub secrets from network error details", async () => {
    const failing = (async () => Promise.reject(new TypeError(`fetch failed for ${TEST_PASSWORD}`))) as unknown as typeof fetch;
    const { client, recorded } = stubClient(failing);
    const result = await client.getAccountBalance();
    expect(result.ok).toBe(false);
    expectNoSecret(result);
    expectNoSecret(recorded);
  });
});

describe("client and config", () => {
  const config = { baseUrl: "https://sectigo.test/products", mode: "LIVE" as const, loginName: "orderdesk", loginPassword: TEST_PASSWORD };

  it("the client's JSON, toString and inspect show no password", () => {
    const client = createSectigoClient(config);
    expectNoSecret(JSON.stringify(client));
    expectNoSecret(String(client));
    expectNoSecret(inspect(client, { depth: 10 }));
    expect(JSON.stringify(client)).toContain("[REDACTED]");
  });

  it("sectigoConfig() hides the password from JSON/inspect/keys but the client can still use it", async () => {
    const safe = sectigoConfig(config);
    expectNoSecret(JSON.stringify(safe));
    expectNoSecret(String(safe));
    expectNoSecret(inspect(safe));
    expect(Object.keys(safe)).not.toContain("loginPassword");
    const stub = stubFetch("0\n1\nUSD\n1.00\n0.00\n");
    const client = createSectigoClient({ ...safe, loginPassword: safe.loginPassword, fetch: stub.fetch });
    await client.getAccountBalance();
    expect(stub.calls[0]?.body.get("loginPassword")).toBe(TEST_PASSWORD);
    expect(stub.calls[0]?.url).toBe("https://sectigo.test/products/!getAccountBalance");
  });

  it("LIVE requires https (clear error at construction, no secret in it)", () => {
    const make = () => createSectigoClient({ ...config, baseUrl: "http://127.0.0.1:4010/products/" });
    expect(make).toThrow(SectigoConfigError);
    expect(make).toThrow(/LIVE mode requires an https/);
    try {
      make();
    } catch (err) {
      expectNoSecret(String(err) + JSON.stringify(err));
    }
  });

  it("SANDBOX accepts http; other invalid configs are rejected", () => {
    expect(() => createSectigoClient({ ...config, mode: "SANDBOX", baseUrl: "http://127.0.0.1:4010/products/" })).not.toThrow();
    expect(() => createSectigoClient({ ...config, baseUrl: "not a url" })).toThrow(SectigoConfigError);
    expect(() => createSectigoClient({ ...config, baseUrl: "ftp://x/products/" })).toThrow(SectigoConfigError);
    expect(() => createSectigoClient({ ...config, loginPassword: "" })).toThrow(/loginPassword is required/);
    expect(() => createSectigoClient({ ...config, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createSectigoClient({ ...config, baseUrl: `https://u:${TEST_PASSWORD}@x/products/` })).toThrow(/credentials/);
  });
});
