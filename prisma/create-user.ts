/**
 * npm run user:create -- <email> "<name>" <ROLE>
 * Creates a user (e.g. the first admin of a real installation started with SEED_DEMO=0).
 * The password is read from standard input so it never lands in shell history.
 */
import readline from "node:readline/promises";
import { launcherEnv } from "@/lib/env";
import { withDatabase } from "@/tools/data-dir/database";
import { createPrismaClient } from "@/lib/db";
import { createUserSchema } from "@/lib/users/user-schemas";
import { hashPassword } from "@/lib/auth/password";

const [email, name, role] = process.argv.slice(2);
const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: false });
const password = (await rl.question("Password (12+ characters): ")).trim();
rl.close();

const parsed = createUserSchema.safeParse({ email, name, role, password });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  console.error('Usage: npm run user:create -- <email> "<name>" <ADMIN|STAFF|ACCOUNT_MANAGER|SUPPORT>');
  process.exit(2);
}
launcherEnv();
await withDatabase(async (url) => {
  const db = createPrismaClient(url);
  try {
    const input = parsed.data;
    const user = await db.user.upsert({
      where: { email: input.email },
      create: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
      update: {},
    });
    console.log(user.name === input.name ? `User ${user.email} (${user.role}) is ready.` : `${user.email} already exists; left unchanged.`);
  } finally {
    await db.$disconnect();
  }
});
