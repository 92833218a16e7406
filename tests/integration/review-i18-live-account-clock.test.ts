/**
 * Reviewer probe (issue 18, independent review): APP_CLOCK=sandbox is one clock for the whole process
 * (lib/clock/app-clock.ts, appLifecycleDeps), whatever the account. The launcher turns it on by default
 * for the demo (tools/launcher/cli.ts), and an admin can add a LIVE reseller account to that same app.
 * A LIVE account's licenses are then judged on the sandbox's (moved) clock: a refund the reseller is
 * entitled to at Sectigo (real time, day 3) is refused as "the refund period is over", and the
 * cancellation goes out as CANCELLICENCE, so the reseller loses the refund. FAILED on main at review time.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { setAppEnv, startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const DAY = 86_400_000;
let db: Awaited<ReturnType<typeof startTestDatabase>>;
/** The demo's sandbox, whose clock the app follows. */
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
/** Stands in for Sectigo's live API (real time). */
let live: Awaited<ReturnType<typeof startSandbox>>;
let prisma: (typeof import("@/lib/db"))["prisma"];
const key = generateKey();
const LIVE_ACCOUNT = "acct-rv18-live";
let manager: Actor;
let staff: Actor;
const sandboxAdm = sandboxAdmin(() => sandbox);
const liveAdm = sandboxAdmin(() => live);

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  sandbox = await startSandbox({ port: 0, now: new Date() });
  live = await startSandbox({ port: 0, now: new Date() });
  setAppEnv(db.url, key);
  process.env.APP_CLOCK = "sandbox";
  process.env.SECTIGO_SANDBOX_URL = `${sandbox.url}/products/`;
  ({ prisma } = await import("@/lib/db"));
  await seedResellerAccount(prisma, { id: LIVE_ACCOUNT, label: "Live", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${live.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const m = await seedUser(prisma, { id: "u-am", email: "am@rv18live.test", name: "Max Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-2" });
  manager = { id: m.id, email: m.email, name: m.name, role: m.role };
  const s = await seedUser(prisma, { id: "u-staff", email: "staff@rv18live.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-1" });
  staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  await liveAdm("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
}, 60_000);

afterAll(async () => {
  delete process.env.APP_CLOCK;
  await prisma?.$disconnect();
  await sandbox?.close();
  await live?.close();
  await db?.stop();
});

describe("review i18: the sandbox's clock and a LIVE account", () => {
  it("a LIVE account's license bought today keeps its refund when the demo sandbox's clock was moved on", async () => {
    const domain = `rv18-live-${Date.now()}.example`;
    const result = await submitOrder(
      staff,
      {
        submissionKey: randomUUID(), resellerAccountId: LIVE_ACCOUNT, customer: { new: { name: "Live Customer", email: `owner-${Date.now()}@live.example` } },
        kind: "NEW", currency: "USD",
        items: [{ productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 149 }],
        sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode: 1060, addOnCodes: [], days: 365, domainName: domain, contactEmail: "owner@live.example", autoRenew: false } },
      },
      orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }),
    );
    expect(result.outcome).toBe("PLACED");
    const license = await prisma.license.findFirstOrThrow({ where: { orderId: result.order.id } });
    // A live Sectigo cannot be reached from a test: the license was bought from a stand-in; the account is LIVE from here on.
    await prisma.resellerAccount.update({ where: { id: LIVE_ACCOUNT }, data: { mode: "LIVE" } });
    // Someone tries the demo: the sandbox's clock moves 20 days on. Live Sectigo's time does not move.
    await sandboxAdm("POST", "clock", { now: new Date(Date.now() + 20 * DAY).toISOString(), freeze: true });
    const { forgetAppClockReading } = await import("@/lib/clock/app-clock");
    forgetAppClockReading();
    const { appLifecycleDeps } = await import("@/lib/orders/app-deps");
    const { previewCancellation } = await import("@/lib/licenses/actions/cancel");
    const preview = await previewCancellation(manager, { licenseId: license.id }, await appLifecycleDeps());
    // At Sectigo this license is on day 0 of its 14-day refund period.
    expect(preview).toMatchObject({ ok: true, refundOffered: true, call: "autoRefund" });
  });
});
