import { NextResponse, type NextRequest } from "next/server";

/**
 * Optimistic check only: a visitor without a session cookie goes to sign-in, remembering where
 * they were going. The real check (valid session, current role) is in each page and action.
 */
export function proxy(request: NextRequest) {
  const hasSession =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  // Server actions answer for themselves (the authorized-action wrapper refuses them as data).
  if (hasSession || request.headers.has("next-action")) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = "";
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") url.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except sign-in, next-auth's own routes, static assets and the health check.
  matcher: ["/((?!signin|signout|api/auth|api/health|_next/static|_next/image|favicon.ico|icon.svg|forbidden).*)"],
};
