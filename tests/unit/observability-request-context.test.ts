/**
 * The node:http wrapper (lib/observability/request-context.ts): the request id is taken from
 * X-Request-Id only when it is a safe token, echoed on the response, present on every line logged on
 * the request's behalf (after awaits too), and the access line holds no query-string value.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptRequestId, isSafeRequestId } from "@/lib/observability/request-id";
import { withRequestContext } from "@/lib/observability/request-context";
import { log } from "@/lib/observability/logger";
import { captureLogs } from "../fixtures/log-capture";

const logs = captureLogs();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(
    withRequestContext(async (req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log().info({ msg: "inside the handler" });
      res.writeHead(req.url?.startsWith("/missing") ? 404 : 200).end("ok");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Waits for the access line of a request id (written when the response finishes, after fetch returns). */
async function accessLine(requestId: string) {
  for (let i = 0; i < 200; i++) {
    const [line] = logs.find((l) => l.msg === "request" && l.requestId === requestId);
    if (line) return line;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no access line for ${requestId}`);
}

describe("request ids", () => {
  it("accepts a safe token and replaces anything else", () => {
    expect(acceptRequestId("0123456789abcdef0123456789abcdef")).toBe("0123456789abcdef0123456789abcdef");
    for (const bad of ["short", "has space in it", "x".repeat(65), "line\nbreak-12345", 'quote"12345678', "", undefined]) {
      const id = acceptRequestId(bad);
      expect(id).not.toBe(bad);
      expect(isSafeRequestId(id)).toBe(true);
    }
    expect(acceptRequestId(["first-id-1234", "second-id-1234"])).toBe("first-id-1234");
  });

  it("echoes the id, logs it on the handler's line and on one access line without query values", async () => {
    const id = "nginx-req-0001-abcdef";
    const res = await fetch(`${base}/orders?q=very-private-search&token=s3cr3t-value-xyz`, { headers: { "x-request-id": id } });
    expect(res.headers.get("x-request-id")).toBe(id);
    const access = await accessLine(id);
    expect(access).toMatchObject({ method: "GET", path: "/orders", query: ["q", "token"], status: 200, level: "info" });
    expect(typeof access.ms).toBe("number");
    expect(logs.find((l) => l.msg === "inside the handler" && l.requestId === id)).toHaveLength(1);
    expect(logs.text()).not.toContain("very-private-search");
    expect(logs.text()).not.toContain("s3cr3t-value-xyz");
  });

  it("assets, probes and the router's prefetches are logged at debug, pages at info", async () => {
    const ids = { asset: "asset-req-00000001", prefetch: "prefetch-req-00000001", page: "page-req-00000001" };
    await fetch(`${base}/_next/static/chunks/app.js`, { headers: { "x-request-id": ids.asset } });
    await fetch(`${base}/orders?_rsc=abc`, { headers: { "x-request-id": ids.prefetch, "next-router-prefetch": "1" } });
    await fetch(`${base}/orders?_rsc=abc`, { headers: { "x-request-id": ids.page } });
    expect((await accessLine(ids.asset)).level).toBe("debug");
    expect((await accessLine(ids.prefetch)).level).toBe("debug");
    expect((await accessLine(ids.page)).level).toBe("info");
  });

  it("gives a request with an unsafe id a new one, and each request its own", async () => {
    const res = await fetch(`${base}/missing`, { headers: { "x-request-id": "bad id; rm -rf" } });
    const id = res.headers.get("x-request-id")!;
    expect(isSafeRequestId(id)).toBe(true);
    expect(await accessLine(id)).toMatchObject({ path: "/missing", status: 404 });
    const other = (await fetch(`${base}/missing`)).headers.get("x-request-id");
    expect(other).not.toBe(id);
    expect(logs.text()).not.toContain("rm -rf");
  });
});
