/**
 * Every sandbox fault mode yields a typed outcome that says whether the order may have been placed.
 * lost-response must be reconcilable: mayHavePlaced AND the order exists (admin route and
 * webHostReport by foreignOrderNumber).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "@/tools/sandbox/server";
import { createSectigoClient } from "@/lib/sectigo/client";
import { type TestAccount, type TestSandbox, countOrders, startTestSandbox, uniqueName } from "./sandbox-helpers";

let sb: TestSandbox;
let account: TestAccount;
beforeAll(async () => {
  sb = await startTestSandbox({ now: new Date("2026-02-01T00:00:00Z") });
  account = await sb.createAccount();
});
afterEach(async () => {
  await sb.clearFaults();
});
afterAll(async () => {
  await sb?.close();
});

const order = () => {
  const foreignOrderNumber = uniqueName("OD");
  return {
    productCode: 1060,
    days: 365 as const,
    domainName: `${uniqueName("fault")}.example`,
    contactEmail: `${uniqueName("fault")}@example.com`,
    autoRenew: false,
    foreignOrderNumber,
  };
};

describe("fault modes on AutoApplyOrder", () => {
  it("latency below the timeout → success", async () => {
    await sb.fault({ mode: "latency", loginName: account.loginName, latencyMs: 100, times: 1 });
    const { client } = sb.client(account, { timeoutMs: 5_000 });
    const result = await client.orderSiteLockForNewCustomer(order());
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it("latency above the timeout → TIMEOUT, mayHavePlaced", async () => {
    await sb.fault({ mode: "latency", loginName: account.loginName, latencyMs: 1_500, times: 1 });
    const { client, recorded } = sb.client(account, { timeoutMs: 200 });
    const result = await client.orderSiteLockForNewCustomer(order());
    expect(!result.ok && result.error).toMatchObject({ kind: "timeout", domainCode: "OUTCOME_UNKNOWN", mayHavePlaced: true });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.outcome).toBe("TIMEOUT");
  });

  it("hang → TIMEOUT, mayHavePlaced", async () => {
    await sb.fault({ mode: "hang", loginName: account.loginName, times: 1 });
    const { client, recorded } = sb.client(account, { timeoutMs: 200 });
    const result = await client.orderSiteLockForNewCustomer(order());
    expect(!result.ok && result.error).toMatchObject({ kind: "timeout", mayHavePlaced: true });
    expect(recorded[0]?.outcome).toBe("TIMEOUT");
  });

  it.each([
    ["http500", 500],
    ["http503", 503],
  ])("%s → HTTP error, mayHavePlaced", async (mode, status) => {
    await sb.fault({ mode, loginName: account.loginName, times: 1 });
    const { client, recorded } = sb.client(account);
    const result = await client.orderSiteLockForNewCustomer(order());
    expect(!result.ok && result.error).toMatchObject({ kind: "http", httpStatus: status, domainCode: "OUTCOME_UNKNOWN", mayHavePlaced: true });
    expect(recorded[0]).toMatchObject({ outcome: "HTTP_ERROR", httpStatus: status });
  });

  it("reset → network error, mayHavePlaced", async () => {
    await sb.fault({ mode: "reset", loginName: account.loginName, times: 1 });
    const { client, recorded } = sb.client(account);
    const result = await client.orderSiteLockForNewCustomer(order());
    expect(!result.ok && result.error).toMatchObject({ kind: "network", domainCode: "OUTCOME_UNKNOWN", mayHavePlaced: true });
    expect(recorded[0]?.outcome).toBe("NETWORK_ERROR");
  });

  it("malformed → MALFORMED, mayHavePlaced", async () => {
    await sb.fault({ mode: "malformed", loginName: account.loginName, times: 1 });
    const { client, recorded } = sb.client(account);
    const result = await client.orderSiteLockForNewCustomer(order());
    expect(!result.ok && result.error).toMatchObject({ kind: "malformed", domainCode: "OUTCOME_UNKNOWN", mayHavePlaced: true });
    expect(recorded[0]?.outcome).toBe("MALFORMED");
  });

  it("lost-response → mayHavePlaced, the order exists, and webHostReport finds it by foreignOrderNumber", async () => {
    await sb.fault({ mode: "lost-response", loginName: account.loginName, times: 1 });
    const { client } = sb.client(account);
    const input = order();
    const result = await client.orderSiteLockForNewCustomer(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.mayHavePlaced).toBe(true);
    expect(result.error.domainCode).toBe("OUTCOME_UNKNOWN");
    expect(["network", "timeout"]).toContain(result.error.kind);

    expect(countOrders(await sb.ordersByForeignNumber(input.foreignOrderNumber))).toBe(1);
    const report = await client.webHostReport({ foreignOrderNumbers: [input.foreignOrderNumber] });
    expect(report.ok, JSON.stringify(report)).toBe(true);
    if (!report.ok) return;
    expect(report.value.rows).toHaveLength(1);
    expect(report.value.rows[0]?.orderNumber).toMatch(/^\d+$/);
  });

  it("a fault with times: 1 affects one call only; the next call succeeds", async () => {
    await sb.fault({ mode: "http500", loginName: account.loginName, times: 1 });
    const { client } = sb.client(account);
    const first = await client.getAccountBalance();
    expect(!first.ok && first.error).toMatchObject({ kind: "http", mayHavePlaced: false }); // read-only
    const second = await client.getAccountBalance();
    expect(second.ok, JSON.stringify(second)).toBe(true);
  });
});

describe("connection refused", () => {
  it("a stopped sandbox → network error, mayHavePlaced false, retryable", async () => {
    const stopped = await startSandbox({ port: 0 });
    const origin = new URL(stopped.url).origin;
    await stopped.close();
    const recorded: unknown[] = [];
    const client = createSectigoClient({
      baseUrl: `${origin}/products/`,
      mode: "SANDBOX",
      ...account,
      recorder: (call) => void recorded.push(call),
    });
    const result = await client.orderSiteLockForNewCustomer(order());
    expect(!result.ok && result.error).toMatchObject({ kind: "network", domainCode: "UNAVAILABLE", mayHavePlaced: false, retryable: true });
    expect(recorded).toHaveLength(1);
  });
});
