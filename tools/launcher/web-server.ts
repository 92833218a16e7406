/**
 * The Next.js web server: Next's own request handling behind a node:http server we own, so every
 * request first goes through tools/launcher/request-guard.ts (trusted client address header;
 * forwarded headers only from a trusted proxy; dev-only routes for this machine only; server-action
 * requests Next would answer with a 500 refused with 403/413/400).
 * Started by next-server.ts (`npm start`, `npm run dev`, the benchmarks) and serve.ts (`npm run serve`).
 * Env: what the app needs (DATABASE_URL, ...) plus TRUST_PROXY_HOPS, PUBLIC_URL and DRAIN_TIMEOUT_MS.
 * SIGTERM/SIGINT drain it (graceful-http.ts): no new connections, requests in flight finish (up to
 * DRAIN_TIMEOUT_MS), readiness says not-ready meanwhile (lib/runtime/draining.ts), then it exits 0.
 */
import { EventEmitter } from "node:events";
import http from "node:http";
import path from "node:path";
import next from "next";
import { webServerEnv } from "@/lib/env";
import { markDraining } from "@/lib/runtime/draining";
import { gracefulHttp } from "@/tools/launcher/graceful-http";
import { guardRequests, guardUpgrades } from "@/tools/launcher/request-guard";
import { serverRendered404 } from "@/tools/launcher/server-rendered-404";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WebServerOptions {
  dev: boolean;
  port: number;
  host: string;
}

export async function startWebServer({ dev, port, host }: WebServerOptions): Promise<void> {
  const { TRUST_PROXY_HOPS, PUBLIC_URL, DRAIN_TIMEOUT_MS } = webServerEnv();

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
  // Idle keep-alive connections close after 5 s (Node's default, set here so it is stated): a proxy's
  // idle timeout towards the app must be shorter (nginx: 4 s in deploy/nginx/orderdesk.conf), so the
  // proxy, never this server, closes an idle connection, and no request is written onto one closing.
  server.keepAliveTimeout = 5_000;
  const graceful = gracefulHttp(server);
  server.once("error", (error: NodeJS.ErrnoException) => {
    console.error(`Cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    console.log(`Next.js ${dev ? "dev (hot reload)" : "production"} server on http://${host}:${port}`);
  });

  let closing = false;
  async function close(signal: string): Promise<void> {
    if (closing) return;
    closing = true;
    markDraining();
    console.log(`${signal}: draining (no new connections; ${graceful.inFlight()} request(s) in flight, waiting up to ${DRAIN_TIMEOUT_MS} ms)`);
    // The dev server's hot-reload sockets never end by themselves: no point waiting for them.
    const result = await graceful.drain(dev ? Math.min(DRAIN_TIMEOUT_MS, 2_000) : DRAIN_TIMEOUT_MS);
    console.log(`Drained in ${result.ms} ms: ${result.completed} request(s) completed, ${result.cut} cut at the deadline.`);
    await app.close().catch(() => {});
    process.exit(0);
  }
  process.on("SIGTERM", () => void close("SIGTERM"));
  process.on("SIGINT", () => void close("SIGINT"));
}
