/** `/products/<endpoint>`: faults, then the endpoint itself. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { World } from "../core/world";
import { runEndpoint } from "../endpoints/endpoint";
import { endpointFor } from "../endpoints/registry";
import { MALFORMED_BODY, type FaultRegistry } from "./faults";
import { hasBody, mediaType, paramsOf, readBody } from "./read-request";
import { writeReply } from "./reply";

export interface ProductsContext {
  world: World;
  faults: FaultRegistry;
  sleep(ms: number): Promise<void>;
  log(line: string): void;
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function reset(req: IncomingMessage): void {
  req.socket.resetAndDestroy();
}

/**
 * Decision: the documents ask for `application/x-www-form-urlencoded` bodies only. A body declared as
 * anything else (JSON, multipart, text/plain) gets HTTP 415 instead of being read as a form, where
 * its content would turn into parameter names. A body without a Content-Type is read as a form.
 */
function unsupportedBody(req: IncomingMessage): boolean {
  const type = mediaType(req);
  return hasBody(req) && type !== "" && type !== "application/x-www-form-urlencoded";
}

export async function handleProducts(ctx: ProductsContext, req: IncomingMessage, res: ServerResponse, url: URL, segment: string): Promise<void> {
  const endpoint = endpointFor(segment);
  if (!endpoint) return plain(res, 404, "Not Found\n");
  if (unsupportedBody(req)) {
    res.setHeader("connection", "close");
    return plain(res, 415, "Unsupported Media Type: send the parameters as application/x-www-form-urlencoded\n");
  }
  const body = await readBody(req);
  const raw = paramsOf(url, body);
  const params = endpoint.normalize ? endpoint.normalize(raw) : raw;
  const loginName = params.get("loginName");
  const fault = ctx.faults.pick(req.headers, endpoint.name, loginName);
  if (fault && (fault.mode === "latency" || req.headers["x-sandbox-latency-ms"] !== undefined)) await ctx.sleep(fault.latencyMs);

  switch (fault?.mode) {
    case "hang":
      ctx.log(`${endpoint.name} login=${loginName ?? "-"} fault=hang`);
      return;
    case "http500":
      return plain(res, 500, "Internal Server Error\n");
    case "http503":
      return plain(res, 503, "Service Unavailable\n");
    case "reset":
      return reset(req);
    case "malformed":
      res.writeHead(200, { "content-type": "text/html" });
      res.end(MALFORMED_BODY);
      return;
  }
  const reply = runEndpoint(ctx.world, endpoint, req.method ?? "GET", raw, {
    onUnexpected: (error) => ctx.log(`${endpoint.name} unexpected error: ${error instanceof Error ? error.stack : String(error)}`),
  });
  const code = reply.type === "newline" ? reply.lines[0] : reply.type === "urlencoded" ? reply.fields[0]?.[1] : "redirect";
  ctx.log(`${endpoint.name} login=${loginName ?? "-"} result=${code ?? "?"}${fault ? ` fault=${fault.mode}` : ""}`);
  if (fault?.mode === "lost-response") return reset(req);
  if (fault?.mode === "http500-after-processing") return plain(res, 500, "Internal Server Error\n");
  if (fault?.mode === "malformed-after-processing") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(MALFORMED_BODY);
    return;
  }
  writeReply(res, reply);
}
