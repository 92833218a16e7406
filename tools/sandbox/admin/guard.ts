/**
 * The gate in front of `/__sandbox/*`: a web page the developer visits must not be able to reset the
 * sandbox, move its clock or replace a password. Checked before anything is read or done:
 * - 403 when the request comes from a browser page (an `Origin` header, or `Sec-Fetch-Site` other
 *   than "none"); curl, tests and scripts send neither;
 * - 401 without `Authorization: Bearer <admin token>` (compared in constant time);
 * - 415 when a body is sent as anything but `application/json` (a form or `text/plain` is what a
 *   page can send without a CORS preflight).
 */
import type { IncomingMessage } from "node:http";
import { hasBody, mediaType } from "../http/read-request";
import { tokenMatches } from "./admin-token";

export interface Refusal {
  status: 401 | 403 | 415;
  error: string;
  headers?: Record<string, string>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}


export function refuseAdmin(req: IncomingMessage, adminToken: string): Refusal | undefined {
  const fetchSite = header(req, "sec-fetch-site");
  if (header(req, "origin") !== undefined || (fetchSite !== undefined && fetchSite !== "none")) {
    return { status: 403, error: "the admin API does not answer web pages (Origin / Sec-Fetch-Site header present)" };
  }
  const bearer = /^Bearer +(\S+) *$/i.exec(header(req, "authorization") ?? "")?.[1];
  if (bearer === undefined || !tokenMatches(bearer, adminToken)) {
    return {
      status: 401,
      error: "send the sandbox admin token: Authorization: Bearer <token> (see tools/sandbox/README.md)",
      headers: { "www-authenticate": 'Bearer realm="sectigo-sandbox"' },
    };
  }
  if (hasBody(req) && mediaType(req) !== "application/json") {
    return { status: 415, error: "send the body as application/json" };
  }
  return undefined;
}
