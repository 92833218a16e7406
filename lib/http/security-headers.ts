/**
 * Security headers. The Content-Security-Policy carries a fresh nonce per request (set by
 * proxy.ts; Next puts it on its own scripts); the others are static and set for every response
 * in next.config.mjs, static files included. Edge-safe: no Node imports.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script are trusted; nothing else runs.
    // React's dev build needs eval for its debugging tools; production never gets it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Dev tools inject inline styles; 'unsafe-inline' is ignored next to a nonce, so dev gets no nonce here.
    opts.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** For static files (next.config.mjs), which proxy.ts does not see. */
export const STATIC_FILES_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'";

/** Headers for every response (next.config.mjs `headers()`). */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
