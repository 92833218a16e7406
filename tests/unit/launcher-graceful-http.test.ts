import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { gracefulHttp } from "@/tools/launcher/graceful-http";

/**
 * SIGTERM drains the web server (tools/launcher/graceful-http.ts, wired in next-server.ts) instead
 * of cutting what is in flight: before issue 19 the server called close() + closeAllConnections(),
 * and the slow request below ended in "socket hang up" (nginx turned those into 502s for POSTs).
 */
interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}
const deferred = (): Deferred => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

const servers: http.Server[] = [];
const agents: http.Agent[] = [];
afterEach(() => {
  for (const a of agents.splice(0)) a.destroy();
  for (const s of servers.splice(0)) s.closeAllConnections();
});

/** A server whose /slow requests wait for `release`, announcing themselves on `started`. */
async function start(): Promise<{ port: number; graceful: ReturnType<typeof gracefulHttp>; started: Deferred; release: Deferred }> {
  const started = deferred();
  const release = deferred();
  const server = http.createServer((req, res) => {
    if (req.url === "/slow") {
      started.resolve();
      void release.promise.then(() => res.end("slow done"));
    } else if (req.url === "/never") {
      started.resolve();
    } else res.end("fast");
  });
  servers.push(server);
  const graceful = gracefulHttp(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as AddressInfo).port, graceful, started, release };
}

function get(port: number, path: string, agent?: http.Agent): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

describe("graceful HTTP drain (SIGTERM)", () => {
  it("lets a request in flight finish with 200, refuses new connections, and ends once it is done", async () => {
    const { port, graceful, started, release } = await start();
    const agent = new http.Agent({ keepAlive: true });
    agents.push(agent);
    const slow = get(port, "/slow", agent);
    await started.promise;

    const drained = graceful.drain(5_000);
    const refused = await get(port, "/fast").then(
      () => "answered",
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(refused).toBe("ECONNREFUSED");

    release.resolve();
    const answer = await slow;
    expect(answer).toEqual({ status: 200, body: "slow done", connection: "close" });
    const result = await drained;
    expect(result).toMatchObject({ inFlightAtStart: 1, completed: 1, cut: 0 });
    expect(result.ms).toBeLessThan(5_000);
  });

  it("answers a request that arrives on an open keep-alive connection during the drain, with Connection: close", async () => {
    const { port, graceful } = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    expect((await get(port, "/fast", agent)).connection).toBe("keep-alive");

    const drained = graceful.drain(5_000);
    // Same agent, one socket: this request reuses the idle connection opened before the drain.
    expect(await get(port, "/fast", agent)).toEqual({ status: 200, body: "fast", connection: "close" });
    expect((await drained).cut).toBe(0);
  });

  it("cuts what is still running at the deadline, and says how many", async () => {
    const { port, graceful, started } = await start();
    const never = get(port, "/never").catch((error: NodeJS.ErrnoException) => error.code);
    await started.promise;
    const result = await graceful.drain(300);
    expect(result).toMatchObject({ inFlightAtStart: 1, cut: 1 });
    expect(result.ms).toBeGreaterThanOrEqual(290);
    expect(await never).toBe("ECONNRESET");
  });

  it("tells the app it is draining, whichever copy of lib/runtime/draining.ts it loaded (the server's or Next's bundle)", async () => {
    const server = await import("@/lib/runtime/draining");
    vi.resetModules();
    const bundled = await import("@/lib/runtime/draining");
    expect(bundled).not.toBe(server);
    expect(bundled.isDraining()).toBe(false);
    server.markDraining();
    expect(bundled.isDraining()).toBe(true);
    expect(bundled.drainingSince()).toBeInstanceOf(Date);
  });
});
