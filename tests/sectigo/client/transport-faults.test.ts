/** Transport outcomes with a stubbed fetch: every failure is typed and says whether it may have placed. */
import { createServer } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { createSectigoClient } from "@/lib/sectigo/client";
import { NEW_CUSTOMER, TEST_PASSWORD, stubClient, stubFetch } from "./helpers";

function networkError(code: string): TypeError {
  const cause = Object.assign(new Error(`${code} happened`), { code });
  return new TypeError("fetch failed", { cause });
}

const throwing = (err: unknown) => (async () => Promise.reject(err)) as unknown as typeof fetch;

/** A fetch that never answers and rejects only when aborted (as undici does). */
const hanging = (async (_input: unknown, init?: RequestInit) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () => reject(new DOMException("This operation was aborted", "AbortError")));
  })) as unknown as typeof fetch;

describe("order-placing call (AutoApplyOrder)", () => {
  it("timeout after sending → TIMEOUT, OUTCOME_UNKNOWN, mayHavePlaced", async () => {
    const { client, recorded } = stubClient(hanging, { timeoutMs: 25 });
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ kind: "timeout", domainCode: "OUTCOME_UNKNOWN", mayHavePlaced: true, retryable: false });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ outcome: "TIMEOUT", endpoint: "!AutoApplyOrder" });
    expect(recorded[0]?.httpStatus).toBeUndefined();
  });

  it("per-call timeout overrides the client's", async () => {
    const { client } = stubClient(hanging, { timeoutMs: 60_000 });
    const started = Date.now();
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER, { timeoutMs: 20 });
    expect(!result.ok && result.error.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("test=Y calls never 'may have placed'", async () => {
    const { client } = stubClient(hanging, { timeoutMs: 20 });
    const result = await client.orderSiteLockForNewCustomer({ ...NEW_CUSTOMER, testMode: true });
    expect(!result.ok && result.error).toMatchObject({ kind: "timeout", mayHavePlaced: false });
  });

  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"])("%s before sending → UNAVAILABLE, not placed, retryable", async (code) => {
    const { client, recorded } = stubClient(throwing(networkError(code)));
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ kind: "network", domainCode: "UNAVAILABLE", mayHavePlaced: false, retryable: true });
    expect(recorded[0]?.outcome).toBe("NETWORK_ERROR");
  });

  it.each(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"])("%s (after sending) → OUTCOME_UNKNOWN, mayHavePlaced", async (code) => {
    const { client } = stubClient(throwing(networkError(code)));
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ kind: "network", domainCode: "OUTCOME_UNKNOWN", mayHavePlaced: true, retryable: false });
  });

  it("an error without any code is assumed sent", async () => {
    const { client } = stubClient(throwing(new TypeError("fetch failed")));
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error.mayHavePlaced).toBe(true);
  });

  it.each([500, 502, 503])("HTTP %i → http error, mayHavePlaced", async (status) => {
    const { client, recorded } = stubClient(stubFetch("Internal error", status).fetch);
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ kind: "http", httpStatus: status, domainCode: "OUTCOME_UNKNOWN", mayHavePlaced: true });
    expect(recorded[0]).toMatchObject({ outcome: "HTTP_ERROR", httpStatus: status });
  });

  it.each([
    [429, "RATE_LIMITED"],
    [404, "UNAVAILABLE"],
    [302, "UNAVAILABLE"],
  ])("HTTP %i → not placed (%s)", async (status, domainCode) => {
    const { client } = stubClient(stubFetch("", status).fetch);
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ kind: "http", domainCode, mayHavePlaced: false });
  });

  it.each(["<html>Bad gateway</html>", "", "0\n", "errorCode=0&totalCost=1.00", "errorCode=abc", "0\nnot-a-number\n1.00"])(
    "malformed body %j → MALFORMED, mayHavePlaced",
    async (body) => {
      const { client, recorded } = stubClient(stubFetch(body).fetch);
      const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
      expect(!result.ok && result.error).toMatchObject({ kind: "malformed", domainCode: "OUTCOME_UNKNOWN", mayHavePlaced: true });
      expect(recorded[0]?.outcome).toBe("MALFORMED");
    },
  );

  it("-14 'unknown error' is not a definite rejection → mayHavePlaced", async () => {
    const { client } = stubClient(stubFetch("-14\nAn unknown error occurred!\n").fetch);
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ kind: "api", code: -14, domainCode: "UNAVAILABLE", mayHavePlaced: true });
  });
});

describe("read-only calls never 'may have placed'", () => {
  it.each([
    ["timeout", hanging],
    ["reset", throwing(networkError("ECONNRESET"))],
    ["500", stubFetch("oops", 500).fetch],
    ["malformed", stubFetch("<html/>").fetch],
  ] as const)("getAccountBalance %s", async (_name, impl) => {
    const { client } = stubClient(impl, { timeoutMs: 20 });
    const result = await client.getAccountBalance();
    expect(!result.ok && result.error.mayHavePlaced).toBe(false);
    expect(!result.ok && result.error.domainCode).not.toBe("OUTCOME_UNKNOWN");
  });
});

describe("refunds and cancellations count as state-changing", () => {
  it("AutoRefund timeout → mayHavePlaced (the refund may have happened)", async () => {
    const { client } = stubClient(hanging, { timeoutMs: 20 });
    const result = await client.autoRefund({ orderNumber: "9100001", reason: "other" });
    expect(!result.ok && result.error).toMatchObject({ kind: "timeout", mayHavePlaced: true, operation: "autoRefund" });
  });
});

describe("real sockets", () => {
  it("connection refused on a closed local port → network error, not placed", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const recorded: unknown[] = [];
    const client = createSectigoClient({
      baseUrl: `http://127.0.0.1:${port}/products/`,
      mode: "SANDBOX",
      loginName: "x",
      loginPassword: TEST_PASSWORD,
      recorder: (call) => void recorded.push(call),
    });
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ kind: "network", mayHavePlaced: false, domainCode: "UNAVAILABLE" });
    expect(recorded).toHaveLength(1);
  });
});

describe("recorder", () => {
  it("is called exactly once per call, for success and failure alike", async () => {
    const recorder = vi.fn();
    const ok = stubClient(stubFetch("errorCode=0&orderNumber=1&totalCost=0.00").fetch, { recorder }).client;
    await ok.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    const bad = stubClient(stubFetch("-3\nThe 'days' argument is missing!").fetch, { recorder }).client;
    await bad.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(recorder).toHaveBeenCalledTimes(2);
    expect(recorder.mock.calls[0]?.[0]).toMatchObject({ outcome: "SUCCESS", httpStatus: 200, method: "POST" });
    expect(recorder.mock.calls[1]?.[0]).toMatchObject({ outcome: "API_ERROR", errorCode: -3 });
    expect(typeof recorder.mock.calls[0]?.[0].durationMs).toBe("number");
  });

  it.each([
    ["throws", () => { throw new Error(`db down ${TEST_PASSWORD}`); }],
    ["rejects", async () => Promise.reject(new Error(`db down ${TEST_PASSWORD}`))],
  ])("a recorder that %s does not break the call and is logged without secrets", async (_name, recorder) => {
    const logger = vi.fn();
    const { client } = stubClient(stubFetch("errorCode=0&orderNumber=77&totalCost=0.00").fetch, { recorder, logger });
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(result.ok && result.value.orderNumber).toBe("77");
    expect(logger).toHaveBeenCalledTimes(1);
    const logged = JSON.stringify(logger.mock.calls);
    expect(logged).toContain("recorder failed");
    expect(logged).toContain("db down");
    expect(logged).not.toContain(TEST_PASSWORD);
  });
});
