/**
 * The launcher's request guard in front of Next (issue 16 item 6), over real HTTP: server-action
 * requests Next would answer with a 500 and a stack trace (another origin, a body over the limit,
 * a body it cannot decode) are answered 403 / 413 / 400 with exactly one log line before the app
 * sees them; real calls (text/plain JSON, multipart FormData, a form posted before hydration) reach
 * the app with their body intact; forwarded headers are dropped unless a proxy is trusted.
 * What Next itself does with each request was checked against a production build (the module
 * comment of tools/launcher/server-action-guard.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { NextConfig } from "next";
import { afterEach, describe, expect, it, vi } from "vitest";
// @ts-expect-error -- next.config.mjs is plain ESM without a declaration file
import rawConfig from "../../next.config.mjs";
import { guardRequests, type GuardOptions } from "@/tools/launcher/request-guard";
import { FORWARDED_HEADERS } from "@/tools/launcher/forwarded-headers";
import { bodyRefusal, SERVER_ACTION_BODY_LIMIT } from "@/tools/launcher/server-action-guard";

const ACTION = "7f8a2e8bd0b55a801abf01a1a8f8bbe2aa4b7d691c";

interface Seen {
  body: string;
  headers: http.IncomingHttpHeaders;
  rawNames: string[];
}

let server: http.Server | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** The guard in front of an app that reads the whole body, as Next does, and says what it got. */
async function serve(opts: Partial<GuardOptions> = {}): Promise<{ port: number; seen: Seen[]; lines: string[] }> {
  const seen: Seen[] = [];
  const lines: string[] = [];
  server = http.createServer(
    guardRequests({ dev: false, trustProxyHops: 0, log: (line) => lines.push(line), ...opts }, async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      seen.push({ body: Buffer.concat(chunks).toString("utf8"), headers: { ...req.headers }, rawNames: req.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()) });
      res.end("app");
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, seen, lines };
}

/** A raw request: any Host, Origin, Transfer-Encoding (fetch would not let us choose them). */
function send(port: number, opts: { path?: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: opts.path ?? "/settings/accounts/new", method: opts.method ?? "POST", headers: opts.headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    // A server that answers early and closes may reset the rest of an upload: the answer counts.
    req.on("error", reject);
    if (opts.chunks) {
      for (const chunk of opts.chunks) req.write(chunk);
      req.end();
    } else req.end(opts.body);
  });
}

const action = (port: number, extra: Record<string, string> = {}) => ({
  host: `127.0.0.1:${port}`,
  origin: `http://127.0.0.1:${port}`,
  "next-action": ACTION,
  "content-type": "text/plain;charset=UTF-8",
  ...extra,
});

describe("the guard's rules are Next's", () => {
  it("next.config.mjs keeps Next's default body limit (1 MB) and origin check, which the guard reproduces", () => {
    // Setting either in next.config.mjs means changing SERVER_ACTION_BODY_LIMIT / originRefusal too.
    expect((rawConfig as NextConfig).experimental?.serverActions).toBeUndefined();
    expect(SERVER_ACTION_BODY_LIMIT).toBe(1024 * 1024);
  });
});

describe("server actions from another origin", () => {
  it("are refused with 403 and one log line, before the app sees them; X-Forwarded-Host cannot make them look local", async () => {
    const { port, seen, lines } = await serve();
    const cases: Array<Record<string, string>> = [
      action(port, { origin: "https://evil.example" }),
      action(port, { origin: "https://evil.example", "x-forwarded-host": "evil.example" }),
      action(port, { origin: "null" }),
      action(port, { origin: "not a url" }),
    ];
    for (const headers of cases) {
      const res = await send(port, { headers, body: "[{}]" });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers["x-frame-options"]).toBe("DENY");
    }
    // A form posted cross-site before hydration (multipart, no Next-Action header) too.
    const form = await multipart({ $ACTION_ID_abc: "" });
    expect((await send(port, { path: "/signin", headers: { host: `127.0.0.1:${port}`, origin: "https://evil.example", "content-type": form.type }, body: form.body })).status).toBe(403);
    expect(seen).toEqual([]);
    expect(lines).toHaveLength(cases.length + 1);
    expect(lines[1]).toMatch(/^\[server\] 403 for POST "\/settings\/accounts\/new" from 127\.0\.0\.1: a server action from another origin \(Origin "https:\/\/evil\.example", host "127\.0\.0\.1:\d+"\)$/);
  });

  it("are let through from this host, from PUBLIC_URL's origin (Next is then told that host), and without an Origin (as Next does)", async () => {
    const { port, seen, lines } = await serve({ publicUrl: "https://orders.example.com" });
    expect((await send(port, { headers: action(port), body: '[{"a":1}]' })).status).toBe(200);
    expect((await send(port, { headers: action(port, { origin: "https://orders.example.com" }), body: "[2]" })).status).toBe(200);
    const noOrigin: Record<string, string> = action(port);
    delete noOrigin.origin;
    expect((await send(port, { headers: noOrigin, body: "[3]" })).status).toBe(200);
    expect(seen.map((s) => s.body)).toEqual(['[{"a":1}]', "[2]", "[3]"]);
    expect(seen[1]!.headers["x-forwarded-host"]).toBe("orders.example.com");
    expect(lines).toEqual([]);
  });
});

async function multipart(fields: Record<string, string>): Promise<{ type: string; body: Buffer }> {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  const encoded = new Request("http://x/", { method: "POST", body: data });
  return { type: encoded.headers.get("content-type")!, body: Buffer.from(await encoded.arrayBuffer()) };
}

describe("server action bodies", () => {
  it("413 for a body over Next's limit, announced or counted while it streams in; one log line, the app never sees it", async () => {
    const { port, seen, lines } = await serve();
    const big = Buffer.alloc(SERVER_ACTION_BODY_LIMIT + 1, "a");
    const announced = await send(port, { headers: action(port), body: big });
    expect(announced.status).toBe(413);
    expect(announced.headers.connection).toBe("close");
    const chunked = await send(port, { headers: action(port, { "transfer-encoding": "chunked" }), chunks: [big.subarray(0, 600_000), big.subarray(600_000)] });
    expect(chunked.status).toBe(413);
    expect(seen).toEqual([]);
    expect(lines).toEqual([
      `[server] 413 for POST "/settings/accounts/new" from 127.0.0.1: a server action body over ${SERVER_ACTION_BODY_LIMIT} bytes`,
      `[server] 413 for POST "/settings/accounts/new" from 127.0.0.1: a server action body over ${SERVER_ACTION_BODY_LIMIT} bytes`,
    ]);
  });

  it("a body of exactly the limit reaches the app whole, also chunked", async () => {
    const { port, seen } = await serve();
    const json = `["${"x".repeat(SERVER_ACTION_BODY_LIMIT - 4)}"]`;
    expect(Buffer.byteLength(json)).toBe(SERVER_ACTION_BODY_LIMIT);
    expect((await send(port, { headers: action(port, { "transfer-encoding": "chunked" }), chunks: [Buffer.from(json.slice(0, 1000)), Buffer.from(json.slice(1000))] })).status).toBe(200);
    expect(seen[0]!.body).toBe(json);
  });

  it.each([
    ["text/plain that is not JSON", "text/plain;charset=UTF-8", "{{{not json", "a server action body that is not JSON"],
    ["an empty text/plain body", "text/plain;charset=UTF-8", "", "a server action body that is not JSON"],
    ["application/xml", "application/xml", "<a/>", 'a server action body of type "application/xml"'],
    ["application/json (never sent by the page)", "application/json", "[1]", 'a server action body of type "application/json"'],
    ["multipart without a boundary", "multipart/form-data", "garbage", "a multipart server action body without a boundary"],
    ["multipart that is not multipart", "multipart/form-data; boundary=XYZ", "garbage", "a multipart server action body that is not multipart"],
  ])("400 for %s, with one log line", async (_case, type, body, reason) => {
    const { port, seen, lines } = await serve();
    const res = await send(port, { headers: action(port, { "content-type": type }), body });
    expect(res.status).toBe(400);
    expect(seen).toEqual([]);
    expect(lines).toEqual([`[server] 400 for POST "/settings/accounts/new" from 127.0.0.1: ${reason}`]);
  });

  it("a multipart POST to a page that names no action is refused; one that does (a form before hydration) and a FormData call reach the app byte for byte", async () => {
    const { port, seen, lines } = await serve();
    const host = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` };
    const stray = await multipart({ a: "b" });
    expect((await send(port, { path: "/signin", headers: { ...host, "content-type": stray.type }, body: stray.body })).status).toBe(400);
    const form = await multipart({ $ACTION_ID_7f8a: "", email: "a@b.example" });
    expect((await send(port, { path: "/signin", headers: { ...host, "content-type": form.type }, body: form.body })).status).toBe(200);
    const call = await multipart({ "0": '["$K1"]', "1_x": "y" });
    expect((await send(port, { headers: action(port, { "content-type": call.type }), body: call.body })).status).toBe(200);
    expect(seen.map((s) => s.body)).toEqual([form.body.toString("utf8"), call.body.toString("utf8")]);
    expect(lines).toEqual(['[server] 400 for POST "/signin" from 127.0.0.1: a multipart POST that names no server action']);
  });

  it("leaves everything else alone: GETs, url-encoded posts (sign-in before hydration), multipart to API routes", async () => {
    const { port, seen, lines } = await serve();
    const host = { host: `127.0.0.1:${port}`, origin: "https://elsewhere.example" };
    expect((await send(port, { method: "GET", path: "/orders", headers: host })).status).toBe(200);
    expect((await send(port, { path: "/api/auth/callback/credentials", headers: { ...host, "content-type": "application/x-www-form-urlencoded" }, body: "email=a" })).status).toBe(200);
    const upload = await multipart({ a: "b" });
    expect((await send(port, { path: "/api/upload", headers: { ...host, "content-type": upload.type }, body: upload.body })).status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(lines).toEqual([]);
  });
});

describe("forwarded headers", () => {
  const spoofed = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "x-forwarded-port": "443", forwarded: "host=evil.example", "x-real-ip": "6.6.6.6", "x-forwarded-for": "6.6.6.6" };

  it("are removed (headers and raw headers) when no proxy is trusted", async () => {
    const { port, seen } = await serve({ trustProxyHops: 0 });
    await send(port, { method: "GET", path: "/", headers: spoofed });
    for (const name of FORWARDED_HEADERS) {
      expect(seen[0]!.headers[name], name).toBeUndefined();
      expect(seen[0]!.rawNames, name).not.toContain(name);
    }
  });

  it("are kept when TRUST_PROXY_HOPS says a proxy sets them", async () => {
    const { port, seen } = await serve({ trustProxyHops: 1 });
    await send(port, { method: "GET", path: "/", headers: spoofed });
    expect(seen[0]!.headers).toMatchObject({ "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", forwarded: "host=evil.example" });
  });
});

describe("the log, with the launcher's default logger", () => {
  it("gets exactly one single-line entry per refused request, and nothing on stdout", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    server = http.createServer(guardRequests({ dev: false, trustProxyHops: 0 }, (_req, res) => res.end("app")));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const res = await send(port, { headers: action(port, { origin: `https://${"evil".repeat(200)}.example` }), body: "[]" });
    expect(res.status).toBe(403);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]).toHaveLength(1);
    // The untrusted Origin is quoted and shortened: a short single line whatever the client sends.
    expect(String(error.mock.calls[0]![0])).not.toContain("\n");
    expect(String(error.mock.calls[0]![0]).length).toBeLessThan(400);
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });
});

// Found by the attack review of issue 16 (each was a 500 with a stack from Next 16.4.5's
// production server, no cookie needed); the page's own calls still pass (tests above).
describe("bodies Next would still answer with a 500", () => {
  const request = (contentType: string) =>
    ({ method: "POST", url: "/settings/users", headers: { "next-action": ACTION, "content-type": contentType } }) as unknown as http.IncomingMessage;

  it("a mixed-case Multipart content type (Next's multipart test is case-sensitive, so it JSON-parses the body)", () => {
    const body = Buffer.from('--xx\r\nContent-Disposition: form-data; name="0"\r\n\r\n{}\r\n--xx--\r\n');
    expect(bodyRefusal(request("Multipart/form-data; boundary=xx"), body)?.status).toBe(400);
    expect(bodyRefusal(request("multipart/form-data; boundary=xx"), body)).toBeUndefined();
  });

  it("a multipart body with a malformed part header (busboy: Malformed part header)", () => {
    expect(bodyRefusal(request("multipart/form-data; boundary=xx"), Buffer.from("--xx\r\ngarbage\r\n\r\n{}\r\n--xx--\r\n"))?.status).toBe(400);
  });

  it.each(["1", "null", '{"a":1}', '["$Q1"]', '["$h"]', '["$F1"]', '[{"x":["$1"]}]', '["$@0"]'])("JSON React cannot decode as a one-part reply: %s", (text) => {
    expect(bodyRefusal(request("text/plain;charset=UTF-8"), Buffer.from(text))?.status).toBe(400);
  });

  it.each(['[{"name":"Ada","note":"$$5 off"}]', '["$undefined",{"n":1,"b":true,"x":null}]', '[{"when":"$D2026-12-07T00:00:00.000Z","big":"$n12"}]', "[]"])("what the page's calls send still passes: %s", (text) => {
    expect(bodyRefusal(request("text/plain;charset=UTF-8"), Buffer.from(text))).toBeUndefined();
  });
});
