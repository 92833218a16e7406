import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { clientAddress, guardRequests, guardUpgrades, isDevOnlyPath, isLoopback, type GuardOptions } from "@/tools/launcher/request-guard";

describe("clientAddress", () => {
  it.each([
    ["the socket's peer, whatever the client claims", "127.0.0.1", "6.6.6.6", 0, "127.0.0.1"],
    ["IPv4 on a dual-stack socket", "::ffff:10.0.0.5", undefined, 0, "10.0.0.5"],
    ["IPv6 peer", "2001:db8::1", undefined, 0, "2001:db8::1"],
    ["one trusted proxy: the address it appended", "10.0.0.1", "6.6.6.6, 203.0.113.9", 1, "203.0.113.9"],
    ["two trusted proxies", "10.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"],
    ["fewer addresses than hops: the leftmost", "10.0.0.1", "203.0.113.9", 3, "203.0.113.9"],
    ["trusted proxy but no header: the peer", "10.0.0.1", undefined, 1, "10.0.0.1"],
    ["not an address where one is expected: the peer", "10.0.0.1", "6.6.6.6, <script>", 1, "10.0.0.1"],
    ["repeated headers count as one list", "10.0.0.1", ["6.6.6.6", "203.0.113.9"], 1, "203.0.113.9"],
    ["no socket address", undefined, undefined, 0, "unknown"],
  ] as const)("%s", (_, socket, forwarded, hops, expected) => {
    expect(clientAddress(socket, forwarded as string | string[] | undefined, hops)).toBe(expected);
  });

  it("knows loopback", () => {
    expect(["127.0.0.1", "127.8.9.1", "::1"].every(isLoopback)).toBe(true);
    expect(["192.0.2.2", "10.0.0.1", "::ffff:127.0.0.1", "unknown", "2001:db8::1"].some(isLoopback)).toBe(false);
  });
});

describe("isDevOnlyPath", () => {
  it.each([
    "/__nextjs_source-map?filename=/srv/app/.next/dev/server/chunk.js",
    "/__nextjs_original-stack-frames",
    "/__nextjs_launch-editor?file=lib/auth/verify-credentials.ts",
    "/%5F%5Fnextjs_source-map?filename=x",
    "/%5f%5fNEXTJS_source-map",
    "/app/__nextjs_source-map",
    "/_next/hmr?id=1",
    "/_next/webpack-hmr?id=1",
    "/_next/mcp",
    "/_next/static/chunks/app.js.map",
    "/%5Fnext/static/chunks/app.js.map",
    "/%E0%A4%A", // malformed escape: refused rather than guessed
  ])("refuses %s", (url) => expect(isDevOnlyPath(url)).toBe(true));

  it.each(["/", "/signin", "/settings/users?tab=1", "/_next/static/chunks/app.js", "/_next/static/media/font.woff2", "/_next/image?url=%2Ficon.svg&w=32", "/api/health"])(
    "lets through %s",
    (url) => expect(isDevOnlyPath(url)).toBe(false),
  );
});

describe("the guard over real HTTP", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(opts: GuardOptions): Promise<string> {
    server = http.createServer(
      guardRequests(opts, (req, res) => {
        const raw = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === CLIENT_ADDRESS_HEADER);
        res.end(JSON.stringify({ seen: req.headers[CLIENT_ADDRESS_HEADER], rawCopies: raw.length, rawValue: req.rawHeaders[req.rawHeaders.length - 1] }));
      }),
    );
    server.on("upgrade", guardUpgrades(opts, (_req, socket) => socket.end("HTTP/1.1 101 Switching Protocols\r\n\r\n")));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("overwrites the client address header: neither X-Forwarded-For nor the header itself sets it", async () => {
    const url = await serve({ dev: false, trustProxyHops: 0 });
    const res = await fetch(`${url}/signin`, { headers: { "x-forwarded-for": "6.6.6.6", [CLIENT_ADDRESS_HEADER]: "6.6.6.6" } });
    expect(await res.json()).toEqual({ seen: "127.0.0.1", rawCopies: 1, rawValue: "127.0.0.1" });
  });

  it("with TRUST_PROXY_HOPS=1, takes the proxy's address; in dev, refuses dev routes to that remote client only", async () => {
    const url = await serve({ dev: true, trustProxyHops: 1 });
    const remote = { "x-forwarded-for": "6.6.6.6, 203.0.113.9", [CLIENT_ADDRESS_HEADER]: "127.0.0.1" };
    expect(await (await fetch(`${url}/signin`, { headers: remote })).json()).toMatchObject({ seen: "203.0.113.9" });
    const refused = await fetch(`${url}/__nextjs_source-map?filename=x`, { headers: remote });
    expect(refused.status).toBe(404);
    expect((await fetch(`${url}/__nextjs_source-map?filename=x`)).status).toBe(200);
  });

  it.each(["/orders/%ZZ", "/settings/users/%E0%A4%A", "/signin/%"])("%s: a path that is not valid percent-encoding gets a 400 with the security headers, not Next's bare 500", async (path) => {
    let reached = false;
    server = http.createServer(guardRequests({ dev: false, trustProxyHops: 0 }, (_req, res) => ((reached = true), res.end("app"))));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(reached).toBe(false);
  });

  it("a handler that fails answers 500 and the server keeps serving (no unhandled rejection)", async () => {
    let calls = 0;
    server = http.createServer(
      guardRequests({ dev: false, trustProxyHops: 0 }, async (_req, res) => {
        if (calls++ === 0) throw new Error("boom");
        res.end("fine");
      }),
    );
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await fetch(`${url}/a`)).status).toBe(500);
    expect(await (await fetch(`${url}/b`)).text()).toBe("fine");
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("boom"));
    errors.mockRestore();
  });

  it("in production, dev-looking paths go to the app as usual", async () => {
    const url = await serve({ dev: false, trustProxyHops: 1 });
    const res = await fetch(`${url}/__nextjs_source-map`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(res.status).toBe(200);
  });

  it("refuses a remote WebSocket upgrade (hot reload) in dev, and lets a local one through", async () => {
    const url = new URL(await serve({ dev: true, trustProxyHops: 1 }));
    const upgrade = (forwardedFor?: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(Number(url.port), "127.0.0.1", () => {
          socket.write(
            `GET /_next/hmr HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
              (forwardedFor ? `X-Forwarded-For: ${forwardedFor}\r\n` : "") +
              "\r\n",
          );
        });
        let reply = "";
        socket.on("data", (c) => (reply += c.toString()));
        socket.on("close", () => resolve(reply.split("\r\n")[0]!));
      });
    expect(await upgrade("203.0.113.9")).toBe("HTTP/1.1 404 Not Found");
    expect(await upgrade()).toBe("HTTP/1.1 101 Switching Protocols");
  });
});
