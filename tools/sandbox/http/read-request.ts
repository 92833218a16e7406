/** Reading a request body (bounded) and building the parameter bag: query string first, then body. */
import type { IncomingMessage } from "node:http";
import { ParamBag } from "../core/params";

const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLarge extends Error {}

/** Whether the request announces a body (a length above 0, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length.trim() !== "0");
}

/** The Content-Type without parameters, lower case; "" when absent. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Form parameters from the query string and the x-www-form-urlencoded body. The body is parsed as
 * form data whatever the Content-Type says (curl -d sends that type anyway).
 */
export function paramsOf(url: URL, body: string): ParamBag {
  return ParamBag.from(url.searchParams, new URLSearchParams(body));
}
