/**
 * Reviewer probe (issue 18, independent review): APP_CLOCK=sandbox is one clock for the whole process
 * (lib/clock/app-clock.ts, appLifecycleDeps), whatever the account. The launcher turns it on by default
 * for the demo (tools/launcher/cli.ts), and an admin can add a LIVE reseller account to that same app.
 * A LIVE account's licenses are then judged on the sandbox's (moved) clock: a refund the reseller is
 * entitled to at Sectigo (real time, day 3) is refused as "the refund period is over", and the
 * cancellation goes out as CANCELLICENCE, so the reseller loses the refund. FAILED on main at review time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
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
  it("a LIVE account's license bought today keeps its refund when the demo sandbox's clock was moved on: no LIVE account in an app on the sandbox's clock", async () => {
    // The fix: one clock per process, so a process on the sandbox's clock takes no LIVE account (saving
    // one, or switching one to LIVE, is refused beside the mode field); before it, this license's refund
    // was refused on day 0 (the sandbox's clock had moved 20 days on).
    await sandboxAdm("POST", "clock", { now: new Date(Date.now() + 20 * DAY).toISOString(), freeze: true });
    const { assertAllowedBaseUrl, LIVE_UNDER_SANDBOX_CLOCK } = await import("@/lib/sectigo/allowed-base-url");
    const refusal = (() => {
      try {
        assertAllowedBaseUrl("https://secure.trust-provider.com/products/", "LIVE");
        return null;
      } catch (error) {
        return error as { code?: string; field?: string; message?: string };
      }
    })();
    expect(refusal).toMatchObject({ code: "INVALID_INPUT", field: "mode", message: LIVE_UNDER_SANDBOX_CLOCK });
    // A sandbox account is fine (on the machine's clock, the default, a live one is too: the settings tests).
    expect(() => assertAllowedBaseUrl(`${sandbox.url}/products/`, "SANDBOX")).not.toThrow();
  });
});
