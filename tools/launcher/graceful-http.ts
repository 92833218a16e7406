/**
 * Draining a node:http server on SIGTERM (issue 19: a rolling restart behind nginx must fail no
 * request). Before, the server closed every connection at once: requests in flight were cut and
 * nginx answered 502 for the POSTs among them (it does not retry a POST that reached an upstream).
 *
 * drain():
 * - stops listening: a new connection is refused, which nginx retries on the next instance even for
 *   a POST (nothing was sent);
 * - lets every request in flight finish, and answers it, and any request that still arrives on an
 *   open keep-alive connection, with `Connection: close`, so the peer stops reusing that connection;
 * - leaves idle keep-alive connections to the server's keepAliveTimeout instead of closing them at
 *   once: closing an idle connection races with a proxy that is writing a request on it (a POST lost
 *   the same way). The proxy's own idle timeout is shorter (deploy/nginx/orderdesk.conf), so it
 *   closes them first;
 * - ends when no connection is left, or after `timeoutMs`: then the rest are cut and counted.
 */
import type http from "node:http";
import net from "node:net";

export interface DrainResult {
  /** Requests in flight when the drain began. */
  inFlightAtStart: number;
  /** Requests served to completion after the drain began (those in flight and later arrivals on open connections). */
  completed: number;
  /** Requests still unfinished at the deadline, whose connections were cut. */
  cut: number;
  /** How long the drain took, in milliseconds. */
  ms: number;
}

export interface GracefulServer {
  /** Requests being answered now. */
  inFlight(): number;
  drain(timeoutMs: number): Promise<DrainResult>;
}

/** Tracks `server`'s connections and requests from now on; call before `listen`. */
export function gracefulHttp(server: http.Server): GracefulServer {
  const sockets = new Set<net.Socket>();
  const open = new Set<http.ServerResponse>();
  let draining = false;
  let completed = 0;
  let settled: (() => void) | undefined;
  const checkDone = () => {
    if (draining && sockets.size === 0) settled?.();
  };

  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      checkDone();
    });
  });
  // Before the app's own listener, so the header is set before the app writes its response.
  server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    open.add(res);
    if (draining) closeAfter(res);
    res.once("close", () => {
      open.delete(res);
      if (draining) completed++;
    });
  });

  return {
    inFlight: () => open.size,
    async drain(timeoutMs) {
      const began = Date.now();
      draining = true;
      const inFlightAtStart = open.size;
      for (const res of open) closeAfter(res);
      // http.Server#close would also close the idle keep-alive connections at once (Node >= 19):
      // only stop listening here (see the header comment).
      net.Server.prototype.close.call(server);
      const done = new Promise<void>((resolve) => (settled = resolve));
      checkDone();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        done.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timer);
      const cut = timedOut ? open.size : 0;
      if (timedOut) for (const socket of sockets) socket.destroy();
      return { inFlightAtStart, completed, cut, ms: Date.now() - began };
    },
  };
}

/**
 * Makes Node send `Connection: close` with this response and close the connection after it. Once
 * the headers are out it is too late for the header: the connection then closes when idle.
 */
function closeAfter(res: http.ServerResponse): void {
  if (res.headersSent) return;
  res.shouldKeepAlive = false;
  res.setHeader("Connection", "close");
}
