/**
 * Every answer is capped in size and time before it is parsed or recorded (issue 16 item 5), over
 * real HTTP on loopback: a 100 MB answer is cut at the cap while it streams in (the server sees the
 * connection close long before it is done), the call fails cleanly and the recorded response is a
 * short prefix; an answer that announces its size is not read at all; a slow answer ends at the
 * call's timeout.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSectigoClient, type RecordedCall } from "@/lib/sectigo/client";
import { CUT_PREFIX_CHARS, DEFAULT_MAX_RESPONSE_BYTES } from "@/lib/sectigo/client/read-body";
import { NEW_CUSTOMER, TEST_PASSWORD } from "./helpers";

const HUNDRED_MB = 100 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "7");

let server: http.Server;
let base: string;
/** Bytes the server handed to the socket per path, and whether the client hung up first. */
const sent = new Map<string, { bytes: number; closedEarly: boolean }>();

/** Writes up to `total` bytes with back-pressure, stopping when the client goes away. */
function stream(res: http.ServerResponse, total: number, key: string): void {
  const tally = { bytes: 0, closedEarly: false };
  sent.set(key, tally);
  let closed = false;
  res.on("close", () => {
    closed = true;
    tally.closedEarly = tally.bytes < total;
  });
  const pump = () => {
    while (!closed && tally.bytes < total) {
      tally.bytes += CHUNK.length;
      if (!res.write(CHUNK)) return void res.once("drain", pump);
    }
    if (!closed) res.end();
  };
  pump();
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    const kind = req.url!.split("/")[1]!;
    if (kind === "huge") return stream(res.writeHead(200, { "content-type": "text/plain" }), HUNDRED_MB, "huge");
    if (kind === "declared") return stream(res.writeHead(200, { "content-type": "text/plain", "content-length": String(HUNDRED_MB) }), HUNDRED_MB, "declared");
    if (kind === "report") return stream(res.writeHead(200, { "content-type": "text/plain" }), 2 * 1024 * 1024, "report");
    if (kind === "slow") {
      // Headers at once, then a byte now and then: never a complete answer.
      res.writeHead(200, { "content-type": "text/plain" }).write("0\n");
      const drip = setInterval(() => res.write("1"), 50);
      res.on("close", () => clearInterval(drip));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client(kind: string, extra: { timeoutMs?: number } = {}) {
  const recorded: RecordedCall[] = [];
  const c = createSectigoClient({
    baseUrl: `${base}/${kind}/products/`,
    mode: "SANDBOX",
    loginName: "orderdesk",
    loginPassword: TEST_PASSWORD,
    timeoutMs: extra.timeoutMs ?? 20_000,
    recorder: (call) => void recorded.push(call),
  });
  return { client: c, recorded };
}

describe("answer size cap", () => {
  it("a 100 MB answer is cut at the cap while it streams: the call fails as malformed, the rest is never read, the record keeps a short prefix", async () => {
    const { client: c, recorded } = client("huge");
    const result = await c.getAccountBalance();
    expect(!result.ok && result.error).toMatchObject({ kind: "malformed", domainCode: "UNEXPECTED", mayHavePlaced: false });
    expect(!result.ok && result.error.meaning).toContain(`larger than ${DEFAULT_MAX_RESPONSE_BYTES} bytes`);
    await expect.poll(() => sent.get("huge")?.closedEarly).toBe(true);
    // What the server got into the socket before the client hung up: the cap plus socket buffers.
    expect(sent.get("huge")!.bytes).toBeLessThan(HUNDRED_MB / 10);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ outcome: "MALFORMED", httpStatus: 200 });
    expect(recorded[0]!.response!.length).toBeLessThan(CUT_PREFIX_CHARS + 200);
    expect(recorded[0]!.response).toMatch(/^7{2000}\n\[cut: the answer exceeded 1048576 bytes; the rest was not read\]$/);
  });

  it("an answer that announces more than the cap is not read at all", async () => {
    const { client: c, recorded } = client("declared");
    const result = await c.getAccountBalance();
    expect(!result.ok && result.error.kind).toBe("malformed");
    expect(recorded[0]!.response).toBe(`\n[cut: the answer exceeded ${DEFAULT_MAX_RESPONSE_BYTES} bytes; the rest was not read]`);
    await expect.poll(() => sent.get("declared")?.closedEarly).toBe(true);
  });

  it("on an order, a cut answer means 'may have placed' (never resent), like any answer we cannot read", async () => {
    const { client: c } = client("huge");
    const result = await c.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(!result.ok && result.error).toMatchObject({ kind: "malformed", domainCode: "OUTCOME_UNKNOWN", mayHavePlaced: true });
  });

  it("WebHostReport pages, which grow with the reseller, have a larger cap: a 2 MB page is read whole", async () => {
    const { client: c, recorded } = client("report");
    await c.webHostReport({ page: { first: 1, last: 500 } });
    expect(recorded[0]!.response).toHaveLength(2 * 1024 * 1024);
    expect(sent.get("report")!.closedEarly).toBe(false);
  });

  it("refuses a cap that is not a positive whole number at construction", () => {
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => createSectigoClient({ baseUrl: `${base}/x/`, mode: "SANDBOX", loginName: "a", loginPassword: "b", maxResponseBytes })).toThrow(/maxResponseBytes/);
    }
  });
});

describe("answer time cap", () => {
  it("an answer that starts at once but never completes ends at the call's timeout, body included", async () => {
    const { client: c, recorded } = client("slow", { timeoutMs: 300 });
    const started = performance.now();
    const result = await c.getAccountBalance();
    expect(!result.ok && result.error.kind).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(recorded[0]).toMatchObject({ outcome: "TIMEOUT" });
  });
});
