/**
 * HTTP as a browser speaks it to the app: next-auth's credentials sign-in (CSRF token and cookie,
 * then the callback that sets the session cookie), pages, and server actions posted as the page's
 * JavaScript posts them (POST to the page's URL, `Next-Action: <id>`, the arguments encoded by
 * React's encodeReply, a JSON list for plain values, sent as text/plain, Origin = the site).
 * Action ids come from the build's server-reference manifest, which is where the page gets them.
 */
import fs from "node:fs";
import path from "node:path";

export interface Timed<T> {
  ms: number;
  value: T;
}

export async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
}

const cookiePairs = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

export interface CsrfPair {
  token: string;
  cookie: string;
}

export async function csrf(base: string): Promise<CsrfPair> {
  const res = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: cookiePairs(res).join("; ") };
}

export type SignInResult = { ok: true; cookie: string } | { ok: false; status: number; error: string };

/** The credentials sign-in at `base`, with a CSRF pair from wherever (another instance's, to show they agree). */
export async function signIn(base: string, email: string, password: string, pair?: CsrfPair): Promise<SignInResult> {
  const c = pair ?? (await csrf(base));
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: c.cookie, origin: base },
    body: new URLSearchParams({ csrfToken: c.token, email, password, callbackUrl: `${base}/`, json: "true" }),
  });
  const text = await res.text();
  const session = cookiePairs(res).find((s) => /^(__Secure-)?next-auth\.session-token=/.test(s));
  if (session) return { ok: true, cookie: [c.cookie, session].join("; ") };
  const where = res.headers.get("location") ?? (/"url"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? "");
  return { ok: false, status: res.status, error: decodeURIComponent(/[?&]error=([^&]*)/.exec(where)?.[1] ?? `status ${res.status}`) };
}

export async function signOut(base: string, cookie: string): Promise<number> {
  const c = await fetch(`${base}/api/auth/csrf`, { headers: { cookie } });
  const { csrfToken } = (await c.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/signin`, json: "true" }),
  });
  await res.body?.cancel();
  return res.status;
}

export interface PageResult {
  status: number;
  location: string | null;
  body: string;
}

export async function page(base: string, pathname: string, cookie: string): Promise<PageResult> {
  const res = await fetch(`${base}${pathname}`, { redirect: "manual", headers: { cookie } });
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

/** filename + export name → action id, as the build `distDir` knows them. */
export function actionIds(distDir: string): (file: string, exportedName: string) => string {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  return (file, exportedName) => {
    const hit = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
    if (!hit) throw new Error(`the build in ${distDir} has no server action ${exportedName} in ${file}`);
    return hit[0];
  };
}

export interface ActionResponse<T = unknown> {
  status: number;
  /** The action's return value (the ActionResult of lib/auth/authorized-action.ts), when the answer carried one. */
  result: T | undefined;
  text: string;
}

/** A server action call, as the page's JavaScript makes it. */
export async function callAction<T = unknown>(base: string, pagePath: string, actionId: string, cookie: string, args: unknown[], extraHeaders: Record<string, string> = {}): Promise<ActionResponse<T>> {
  const res = await fetch(`${base}${pagePath}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: base, cookie, ...extraHeaders },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  return { status: res.status, result: flightResult<T>(text), text };
}

/** The action's value in the RSC answer: the row of the flight stream that holds an ActionResult (`{"ok":…}`). */
function flightResult<T>(text: string): T | undefined {
  for (const line of text.split("\n")) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m) continue;
    try {
      const value = JSON.parse(m[1]!) as Record<string, unknown>;
      if (typeof value.ok === "boolean") return value as T;
    } catch {
      /* another kind of row */
    }
  }
  return undefined;
}

export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
