import http, { type IncomingMessage } from "node:http";

/**
 * Server-action requests that Next would answer with a 500 and a stack trace in the log, answered
 * here instead with 403 / 413 / 400 and one log line (request-guard.ts). What Next 16.4 does, read
 * in node_modules/next/dist/server/app-render/action-handler.js and
 * server/lib/server-action-request-meta.js:
 * - a request is a possible server action when it is a POST with a `Next-Action` header (a call
 *   from the page: `fetch` with the arguments encoded by React's encodeReply, a string, so the
 *   browser sends `text/plain;charset=UTF-8`, or FormData when an argument needs it:
 *   `multipart/form-data; boundary=…`), or a multipart POST (a `<form action={serverAction}>`
 *   submitted before the page is interactive);
 * - an Origin whose host differs from X-Forwarded-Host (else Host) throws "Invalid Server Actions
 *   request" (500, stack); a missing Origin is let through (a hand-made request carries no cookie
 *   it was not given);
 * - a body over `serverActions.bodySizeLimit` throws (413 inside, 500 out, stack): the default is
 *   1 MB = 1024 * 1024 bytes, and next.config.mjs sets none;
 * - a multipart POST without a Next-Action header and without a `$ACTION_…` field is refused
 *   (400, with a trace);
 * - a non-multipart body goes to JSON.parse whatever its type (SyntaxError, 500, stack); a
 *   multipart body without its boundary or its closing delimiter makes busboy throw (500, stack).
 */
export const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;

export interface ActionRefusal {
  status: 400 | 403 | 413;
  /** The log line's reason: untrusted values quoted, escaped and shortened. */
  reason: string;
  /** The response body. */
  message: string;
}

const ACTION_HEADER = "next-action";

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? "/", "http://localhost").pathname;
  } catch {
    return "/";
  }
}

function isMultipart(req: IncomingMessage): boolean {
  return (req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data");
}

/** A request Next's action handler would take. API routes are route handlers: only an explicit Next-Action reaches it there. */
export function isPossibleServerAction(req: IncomingMessage): boolean {
  if (req.method !== "POST") return false;
  if (req.headers[ACTION_HEADER] !== undefined) return true;
  const path = pathOf(req.url);
  return isMultipart(req) && !(path === "/api" || path.startsWith("/api/"));
}

/** An untrusted value as it may appear in a log line: one line, quoted, at most 100 characters. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}...` : value);
}

function first(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one?.split(",")[0]?.trim() || undefined;
}

/**
 * The Origin check Next makes, made first: the Origin's host must be the host Next compares it
 * with (X-Forwarded-Host when a trusted proxy set it, else Host), or PUBLIC_URL's host. In the
 * latter case Next is told that host, so its own check agrees.
 */
export function originRefusal(req: IncomingMessage, publicUrl: string | undefined): ActionRefusal | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let originHost: string | undefined;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  const compared = first(req.headers["x-forwarded-host"]) ?? req.headers.host;
  if (originHost && originHost === compared) return undefined;
  const publicHost = publicUrl ? new URL(publicUrl).host : undefined;
  if (originHost && originHost === publicHost) {
    req.headers["x-forwarded-host"] = publicHost;
    return undefined;
  }
  return {
    status: 403,
    reason: `a server action from another origin (Origin ${quoted(origin)}, host ${quoted(compared ?? "")})`,
    message: "Forbidden: this request did not come from this site's pages.\n",
  };
}

const tooLarge = (limit: number): ActionRefusal => ({ status: 413, reason: `a server action body over ${limit} bytes`, message: "Payload too large.\n" });

/**
 * The body, read up to `limit` bytes. Over it (announced or counted) the reading stops there and
 * the request is refused; the connection is closed after the answer, the rest never read.
 */
export function readActionBody(req: IncomingMessage, limit: number): Promise<Buffer | ActionRefusal> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | ActionRefusal) => {
      req.off("data", onData).off("end", onEnd).off("error", reject);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        done(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks));
    req.on("data", onData).on("end", onEnd).on("error", reject);
  });
}

function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

const badBody = (reason: string): ActionRefusal => ({ status: 400, reason, message: "Bad request: the body is not a server action call.\n" });

/** Whether Next could decode this body, by the same rules (module comment), without decoding it. */
export function bodyRefusal(req: IncomingMessage, body: Buffer): ActionRefusal | undefined {
  const contentType = req.headers["content-type"] ?? "";
  if (isMultipart(req)) {
    // Next's own test is case-sensitive (server-action-request-meta.js): "Multipart/form-data" is
    // read as JSON there, and fails with a 500.
    if (!contentType.startsWith("multipart/form-data")) return badBody(`a multipart type Next does not read as multipart: ${quoted(contentType)}`);
    const boundary = boundaryOf(contentType);
    if (!boundary) return badBody("a multipart server action body without a boundary");
    // The closing delimiter: busboy's "Unexpected end of form" when it is missing.
    if (!body.includes(`--${boundary}--`)) return badBody("a multipart server action body that is not multipart");
    if (!wellFormedParts(body.toString("latin1"), boundary)) return badBody("a multipart server action body with a malformed part");
    // A form posted before hydration names its action in a `$ACTION_…` field; without one Next
    // refuses it too (400, with a trace in the log).
    if (req.headers[ACTION_HEADER] === undefined && !body.includes('name="$ACTION_')) return badBody("a multipart POST that names no server action");
    return undefined;
  }
  // Next parses any other body as JSON; the page only ever sends text/plain.
  if (!/^text\/plain(;|$)/i.test(contentType.trim())) return badBody(`a server action body of type ${quoted(contentType)}`);
  let args: unknown;
  try {
    args = JSON.parse(body.toString("utf8"));
  } catch {
    return badBody("a server action body that is not JSON");
  }
  // React decodes the arguments as a list, and reads "$…" strings as references to other parts of
  // the request ("$Q1", "$F1", "$h"...), which a one-part body cannot have: each made it throw a
  // 500. What a one-part reply can hold: escaped "$$…" text and the plain values React encodes.
  if (!Array.isArray(args)) return badBody("a server action body that is not a list of arguments");
  if (!onlyPlainValues(args, 0)) return badBody("a server action body with references React cannot resolve");
  return undefined;
}

const PLAIN_DOLLAR = /^\$(?:\$[\s\S]*|undefined|NaN|Infinity|-Infinity|-0|D[\s\S]*|n-?\d+)$/;

function onlyPlainValues(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return !value.startsWith("$") || PLAIN_DOLLAR.test(value);
  if (Array.isArray(value)) return value.every((v) => onlyPlainValues(v, depth + 1));
  if (value && typeof value === "object") return Object.values(value).every((v) => onlyPlainValues(v, depth + 1));
  return true;
}

/**
 * Each part between the boundaries has a header block of "Name: value" lines ending in a blank
 * line, with a form-data Content-Disposition: what busboy needs ("Malformed part header" when not).
 */
function wellFormedParts(text: string, boundary: string): boolean {
  const end = text.indexOf(`--${boundary}--`);
  const parts = text.slice(0, end).split(`--${boundary}`).slice(1);
  if (parts.length === 0) return false;
  return parts.every((part) => {
    if (!part.startsWith("\r\n")) return false;
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) return false;
    const lines = part.slice(2, headerEnd).split("\r\n");
    return lines.every((line) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/.test(line)) && lines.some((line) => /^content-disposition:\s*form-data\s*;/i.test(line));
  });
}

/**
 * A request carrying `body`, for Next to read as if from the socket: the original's body was read
 * here to check it. Same socket, method, URL and headers.
 */
export function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new http.IncomingMessage(req.socket);
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.trailers = req.trailers;
  copy.rawTrailers = req.rawTrailers;
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}
