import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/http/security-headers";

/** Pages anyone may see without a session. */
const PUBLIC_PATHS = [/^\/icon\.svg$/, /^\/signin(\/|$)/, /^\/signout(\/|$)/, /^\/forbidden(\/|$)/, /^\/api\/auth(\/|$)/, /^\/api\/health(\/ready)?$/];
/** API routes that check the session themselves and answer 401 JSON (a redirect to an HTML page helps no script). */
const SELF_GUARDED_PATHS = [/^\/api\/lookup$/];

/**
 * Runs before every page and API route:
 * - a Content-Security-Policy with a fresh nonce (Next reads it from the request header and
 *   puts the nonce on its own scripts; pages are rendered per request, so each gets its own);
 * - an optimistic sign-in check: a visitor without a session cookie goes to sign-in,
 *   remembering where they were going. The real check (a live server-side session and the
 *   current role) is in each page, action and use case.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  // NODE_ENV is inlined by Next at build time (not configuration, so not in lib/env.ts).
  // eslint-disable-next-line no-restricted-properties
  const dev = process.env.NODE_ENV === "development";
  const csp = contentSecurityPolicy(nonce, { dev, https });

  const { pathname } = request.nextUrl;
  // Browsers ask for /favicon.ico on their own; the icon is app/icon.svg.
  if (pathname === "/favicon.ico") {
    const icon = NextResponse.redirect(new URL("/icon.svg", request.url), 308);
    icon.headers.set("Content-Security-Policy", csp);
    return icon;
  }
  const hasSession =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  const isPublic = PUBLIC_PATHS.some((p) => p.test(pathname)) || SELF_GUARDED_PATHS.some((p) => p.test(pathname));
  // Server actions answer for themselves (the authorized-action wrapper refuses them as data).
  if (!isPublic && !hasSession && !request.headers.has("next-action")) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = "";
    const target = pathname + request.nextUrl.search;
    if (target !== "/") url.searchParams.set("callbackUrl", target);
    const redirect = NextResponse.redirect(url);
    redirect.headers.set("Content-Security-Policy", csp);
    return redirect;
  }

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  // Everything but Next's static files (next.config.mjs gives them the static headers and a
  // strict CSP). A prefix exclusion such as "icon.svg" would also skip "/icon.svgx": none here.
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
