/** The three shapes a Sectigo endpoint answers with, and how they go on the wire. */
import type { ServerResponse } from "node:http";
import type { SandboxError } from "../core/errors";

export type Reply =
  | { type: "newline"; lines: string[] }
  | { type: "urlencoded"; fields: Array<[string, string]>; spaces?: "plus" | "percent" }
  | { type: "redirect"; location: string };

/**
 * Two documented encodings: the generic Sectigo example ("SRA integration API overview") writes
 * `errorMessage=The+%27…%27+argument+is+missing%21` (form encoding, `+` for a space), while the
 * PlaceOrder sample ("SiteLock license") writes `Incorrect%20login%20details%2C%20…` (%20), which an errorURL
 * page can decode with decodeURIComponent. PlaceOrder answers use "percent", the others "plus".
 */
export function encodeFields(fields: Array<[string, string]>, spaces: "plus" | "percent" = "plus"): string {
  if (spaces === "plus") return new URLSearchParams(fields).toString();
  return fields.map(([k, v]) => `${percent(k)}=${percent(v)}`).join("&");
}

function percent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function replyBody(reply: Reply): { status: number; headers: Record<string, string>; body: string } {
  switch (reply.type) {
    case "newline":
      return { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: reply.lines.join("\n") + "\n" };
    case "urlencoded":
      return { status: 200, headers: { "content-type": "application/x-www-form-urlencoded" }, body: encodeFields(reply.fields, reply.spaces) };
    case "redirect":
      return { status: 302, headers: { location: reply.location, "content-type": "text/plain" }, body: `Redirecting to ${reply.location}\n` };
  }
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const { status, headers, body } = replyBody(reply);
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export function newlineError(error: SandboxError): Reply {
  return { type: "newline", lines: [String(error.code), error.message] };
}

export function urlencodedError(error: SandboxError, withItem = false): Reply {
  const fields: Array<[string, string]> = [
    ["errorCode", String(error.code)],
    ["errorMessage", error.message],
  ];
  if (withItem && error.item) fields.push(["errorItem", error.item]);
  return { type: "urlencoded", fields };
}
