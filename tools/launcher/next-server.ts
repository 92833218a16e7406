/**
 * The Next.js server the launcher starts (prod, dev and e2e): Next's own request handling behind
 * a node:http server we own, so every request first goes through tools/launcher/request-guard.ts
 * (trusted client address header; forwarded headers only from a trusted proxy; dev-only routes for
 * this machine only; server-action requests Next would answer with a 500 refused with 403/413/400).
 *   node --import tsx tools/launcher/next-server.ts [--dev] --port 3000 --host 127.0.0.1
 * Env: what the app needs (DATABASE_URL, ...) plus TRUST_PROXY_HOPS and PUBLIC_URL. SIGTERM/SIGINT stop it.
 */
import { EventEmitter } from "node:events";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import next from "next";
import { proxyEnv } from "@/lib/env";
import { guardRequests, guardUpgrades } from "@/tools/launcher/request-guard";
import { serverRendered404 } from "@/tools/launcher/server-rendered-404";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: { dev: { type: "boolean", default: false }, port: { type: "string" }, host: { type: "string" } },
});
const dev = values.dev ?? false;
const port = Number(values.port);
const host = values.host ?? "127.0.0.1";
const { TRUST_PROXY_HOPS, PUBLIC_URL } = proxyEnv();

// Next attaches its own 'upgrade' listener (dev hot reload) to the server it is given. Give it a
// stand-in, so upgrades reach Next only through our guard below.
const upgrades = new EventEmitter();
const app = next({ dev, dir: ROOT, hostname: host, port, httpServer: upgrades as unknown as http.Server });
await app.prepare();
const handle = app.getRequestHandler();
const guardOptions = { dev, trustProxyHops: TRUST_PROXY_HOPS, publicUrl: PUBLIC_URL };

// A page's notFound() is answered by the 404 route, rendered on the server (server-rendered-404.ts).
const server = http.createServer(guardRequests(guardOptions, serverRendered404(handle)));
server.on(
  "upgrade",
  guardUpgrades(guardOptions, (req, socket, head) => {
    if (!upgrades.emit("upgrade", req, socket, head)) socket.destroy();
  }),
);
server.listen(port, host, () => {
  console.log(`Next.js ${dev ? "dev (hot reload)" : "production"} server on http://${host}:${port}`);
});

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  server.close();
  server.closeAllConnections();
  await app.close().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", () => void close());
process.on("SIGINT", () => void close());
