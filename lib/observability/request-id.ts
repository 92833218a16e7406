import { randomUUID } from "node:crypto";

/**
 * A request id we accept from outside (nginx's `$request_id`, 32 hex digits; a client's own): a
 * plain token, so a header cannot smuggle a newline, a quote or a megabyte into every log line.
 */
const SAFE_ID = /^[A-Za-z0-9-]{8,64}$/;

export function isSafeRequestId(value: unknown): value is string {
  return typeof value === "string" && SAFE_ID.test(value);
}

/** The header's id when it is a safe token, else a new one (a repeated header: its first value). */
export function acceptRequestId(header: string | string[] | undefined | null): string {
  const value = Array.isArray(header) ? header[0] : header;
  return isSafeRequestId(value) ? value : newRequestId();
}

export function newRequestId(): string {
  return randomUUID();
}
