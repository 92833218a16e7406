import "server-only";
import { decode } from "next-auth/jwt";
import type { Actor } from "@/lib/auth/session";
import { authOptions } from "@/lib/auth/options";
import { AppError } from "@/lib/errors";
import { isForeignKeyViolation } from "@/lib/db/errors";
import { LOOKUP_RATE_LIMIT, takeTokenForLiveSession, type RateDecision } from "@/lib/http/session-rate-limit";

/**
 * Who is calling /api/lookup, and whether their session may look up now: the session cookie read
 * as next-auth writes it (its name, its JWT encrypted with NEXTAUTH_SECRET, expiry checked), then
 * the server-side session check and the session's lookup token in ONE statement
 * (takeTokenForLiveSession). The search box sends a request per pause in typing, so this is the
 * app's hottest signed-in request; next-auth's getServerSession would decrypt the cookie, read the
 * session and the user (two statements), and encrypt a refreshed cookie that a route handler
 * cannot even send, before the rate limit's own statement (issue 19, tools/bench/http/throughput/README.md).
 * Null: no cookie, an unreadable or expired one, or a session that is no longer live.
 */
export async function lookupCaller(request: Request, now = new Date()): Promise<{ actor: Actor; decision: RateDecision } | null> {
  const options = authOptions();
  const name = `${options.useSecureCookies ? "__Secure-" : ""}next-auth.session-token`;
  const jwt = sessionCookie(request.headers.get("cookie") ?? "", name);
  if (!jwt || !options.secret) return null;
  const token = await decode({ token: jwt, secret: options.secret }).catch(() => null);
  const sid = typeof token?.sid === "string" ? token.sid : "";
  if (!sid || typeof token?.sub !== "string" || !token.sub) return null;
  try {
    const live = await takeTokenForLiveSession(sid, token.sub, LOOKUP_RATE_LIMIT, now);
    return live ? { actor: { ...live.user, sessionId: sid }, decision: live.decision } : null;
  } catch (error) {
    // The session row went between the check and the bucket's write (signed out meanwhile).
    if (isForeignKeyViolation(error)) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    throw error;
  }
}

/**
 * The cookie's value; next-auth splits a value over 4 KB into `name.0`, `name.1`, ... (its
 * SessionStore), joined here in order.
 */
export function sessionCookie(header: string, name: string): string | null {
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
  return chunks.length ? chunks.join("") : null;
}
