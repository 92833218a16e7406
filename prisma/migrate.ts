/**
 * Migration CLI (offline; see lib/db/migrations.ts for why the Prisma CLI is not used).
 *   npm run db:migrate              apply pending migrations (like `prisma migrate deploy`)
 *   npm run db:migrate:dev -- NAME  write prisma/migrations/<ts>_NAME from schema changes
 * Runs as the owner: MIGRATION_DATABASE_URL, or the launcher's embedded PostgreSQL (started here if
 * it is not running); the app's role gets its grants again afterwards (lib/db/app-role.ts).
 */
import { createMigration } from "@/lib/db/migrations";
import { migrateAsOwner, withDatabase } from "@/tools/data-dir/database";

const [command = "deploy", name] = process.argv.slice(2);

await withDatabase(async (url, appRole) => {
  if (command === "deploy") {
    const applied = await migrateAsOwner(url, appRole);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
  } else if (command === "dev") {
    if (!name) throw new Error("Usage: npm run db:migrate:dev -- <migration_name>");
    await migrateAsOwner(url, appRole);
    const created = await createMigration(url, name);
    console.log(created ? `Created prisma/migrations/${created}` : "Schema and migrations already match.");
    if (created) console.log(`Applied: ${(await migrateAsOwner(url, appRole)).join(", ")}`);
  } else {
    throw new Error(`Unknown command "${command}". Use "deploy" or "dev <name>".`);
  }
});
