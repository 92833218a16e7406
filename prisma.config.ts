import { defineConfig } from "prisma/config";

// Prisma 7 no longer reads .env, and env() throws when the variable is unset (even for
// `generate`), so fall back to a placeholder. `generate` never connects; for other Prisma CLI
// commands against the embedded database, set MIGRATION_DATABASE_URL with the password stored as
// `databasePassword` in DATA_DIR/local-secrets.json (or use `npm run db:migrate`, which reads it).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // The owner's URL: the app's role (DATABASE_URL) may not migrate.
    url: process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54329/orderdesk",
  },
});
