import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { NOT_FOUND_ROUTE, serverRendered404 } from "@/tools/launcher/server-rendered-404";

/**
 * A stand-in for Next: a page that calls notFound() answers 404 with an empty document, the 404
 * route answers with the real page, everything else streams in chunks. Like Next, it wraps
 * res.end itself (its wrapper must survive ours).
 */
function fakeNext(calls: string[]) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    calls.push(req.url ?? "");
    // Like Next's compression: wraps write and end, and drops what is written after its end.
    const { write, end } = res;
    let ended = false;
    res.write = function (...args: unknown[]) {
      return ended ? false : (write as (...a: unknown[]) => boolean).apply(res, args);
    } as ServerResponse["write"];
    res.end = function (...args: unknown[]) {
      if (ended) return res;
      ended = true;
      calls.push(`next saw end of ${req.url}`);
      return (end as (...a: unknown[]) => ServerResponse).apply(res, args);
    } as ServerResponse["end"];
    res.setHeader("content-type", "text/html");
    if (req.url === "/orders/missing") {
      res.statusCode = 404;
      res.setHeader("x-first", "1");
      res.flushHeaders();
      res.write('<html id="__next_error__"><body>');
      res.end("</body></html>");
      return;
    }
    if (req.url === NOT_FOUND_ROUTE) {
      res.statusCode = 404;
      res.write("<h1>Page not found</h1>");
      res.end();
      return;
    }
    res.statusCode = 200;
    res.write("<p>first</p>");
    await new Promise((resolve) => setTimeout(resolve, 5));
    res.end("<p>second</p>");
  };
}

let server: http.Server | undefined;
afterEach(() => server?.close());

async function start(calls: string[]): Promise<string> {
  server = http.createServer(serverRendered404(fakeNext(calls)));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("serverRendered404", () => {
  it("answers a page load that a page answered with 404 by the 404 route; the empty document never leaves", async () => {
    const calls: string[] = [];
    const base = await start(calls);
    const res = await fetch(`${base}/orders/missing`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).toBe("<h1>Page not found</h1>");
    expect(res.headers.get("x-first")).toBeNull();
    expect(calls.filter((c) => !c.startsWith("next saw"))).toEqual(["/orders/missing", NOT_FOUND_ROUTE]);
  });

  it("leaves everything else alone: other pages stream whole, RSC fetches and non-HTML requests keep Next's 404", async () => {
    const calls: string[] = [];
    const base = await start(calls);
    const page = await fetch(`${base}/orders`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe("<p>first</p><p>second</p>");
    expect(calls).toContain("next saw end of /orders");
    const others: Array<Record<string, string>> = [{ accept: "text/html", rsc: "1" }, { accept: "application/json" }];
    for (const headers of others) {
      const res = await fetch(`${base}/orders/missing`, { headers });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("__next_error__");
    }
  });
});
