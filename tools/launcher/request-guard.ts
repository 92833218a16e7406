import type { IncomingMessage, ServerResponse } from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { STATIC_FILES_CSP, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { stripForwardedHeaders } from "@/tools/launcher/forwarded-headers";
import {
  SERVER_ACTION_BODY_LIMIT,
  bodyRefusal,
  isPossibleServerAction,
  originRefusal,
  quoted,
  readActionBody,
  withBody,
  type ActionRefusal,
} from "@/tools/launcher/server-action-guard";

/**
 * What the launcher's Next server does to every request before Next sees it:
 * 1. sets CLIENT_ADDRESS_HEADER to the client's address, overwriting whatever the client sent;
 * 2. answers 400 (with the security headers) for a path that is not valid percent-encoding,
 *    which Next would answer with a bare 500;
 * 3. in dev mode, refuses Next's dev-only routes (source maps, stack frames, editor launch, HMR,
 *    MCP...) to anyone but this machine: they expose the server's source code;
 * 4. removes X-Forwarded-Host and the other forwarded headers unless a proxy is trusted
 *    (forwarded-headers.ts);
 * 5. answers the server-action requests Next would answer with a 500 and a stack (another origin,
 *    a body over the limit, a body Next cannot decode) with 403 / 413 / 400 and one log line
 *    (server-action-guard.ts): anyone can send them, without a cookie.
 */
export interface GuardOptions {
  dev: boolean;
  /** Reverse proxies trusted to append to X-Forwarded-For (TRUST_PROXY_HOPS). */
  trustProxyHops: number;
  /** PUBLIC_URL: the address people use, an accepted Origin for server actions. */
  publicUrl?: string;
  /** Server action bodies above this are refused (default: Next's own limit, 1 MB). */
  actionBodyLimit?: number;
  /** Where a refused request's one line goes (default console.error). */
  log?: (line: string) => void;
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is 10.0.0.1; anything not an IP is dropped. */
function normalize(address: string | undefined): string | undefined {
  const trimmed = address?.trim();
  if (!trimmed) return undefined;
  const plain = trimmed.toLowerCase().startsWith("::ffff:") && net.isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
  return net.isIP(plain) ? plain : undefined;
}

/**
 * The client's address: the socket's peer, or with `hops` trusted proxies the `hops`-th address
 * from the right of X-Forwarded-For (the one the outermost trusted proxy saw). When the header
 * holds fewer addresses than that, the leftmost one is the best there is.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string {
  const peer = normalize(socketAddress) ?? "unknown";
  if (hops <= 0) return peer;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (chain.length === 0) return peer;
  const chosen = chain[Math.max(0, chain.length - hops)];
  return normalize(chosen) ?? peer;
}

export function isLoopback(address: string): boolean {
  return address === "::1" || (net.isIPv4(address) && address.startsWith("127."));
}

/**
 * Next's dev-only routes. Everything below /__nextjs*, and everything below /_next/ except what a
 * page needs to render (static chunks without their source maps, images). Checked on the raw and
 * the decoded path, so `%5f%5fnextjs_source-map` is refused too.
 */
export function isDevOnlyPath(url: string | undefined): boolean {
  const raw = (url ?? "/").split("?")[0]!.split("#")[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return true;
  }
  return [raw, decoded].some((p) => {
    const path = p.toLowerCase().replace(/\\/g, "/");
    if (path.includes("/__nextjs")) return true;
    if (!path.includes("/_next/")) return false;
    if (path.endsWith(".map")) return true;
    return !(/^\/_next\/static\//.test(path) || /^\/_next\/image(\?|$)/.test(path));
  });
}

function guard(req: IncomingMessage, opts: GuardOptions): { verdict: "pass" | "refuse"; address: string } {
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], opts.trustProxyHops);
  stripForwardedHeaders(req, opts.trustProxyHops);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  // Some code reads rawHeaders: keep the client's copy of our header out of it too.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i]!.toLowerCase() === CLIENT_ADDRESS_HEADER) req.rawHeaders.splice(i, 2);
  }
  req.rawHeaders.push(CLIENT_ADDRESS_HEADER, address);
  return { verdict: opts.dev && !isLoopback(address) && isDevOnlyPath(req.url) ? "refuse" : "pass", address };
}

/** Whether every %-escape of the path decodes (a bad one, e.g. `/orders/%ZZ`, throws in Next). */
export function decodablePath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function securityHeaders(): Record<string, string> {
  return { ...Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value])), "Content-Security-Policy": STATIC_FILES_CSP };
}

export function guardRequests(
  opts: GuardOptions,
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (!decodablePath(req.url)) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8", ...securityHeaders() }).end("Bad request: the address is not valid percent-encoding.\n");
      return;
    }
    const { verdict, address } = guard(req, opts);
    if (verdict === "refuse") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    const refuse = (refusal: ActionRefusal) => {
      (opts.log ?? console.error)(`[server] ${refusal.status} for ${req.method} ${quoted(req.url ?? "/")} from ${address}: ${refusal.reason}`);
      // 413: the rest of the body is not read, so this connection cannot carry another request.
      const close = refusal.status === 413 ? { connection: "close" } : {};
      res.writeHead(refusal.status, { "content-type": "text/plain; charset=utf-8", ...close, ...securityHeaders() }).end(refusal.message);
    };
    // A rejected handler must not become an unhandled rejection (Node would end the server).
    Promise.resolve()
      .then(async () => {
        if (!isPossibleServerAction(req)) return handle(req, res);
        const crossOrigin = originRefusal(req, opts.publicUrl);
        if (crossOrigin) return refuse(crossOrigin);
        const body = await readActionBody(req, opts.actionBodyLimit ?? SERVER_ACTION_BODY_LIMIT);
        if (!Buffer.isBuffer(body)) return refuse(body);
        const bad = bodyRefusal(req, body);
        if (bad) return refuse(bad);
        return handle(withBody(req, body), res);
      })
      .catch((error: unknown) => {
        console.error(`[server] request failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("Internal error\n");
      });
  };
}

/** WebSocket upgrades (dev: hot reload) get the same header and the same dev-route rule. */
export function guardUpgrades(
  opts: GuardOptions,
  forward: (req: IncomingMessage, socket: Duplex, head: Buffer) => unknown,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    if (guard(req, opts).verdict === "refuse") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    Promise.resolve()
      .then(() => forward(req, socket, head))
      .catch(() => socket.destroy());
  };
}
