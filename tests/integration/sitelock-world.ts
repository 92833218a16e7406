/**
 * A database and a sandbox with one SANDBOX reseller account, a staff member and an account manager,
 * and `placed(autoRenew)`: a SiteLock Basic license (365 days) bought at T0 on both sides. Shared by
 * the tests of the sync following Sectigo's auto-renewals and of reconciliation around them.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { sectigoClientForAccount } from "@/lib/sectigo/account-client";
import { processSyncRun } from "@/lib/sync/run-sync";
import { fixedNow } from "@/lib/clock/clock";
import { SandboxClock } from "@/lib/clock/sandbox-clock";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

export const DAY = 86_400_000;
export const T0 = new Date("2031-03-01T12:00:00.000Z");

export async function startSiteLockWorld(opts: { account: string; tag: string }) {
  const db = await startTestDatabase();
  await applyMigrations(db.url);
  const prisma = createPrismaClient(db.url);
  const sandbox = await startSandbox({ port: 0, now: T0 });
  const key = generateKey();
  const admin = sandboxAdmin(() => sandbox);
  await seedResellerAccount(prisma, { id: opts.account, label: "Auto-renew", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const s = await seedUser(prisma, { id: "u-staff", email: `staff@${opts.tag}.test`, name: "Pat Staff", role: "STAFF", password: "a-long-password-1" });
  const m = await seedUser(prisma, { id: "u-manager", email: `manager@${opts.tag}.test`, name: "Max Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-2" });
  const staff: Actor = { id: s.id, email: s.email, name: s.name, role: s.role };
  const manager: Actor = { id: m.id, email: m.email, name: m.name, role: m.role };
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });

  let n = 0;
  /** A SiteLock Basic license (365 days) placed at T0 on both sides. */
  async function placed(autoRenew: boolean) {
    n++;
    await admin("POST", "clock", { now: T0.toISOString(), freeze: true });
    const domain = `${opts.tag}-${n}-${Date.now()}.example`;
    const deps = { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), now: fixedNow(T0) };
    const result = await submitOrder(
      staff,
      {
        submissionKey: randomUUID(),
        resellerAccountId: opts.account,
        customer: { new: { name: `Auto Customer ${n}`, email: `owner-${n}-${Date.now()}@${opts.tag}.example` } },
        kind: "NEW",
        currency: "USD",
        items: [{ productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 149 }],
        sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode: 1060, addOnCodes: [], days: 365, domainName: domain, contactEmail: `owner-${n}@${opts.tag}.example`, autoRenew } },
      },
      deps,
    );
    expect(result.outcome).toBe("PLACED");
    const license = await prisma.license.findFirstOrThrow({ where: { orderId: result.order.id } });
    expect(license.autoRenew).toBe(autoRenew);
    return { domain, license };
  }

  /** One sync run, deciding "expired" on the sandbox's clock as the app reads it. */
  function syncRun(runId: string) {
    const clock = new SandboxClock({ healthUrl: `${sandbox.url}/health` });
    return processSyncRun(runId, {
      db: prisma,
      pageSize: 2,
      minIntervalMs: 0,
      backoffMs: 20,
      now: () => clock.now(),
      client: (id) => sectigoClientForAccount(prisma, { resellerAccountId: id, credentialsKey: key }),
    });
  }

  return {
    prisma,
    sandbox,
    key,
    admin,
    staff,
    manager,
    placed,
    syncRun,
    async stop() {
      await prisma.$disconnect();
      await sandbox.close();
      await db.stop();
    },
  };
}

export type SiteLockWorld = Awaited<ReturnType<typeof startSiteLockWorld>>;
