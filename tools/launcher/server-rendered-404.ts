import type { IncomingMessage, ServerResponse } from "node:http";

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Next's own route for an address no route matches: rendered on the server (app/not-found.tsx). */
export const NOT_FOUND_ROUTE = "/_not-found";
/** Where Next keeps what it learnt about a request; a second dispatch of the same request starts without it. */
const NEXT_REQUEST_META = Symbol.for("NextInternalRequestMeta");

/** A page load by the browser (not a client-side navigation's RSC fetch, nor a server action). */
export function isDocumentRequest(req: IncomingMessage): boolean {
  return (
    (req.method === "GET" || req.method === "HEAD") &&
    !req.headers["rsc"] &&
    !req.headers["next-action"] &&
    (req.headers.accept ?? "").includes("text/html") &&
    (req.url ?? "/").split("?")[0] !== NOT_FOUND_ROUTE
  );
}

/**
 * notFound() in a page answers a page load with Next's empty `<html id="__next_error__">`
 * document; the 404 is drawn by the browser only, after its JavaScript ran (Next bug
 * vercel/next.js#62228, open in 16.4). An address no route matches is rendered on the server,
 * through Next's /_not-found route. So a page load that a page answers with 404 is answered
 * again by that route, with the same cookies (the 404 inside the app shell); the first answer is
 * dropped before a byte of it leaves. Anything else passes through untouched, streamed as before.
 */
export function serverRendered404(handle: Handler): Handler {
  return (req, res) => {
    if (!isDocumentRequest(req)) return handle(req, res);
    // The methods are wrapped for the whole response and only delegate once decided: Next wraps
    // some of them itself, and removing ours would remove its wrappers with them.
    const original = { writeHead: res.writeHead, flushHeaders: res.flushHeaders, write: res.write, end: res.end };
    const ownMethods = () => Object.entries(res).filter(([, value]) => typeof value === "function") as Array<[string, unknown]>;
    const methodsBefore = new Map(ownMethods());
    let mode: "undecided" | "pass" | "drop" | "again" = "undecided";
    // Decided at the first byte (or header) Next sends: by then the status is set.
    const decide = (status: number) => {
      if (mode === "undecided") mode = status === 404 && !res.headersSent ? "drop" : "pass";
    };
    const callbackOf = (args: unknown[]) => args.find((a) => typeof a === "function") as (() => void) | undefined;
    res.writeHead = function (...args: unknown[]) {
      decide(typeof args[0] === "number" ? args[0] : res.statusCode);
      return mode === "drop" ? res : (original.writeHead as (...a: unknown[]) => ServerResponse).apply(res, args);
    } as ServerResponse["writeHead"];
    res.flushHeaders = function () {
      decide(res.statusCode);
      if (mode !== "drop") original.flushHeaders.apply(res);
    };
    res.write = function (...args: unknown[]) {
      decide(res.statusCode);
      if (mode !== "drop") return (original.write as (...a: unknown[]) => boolean).apply(res, args);
      callbackOf(args)?.();
      return true;
    } as ServerResponse["write"];
    res.end = function (...args: unknown[]) {
      decide(res.statusCode);
      if (mode !== "drop") return (original.end as (...a: unknown[]) => ServerResponse).apply(res, args);
      // Next's first answer is complete, and dropped: the 404 route answers the same request.
      // Next's first dispatch settles when this response really finishes.
      mode = "again";
      // The second answer starts from the response as it came: without the methods Next wrapped
      // for the first one (its compression would take the second answer's bytes and drop them).
      for (const [name] of ownMethods()) {
        if (methodsBefore.has(name)) (res as unknown as Record<string, unknown>)[name] = methodsBefore.get(name);
        else delete (res as unknown as Record<string, unknown>)[name];
      }
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.statusCode = 404;
      // Both dispatches listen for the response's close: not a leak, but more than Node's default 10.
      res.setMaxListeners(res.getMaxListeners() + 10);
      delete (req as unknown as Record<symbol, unknown>)[NEXT_REQUEST_META];
      req.url = NOT_FOUND_ROUTE;
      Promise.resolve(handle(req, res)).catch((error: unknown) => {
        console.error(`[server] 404 page failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) original.writeHead.call(res, 404, { "content-type": "text/plain; charset=utf-8" });
        (original.end as (...a: unknown[]) => ServerResponse).call(res, "Not found\n");
      });
      callbackOf(args)?.();
      return res;
    } as ServerResponse["end"];
    return handle(req, res);
  };
}
