/**
 * The world the tests that place orders through the order form's use case (placeOrderFromForm) share:
 * a migrated test database, a sandbox over HTTP, the order use cases' deps, and the few seeds every such
 * file made the same way (a reseller account on the sandbox, a funded sandbox account, a person).
 * One copy, so a change to how orders are wired in tests is made once.
 */
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedCustomer, seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER, anchorDay } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/generated/prisma/enums";
import { orderDeps } from "@/lib/orders/order-deps";
import type { FormDeps } from "@/lib/orders/place-order-from-form";
import { addOnOnLicenseRules } from "@/lib/licenses/actions/add-on-checks";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

export interface FormOrderWorld {
  db: Awaited<ReturnType<typeof startTestDatabase>>;
  sandbox: Awaited<ReturnType<typeof startSandbox>>;
  prisma: ReturnType<typeof createPrismaClient>;
  /** With the license rules an add-on on a license passes through the form (as the app wires them). */
  deps: FormDeps;
  /** The credentials key the reseller accounts' passwords are encrypted with (deps decrypt with it). */
  key: string;
  admin: ReturnType<typeof sandboxAdmin>;
  stop(): Promise<void>;
}

/**
 * Starts the database (migrated) and the sandbox. `demo`: the sandbox holds the demo world (anchored today),
 * whose reseller is DEMO_RESELLER; otherwise it starts empty and the file creates its own sandbox account.
 */
export async function startFormOrderWorld(opts: { demo: boolean }): Promise<FormOrderWorld> {
  const db = await startTestDatabase();
  await applyMigrations(db.url);
  const prisma = createPrismaClient(db.url);
  const sandbox = await startSandbox(opts.demo ? { port: 0, demo: true, demoAnchor: anchorDay(new Date()) } : { port: 0 });
  const key = generateKey();
  return {
    db,
    sandbox,
    prisma,
    key,
    // As the app's order form action wires it: an add-on on a license passes the license page's rules.
    deps: { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), addOnOnLicense: addOnOnLicenseRules },
    admin: sandboxAdmin(() => sandbox),
    async stop() {
      await prisma.$disconnect();
      await sandbox.close();
      await db.stop();
    },
  };
}

/** A reseller account of ours that logs in to the demo sandbox as DEMO_RESELLER (brand OrderDeskTest). */
export async function seedDemoResellerAccount(w: FormOrderWorld, id: string, loginName: string = DEMO_RESELLER.loginName) {
  await seedResellerAccount(w.prisma, { id, label: id, loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${w.sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: w.key, apBrand: "OrderDeskTest" });
}

/** DEMO_RESELLER's account on the sandbox, with funds enough that no test runs out. */
export async function fundDemoReseller(w: FormOrderWorld) {
  await w.admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
}

/** A person who can sign in, as the actor the use cases take. */
export async function seedActor(w: FormOrderWorld, u: { id: string; email: string; name: string; role: Role }): Promise<Actor> {
  const s = await seedUser(w.prisma, { ...u, password: "a-long-password-1" });
  return { id: s.id, email: s.email, name: s.name, role: s.role };
}

/** A customer `id` of `account` (its e-mail at `domain`). */
export async function seedFormCustomer(w: FormOrderWorld, account: string, id: string, domain: string) {
  await seedCustomer(w.prisma, { id, resellerAccountId: account, name: `Customer ${id}`, email: `${id}@${domain}` });
  return id;
}
