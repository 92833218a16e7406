/**
 * The Sectigo sandbox: a stateful HTTP simulator of Sectigo's reseller endpoints under `/products/`,
 * plus `/health` and the JSON admin API under `/__sandbox/` (see README.md).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { anchorDay } from "../demo-world/demo-data";
import { handleAdmin } from "./admin/admin-routes";
import { checkAdminToken, generateAdminToken } from "./admin/admin-token";
import { CLOCK_RANGE_TEXT, inClockRange } from "./core/clock";
import { seedDemo } from "./core/demo-seed";
import { emptyState, type SandboxState } from "./core/types";
import { World } from "./core/world";
import { FaultRegistry } from "./http/faults";
import { handleProducts } from "./http/products-handler";
import { BodyTooLarge } from "./http/read-request";

export interface SandboxOptions {
  /** 0 = a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Omit for an in-memory sandbox (no persistence). */
  dataDir?: string;
  /** Seed the demo world (tools/demo-world/demo-data.ts) when the state is new. */
  demo?: boolean;
  /** Anchor day of the demo dates; default: midnight UTC of the initial clock. */
  demoAnchor?: Date;
  /** Initial clock (frozen there); default: real time, or the clock saved in dataDir. */
  now?: Date;
  /** Log one line per call (never passwords). Default: silent. */
  log?: (line: string) => void;
  /** Notices about the saved state (a torn journal record refused at start). Default: stderr. */
  warn?: (message: string) => void;
  /** Fold the journal into a new snapshot once it exceeds this many bytes (default 64 MiB or the snapshot's size). */
  compactAfterBytes?: number;
  /**
   * The token `/__sandbox/*` requires (`Authorization: Bearer <token>`), at least 16 printable
   * characters. Default: a random one, returned as `RunningSandbox.adminToken`.
   */
  adminToken?: string;
}

export interface RunningSandbox {
  url: string;
  port: number;
  adminToken: string;
  close(): Promise<void>;
}

function plain(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function requestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", "http://sandbox.local");
  } catch {
    return undefined;
  }
}

function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function newState(world: World, demo: boolean, anchor: Date | undefined): SandboxState {
  const state = emptyState();
  if (demo) seedDemo(state, anchor ?? anchorDay(world.now()));
  return state;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const adminToken = opts.adminToken === undefined ? generateAdminToken() : checkAdminToken(opts.adminToken, "adminToken");
  for (const [name, date] of [["now", opts.now], ["demoAnchor", opts.demoAnchor]] as const) {
    if (date && !inClockRange(date.getTime())) throw new Error(`startSandbox: ${name} must be ${CLOCK_RANGE_TEXT}`);
  }
  const { world, fresh } = World.open({ dataDir: opts.dataDir, warn: opts.warn, compactAfterBytes: opts.compactAfterBytes });
  const start = opts.now;
  if (start && fresh) world.clock.set(start);
  else if (start) world.transaction(() => world.clock.set(start));
  if (fresh) world.replaceState(newState(world, opts.demo ?? false, opts.demoAnchor));

  const faults = new FaultRegistry();
  const log = opts.log ?? (() => {});
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const adminContext = {
    world,
    demoAnchor: opts.demoAnchor,
    faults,
    adminToken,
    reset(input: { demo?: boolean; demoAnchor?: Date }) {
      world.replaceState(newState(world, input.demo ?? opts.demo ?? false, input.demoAnchor ?? opts.demoAnchor));
    },
  };

  const server = http.createServer((req, res) => {
    const work = (async () => {
      // Inside the promise: a request target that is no URL (`//a:99999/`) must not throw out of
      // the request listener, where it would take the whole process down.
      const url = requestUrl(req.url);
      if (!url) return plain(res, 400, "Bad Request: the request target is not a valid URL path\n");
      const path = url.pathname;
      if (path === "/health") {
        // The clock too (no token: it is no secret): an app in sandbox mode follows it (lib/clock).
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ ok: true, clock: world.clock.describe() }));
      }
      if (path === "/__sandbox" || path.startsWith("/__sandbox/")) return handleAdmin(adminContext, req, res, url);
      const match = /^\/products\/([^/]+)\/?$/.exec(path);
      if (match?.[1]) {
        const segment = decodedSegment(match[1]);
        if (segment === undefined) return plain(res, 400, "Bad Request: malformed percent-encoding in the path\n");
        return handleProducts({ world, faults, sleep, log }, req, res, url, segment);
      }
      plain(res, 404, "Not Found\n");
    })();
    work.catch((error: unknown) => {
      const tooLarge = error instanceof BodyTooLarge;
      if (!tooLarge) log(`unhandled error: ${error instanceof Error ? error.stack : String(error)}`);
      if (res.headersSent) return void res.destroy();
      // The rest of an oversized body is never read: close the connection, or the client would
      // send its next request into the unread remainder and hang.
      if (tooLarge) return plain(res, 413, "Payload Too Large\n", { connection: "close" });
      plain(res, 500, "Internal Server Error\n");
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    adminToken,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => {
          world.close();
          resolve();
        });
        // Hung requests ("hang" fault) and idle keep-alive sockets would otherwise keep close() waiting.
        server.closeAllConnections();
      }),
  };
}
