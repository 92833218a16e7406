/**
 * `withRequestContext(handler)`: wraps a node:http handler (tools/launcher/next-server.ts wraps its
 * whole handler with it) so that every request
 *  - has an id: X-Request-Id from nginx (`proxy_set_header X-Request-Id $request_id`) when it is a
 *    safe token, else a new one; it is echoed on the response and written back into the request's
 *    headers, so Next's `headers()` sees the id we log with;
 *  - runs inside the request context (context.ts): every log line on its behalf carries the id,
 *    the Sectigo calls it makes and the jobs it queues included;
 *  - ends with one access line: method, path, the names (never the values) of the query string's
 *    parameters, status, milliseconds.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { runWithRequestContext } from "./context";
import { log } from "./logger";
import { acceptRequestId } from "./request-id";

export const REQUEST_ID_HEADER = "x-request-id";

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Logged at debug, so `npm start`'s terminal stays readable at info: assets, probes, and the
 * router's prefetches (a page with a menu prefetches every link in it on load).
 */
const QUIET = /^\/(_next\/(static|image)|favicon\.ico|icon\.svg|api\/health)/;
const quiet = (path: string, req: IncomingMessage) => QUIET.test(path) || req.headers["next-router-prefetch"] !== undefined;

export function withRequestContext<H extends Handler>(handler: H): H {
  const wrapped = (req: IncomingMessage, res: ServerResponse) => {
    const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = performance.now();
    let logged = false;
    const access = () => {
      if (logged) return;
      logged = true;
      const { path, query } = describeUrl(req.url);
      const line = {
        msg: "request",
        requestId,
        method: req.method,
        path,
        ...(query.length ? { query } : {}),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (quiet(path, req)) log().debug(line);
      else log().info(line);
    };
    res.once("finish", access);
    res.once("close", access);
    return runWithRequestContext({ requestId }, () => handler(req, res));
  };
  return wrapped as H;
}

/**
 * The path alone and the query's parameter names: a value may be a search text, an email address
 * or a token, and none of those belongs in a log line.
 */
export function describeUrl(raw: string | undefined): { path: string; query: string[] } {
  try {
    const url = new URL(raw ?? "/", "http://request.invalid");
    return { path: url.pathname, query: [...new Set(url.searchParams.keys())].map((k) => k.slice(0, 40)) };
  } catch {
    return { path: "(unparsable)", query: [] };
  }
}
