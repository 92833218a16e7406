import { defineConfig } from "prisma/config";

// Prisma 7 no longer reads .env, and env() throws when the variable is unset (even for
// `generate`), so fall back to the launcher's local default.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54329/orderdesk",
  },
});
