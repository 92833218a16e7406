import type { IncomingMessage } from "node:http";

/**
 * Headers a reverse proxy sets to say what the client asked for. Next trusts them (the server
 * actions' Origin check compares with X-Forwarded-Host; proxy.ts reads X-Forwarded-Proto), so a
 * client that sends them itself could pass a foreign Origin as our own. Without a trusted proxy
 * (TRUST_PROXY_HOPS=0) nobody legitimate sets them: they are removed before Next sees the request.
 * With TRUST_PROXY_HOPS > 0 they are kept, and the proxy must set (not append to) them.
 */
export const FORWARDED_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-proto",
  "x-forwarded-prefix",
  "x-forwarded-scheme",
  "x-forwarded-server",
  "x-forwarded-ssl",
  "x-real-ip",
] as const;

const FORWARDED = new Set<string>(FORWARDED_HEADERS);

/** Removes the forwarded headers from `headers` and `rawHeaders` unless a proxy is trusted. */
export function stripForwardedHeaders(req: IncomingMessage, trustProxyHops: number): void {
  if (trustProxyHops > 0) return;
  for (const name of FORWARDED_HEADERS) delete req.headers[name];
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (FORWARDED.has(req.rawHeaders[i]!.toLowerCase())) req.rawHeaders.splice(i, 2);
  }
}
