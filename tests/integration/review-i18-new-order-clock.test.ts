/**
 * Reviewer probe (issue 18, independent review): in sandbox mode (APP_CLOCK=sandbox) "time is one
 * clock", but the order form's action (app/(app)/orders/actions.ts placeOrderAction) places orders on
 * appOrderDeps(), this machine's clock. A license bought there starts and expires on the machine's
 * time while Sectigo (the sandbox) started it on its own clock: its expiry disagrees with Sectigo's
 * by however far the sandbox's clock was moved, and every window decided later on the app's clock
 * (renewal, refund) is off by as much. FAILED on main at review time.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { setAppEnv, startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

let currentActor: Actor | null = null;
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => currentActor,
  requireActor: async () => {
    throw new Error("pages are not called here");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "review-i18", "x-orderdesk-client-address": "203.0.113.9" }) }));
vi.mock("@/lib/queue/enqueue", () => ({ enqueueReconcile: async () => {} }));

const DAY = 86_400_000;
// Far from this machine's time: the sandbox's clock was moved (as a demo does).
const T0 = new Date("2031-03-01T12:00:00.000Z");
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: (typeof import("@/lib/db"))["prisma"];
const key = generateKey();
const ACCOUNT = "acct-rv18-form-clock";
const admin = sandboxAdmin(() => sandbox);

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  sandbox = await startSandbox({ port: 0, now: T0 });
  setAppEnv(db.url, key);
  process.env.APP_CLOCK = "sandbox";
  process.env.SECTIGO_SANDBOX_URL = `${sandbox.url}/products/`;
  ({ prisma } = await import("@/lib/db"));
  await seedResellerAccount(prisma, { id: ACCOUNT, label: "Form clock", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const s = await seedUser(prisma, { id: "u-staff", email: "staff@rv18form.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-1" });
  currentActor = { id: s.id, email: s.email, name: s.name, role: s.role };
  await prisma.planPrice.create({ data: { productKey: "sitelock-basic", term: "365", buyPrice: 99.99, sellPrice: 149, currency: "USD" } });
  await admin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
}, 60_000);

afterAll(async () => {
  delete process.env.APP_CLOCK;
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("review i18: a new order from the form in sandbox mode", () => {
  it("the license starts and expires as at Sectigo (the sandbox's clock), not on this machine's time", async () => {
    const { placeOrderAction } = await import("@/app/(app)/orders/actions");
    const tag = `${Date.now()}`;
    const domain = `rv18-form-${tag}.example`;
    const r = (await placeOrderAction({
      submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: "sitelock-basic", customerId: null, licenseId: null, resellerPays: true,
      values: { term: "365", domainName: domain, appRepEmailAddress: `rv18-${tag}@example.com` }, cart: [], confirmed: [],
    })) as { ok: boolean; data?: { outcome: string; order?: { id: string } }; error?: unknown };
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, data: { outcome: "PLACED" } });
    const license = await prisma.license.findFirstOrThrow({ where: { orderId: r.data!.order!.id } });
    const upstream = (await admin<{ licenses: Array<{ parentId: string | null; startsAt: string; expiresAt: string }> }>("GET", `licenses?loginName=${DEMO_RESELLER.loginName}&domainName=${domain}`)).licenses.find((l) => l.parentId === null)!;
    expect(Date.parse(upstream.startsAt)).toBe(T0.getTime());
    expect(Math.abs(license.expiresAt!.getTime() - Date.parse(upstream.expiresAt))).toBeLessThan(DAY);
    expect(Math.abs(license.startsAt!.getTime() - T0.getTime())).toBeLessThan(DAY);
  });
});
