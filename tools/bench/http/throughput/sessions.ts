/**
 * Sessions for the throughput benchmark. The lookup rate limit (lib/http/session-rate-limit.ts:
 * 40 at once, then 3 a second per session) is the product working as designed: one session
 * driven at hundreds of lookups a second would measure 429s, not lookups. So the benchmark signs
 * in ONCE over HTTP (next-auth's credentials flow, as a browser does) and then gives that sign-in
 * siblings: copies of its server-side Session row under new ids, each with its own cookie (the
 * signed-in JWT with the new session id, encrypted with the app's secret as next-auth does).
 * Each sibling is then a real session (the same checks run on every request: cookie decrypted,
 * session row read, rate-limit bucket taken), and enough of them keep every session under 3
 * lookups a second: many support people at work, which is what a throughput figure is about.
 * Nothing in the product is weakened; the rows are deleted afterwards (their buckets with them).
 */
import { randomBytes } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import type pg from "pg";
import { signIn } from "@/tools/bench/exports/http-session";
import { SESSION_MAX_AGE_S } from "@/lib/auth/sessions";

const SESSION_COOKIE = /(?:^|;\s*)((?:__Secure-)?next-auth\.session-token)=([^;]+)/;

export interface BenchSessions {
  cookies: string[];
  ids: string[];
  /** Deletes every session made here (the signed-in one too). */
  remove(): Promise<void>;
}

/**
 * Signs in at `base` as `email`, then makes `count - 1` siblings of that session. `owner` is a
 * connection as the tables' owner (the app role may write sessions too, but the benchmark is not the app).
 */
export async function benchSessions(opts: { base: string; email: string; password: string; secret: string; owner: pg.Client; count: number }): Promise<BenchSessions> {
  const cookieHeader = await signIn(opts.base, opts.email, opts.password);
  const match = SESSION_COOKIE.exec(cookieHeader);
  if (!match) throw new Error("sign-in gave no session cookie");
  const [, cookieName, jwt] = match as unknown as [string, string, string];
  const token = await decode({ token: jwt, secret: opts.secret });
  if (!token || typeof token.sid !== "string") throw new Error("the session cookie does not carry a session id");
  const signedIn = token.sid;
  const ids = [signedIn];
  const cookies = [`${cookieName}=${jwt}`];
  const fresh = Array.from({ length: Math.max(0, opts.count - 1) }, () => randomBytes(24).toString("base64url"));
  if (fresh.length) {
    // Copies of the signed-in row: same user, same expiry, same client, not revoked.
    const { rowCount } = await opts.owner.query(
      `INSERT INTO "Session" (id, "userId", "createdAt", "lastSeenAt", "expiresAt", "clientAddress", "userAgent")
       SELECT n.id, s."userId", s."createdAt", s."lastSeenAt", s."expiresAt", s."clientAddress", 'lookup-throughput bench'
         FROM "Session" s, unnest($2::text[]) AS n(id) WHERE s.id = $1`,
      [signedIn, fresh],
    );
    if (rowCount !== fresh.length) throw new Error(`made ${rowCount} of ${fresh.length} sessions`);
  }
  for (const sid of fresh) {
    ids.push(sid);
    cookies.push(`${cookieName}=${await encode({ token: { ...token, sid }, secret: opts.secret, maxAge: SESSION_MAX_AGE_S })}`);
  }
  return {
    cookies,
    ids,
    async remove() {
      await opts.owner.query(`DELETE FROM "Session" WHERE id = ANY($1::text[])`, [ids]);
    },
  };
}

/**
 * How many sessions keep each one under its sustained rate for the whole run: every request goes
 * to the next session in turn, so each session sees rps / count requests a second; with a margin
 * of 2 for bursts of rotation.
 */
export function sessionsNeeded(peakRps: number, perSecond: number): number {
  return Math.ceil((2 * peakRps) / perSecond);
}
