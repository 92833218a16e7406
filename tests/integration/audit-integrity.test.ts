/**
 * Issue 16 items 1 and 3: the audit log is complete. Hostile text cannot make an action escape
 * it; a change to our database commits with its entry or not at all; every audited change says
 * what it was before and after (a secret only as "changed"); sign-ins past the throttle, sign-ins
 * and sign-outs are entries too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { startDemoDatabase } from "./test-database";
import { createPrismaClient } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/errors";

type Db = Awaited<ReturnType<typeof startDemoDatabase>>;
let db: Db;
let prisma: (typeof import("@/lib/db"))["prisma"];
let admin: Actor;
let action: Awaited<ReturnType<typeof makeClient>>;
/** The tables' owner (the app's own role may not create tables or triggers). */
let owner: ReturnType<typeof createPrismaClient>;

async function makeClient() {
  const { createActionClient } = await import("@/lib/auth/authorized-action");
  const { writeAuditEntry, checkAuditEntry } = await import("@/lib/audit/write-audit-entry");
  return createActionClient({
    getActor: async () => admin,
    logError: () => {},
    audit: writeAuditEntry,
    auditCheck: checkAuditEntry,
    requestInfo: async () => ({ clientAddress: "198.51.100.9", userAgent: "audit-integrity" }),
  });
}

beforeAll(async () => {
  // The sandbox URL the demo account was seeded with is the one this "app" was started with.
  process.env.SECTIGO_SANDBOX_URL = "http://127.0.0.1:4999/products/";
  db = await startDemoDatabase();
  ({ prisma } = await import("@/lib/db"));
  const row = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
  admin = { id: row.id, email: row.email, name: row.name, role: row.role };
  action = await makeClient();
  // A switch the tests flip: the database refuses the OK entry of the named action, as it would
  // if the audit table were full, locked or out of reach. Installed by the owner, for this test only.
  owner = createPrismaClient(db.url);
  await owner.$executeRawUnsafe(`CREATE TABLE test_refuse_audit (action text PRIMARY KEY)`);
  await owner.$executeRawUnsafe(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN
      IF NEW.outcome = 'OK' AND EXISTS (SELECT 1 FROM test_refuse_audit WHERE action = NEW.action) THEN
        RAISE EXCEPTION 'test: the audit log refuses %', NEW.action;
      END IF;
      RETURN NEW;
    END $$`);
  await owner.$executeRawUnsafe(`CREATE TRIGGER "AuditEntry_test_refuse" BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
}, 180_000);
afterAll(async () => {
  await owner?.$disconnect();
  await db?.stop();
});

async function entriesOf(name: string) {
  return prisma.auditEntry.findMany({ where: { action: name }, orderBy: { id: "asc" } });
}

describe("hostile text cannot make an action escape the audit log", () => {
  const HOSTILE: Array<[string, string]> = [
    ["an unpaired high surrogate", "Mallory\ud800"],
    ["an unpaired low surrogate", "\udc00Mallory"],
    ["a null byte", "Mal\u0000lory"],
    ["a right-to-left override", "Mallory \u202Egnp.exe"],
    ["a zero-width space", "Mal\u200Blory"],
    ["a first-strong isolate", "Mal\u2068lory"],
    ["a byte-order mark inside", "Mal\uFEFFlory"],
    ["a Hangul filler", "Mal\u3164lory"],
  ];
  const VISIBLE = ["Zoë Ångström", "می\u200Cخواهم", "👩\u200D💻 Ops", "東京 Admin"];

  it.each(HOSTILE)("a user named with %s is refused as a field error: no user, no change", async (_kind, name) => {
    const { createUserSchema } = await import("@/lib/users/user-schemas");
    const { createUser } = await import("@/lib/users/create-user");
    const create = action({ name: "settings.users.createUser", permission: "manageUsers", schema: createUserSchema }, createUser);
    const email = `hostile-${Math.random().toString(36).slice(2)}@x.test`;
    const before = (await entriesOf("settings.users.createUser")).length;
    const result = await create({ email, name, role: "ADMIN", password: "a-long-password-1" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe("INVALID_INPUT");
    expect(!result.ok && Object.keys(result.error.fieldErrors ?? {})).toEqual(["name"]);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect((await entriesOf("settings.users.createUser")).length).toBe(before);
  });

  it("users with visible names from any script: exactly one entry per user created, with the after", async () => {
    const { createUserSchema } = await import("@/lib/users/user-schemas");
    const { createUser } = await import("@/lib/users/create-user");
    const create = action({ name: "settings.users.createUser", permission: "manageUsers", schema: createUserSchema }, createUser);
    for (const name of VISIBLE) {
      const email = `visible-${Math.random().toString(36).slice(2)}@x.test`;
      const result = (await create({ email, name, role: "STAFF", password: "a-long-password-1" })) as ActionResult<{ id: string }>;
      expect(result.ok, JSON.stringify(result)).toBe(true);
      const id = result.ok ? result.data.id : "";
      const entries = await prisma.auditEntry.findMany({ where: { action: "settings.users.createUser", changes: { array_contains: [{ target: `User:${id}` }] } } });
      expect(entries).toHaveLength(1);
      expect(entries[0]!.changes).toEqual([{ target: `User:${id}`, before: null, after: { email, name, role: "STAFF", disabled: false, password: "changed" } }]);
      expect(JSON.stringify(entries[0]!.input)).not.toContain("a-long-password-1");
    }
  });
});

describe("a change commits with its audit entry, or not at all", () => {
  async function refuseEntriesOf(name: string, run: () => Promise<void>) {
    await owner.$executeRawUnsafe(`INSERT INTO test_refuse_audit VALUES ($1)`, name);
    try {
      await run();
    } finally {
      await owner.$executeRawUnsafe(`DELETE FROM test_refuse_audit`);
    }
  }

  it("creating a user: refused entry, no user; the person gets a reference, not 'done'", async () => {
    const { createUserSchema } = await import("@/lib/users/user-schemas");
    const { createUser } = await import("@/lib/users/create-user");
    const create = action({ name: "settings.users.createUser", permission: "manageUsers", schema: createUserSchema }, createUser);
    await refuseEntriesOf("settings.users.createUser", async () => {
      const result = await create({ email: "unrecorded@x.test", name: "Unrecorded", role: "ADMIN", password: "a-long-password-1" });
      expect(!result.ok && result.error.code).toBe("INTERNAL");
    });
    expect(await prisma.user.count({ where: { email: "unrecorded@x.test" } })).toBe(0);
  });

  it("disabling a user, changing a role, a price, an account: each rolled back with its refused entry", async () => {
    const { setUserDisabledSchema, changeUserRoleSchema } = await import("@/lib/users/user-schemas");
    const { setUserDisabled } = await import("@/lib/users/set-user-disabled");
    const { changeUserRole } = await import("@/lib/users/change-user-role");
    const { savePlanPriceSchema } = await import("@/lib/settings/plan-price-schemas");
    const { savePlanPrice } = await import("@/lib/settings/save-plan-price");
    const { updateResellerAccountSchema } = await import("@/lib/settings/reseller-account-schemas");
    const { updateResellerAccount } = await import("@/lib/settings/update-reseller-account");
    const staff = await prisma.user.findFirstOrThrow({ where: { role: "STAFF" } });
    const account = await prisma.resellerAccount.findFirstOrThrow({ where: { isDefault: true } });
    const price = await prisma.planPrice.findFirstOrThrow({ orderBy: { id: "asc" } });
    const { setResellerAccountEnabledSchema } = await import("@/lib/settings/reseller-account-schemas");
    const { setResellerAccountEnabled } = await import("@/lib/settings/set-reseller-account-enabled");
    const second = await prisma.resellerAccount.create({ data: { label: "Second", loginName: "second-audit", loginPasswordEnc: "not-used", apiBaseUrl: account.apiBaseUrl, mode: "SANDBOX", apBrand: "Second" } });

    const cases: Array<{ name: string; run: () => Promise<ActionResult<unknown>>; unchanged: () => Promise<unknown> }> = [
      {
        name: "settings.users.setUserDisabled",
        run: () => action({ name: "settings.users.setUserDisabled", permission: "manageUsers", schema: setUserDisabledSchema }, setUserDisabled)({ userId: staff.id, disabled: true }),
        unchanged: async () => (await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).disabled,
      },
      {
        name: "settings.users.changeUserRole",
        run: () => action({ name: "settings.users.changeUserRole", permission: "manageUsers", schema: changeUserRoleSchema }, changeUserRole)({ userId: staff.id, role: "SUPPORT" }),
        unchanged: async () => (await prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).role,
      },
      {
        name: "settings.prices.savePlanPrice",
        run: () =>
          action({ name: "settings.prices.savePlanPrice", permission: "manageSettings", schema: savePlanPriceSchema }, savePlanPrice)({
            productKey: price.productKey, term: price.term, buyPrice: "1.00", sellPrice: "999.00", currency: price.currency, enabled: price.enabled,
          } as z.input<typeof savePlanPriceSchema>),
        unchanged: async () => (await prisma.planPrice.findUniqueOrThrow({ where: { id: price.id } })).sellPrice.toFixed(2),
      },
      {
        name: "settings.accounts.setResellerAccountEnabled",
        run: () =>
          action({ name: "settings.accounts.setResellerAccountEnabled", permission: "manageSettings", schema: setResellerAccountEnabledSchema }, setResellerAccountEnabled)({ id: second.id, enabled: false }),
        unchanged: async () => (await prisma.resellerAccount.findUniqueOrThrow({ where: { id: second.id } })).disabledAt,
      },
      {
        name: "settings.accounts.updateResellerAccount",
        run: () =>
          action({ name: "settings.accounts.updateResellerAccount", permission: "manageSettings", schema: updateResellerAccountSchema }, updateResellerAccount)({
            id: account.id, label: "Renamed unrecorded", loginName: account.loginName, apBrand: account.apBrand ?? "", apiBaseUrl: account.apiBaseUrl, mode: account.mode,
            autoRenewDefault: !account.autoRenewDefault, isDefault: true, password: "",
          }),
        unchanged: async () => (await prisma.resellerAccount.findUniqueOrThrow({ where: { id: account.id } })).label,
      },
    ];
    for (const c of cases) {
      const before = await c.unchanged();
      await refuseEntriesOf(c.name, async () => {
        const result = await c.run();
        expect(!result.ok && result.error.code, c.name).toBe("INTERNAL");
      });
      expect(await c.unchanged(), c.name).toEqual(before);
    }
  });
});

describe("every audited change says what it was before and after", () => {
  it("an account edit records only the fields that moved, and the password as 'changed'", async () => {
    const { updateResellerAccountSchema } = await import("@/lib/settings/reseller-account-schemas");
    const { updateResellerAccount } = await import("@/lib/settings/update-reseller-account");
    const account = await prisma.resellerAccount.findFirstOrThrow({ where: { isDefault: true } });
    const update = action({ name: "settings.accounts.updateResellerAccount", permission: "manageSettings", schema: updateResellerAccountSchema }, updateResellerAccount);
    const result = await update({
      id: account.id, label: "Main account (renamed)", loginName: account.loginName, apBrand: account.apBrand ?? "", apiBaseUrl: account.apiBaseUrl, mode: account.mode,
      autoRenewDefault: !account.autoRenewDefault, isDefault: true, password: "a-new-secret-password",
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const [entry] = (await entriesOf("settings.accounts.updateResellerAccount")).filter((e) => e.outcome === "OK").slice(-1);
    expect(entry!.changes).toEqual([
      {
        target: `ResellerAccount:${account.id}`,
        before: { label: account.label, autoRenewDefault: account.autoRenewDefault, password: "unchanged" },
        after: { label: "Main account (renamed)", autoRenewDefault: !account.autoRenewDefault, password: "changed" },
      },
    ]);
    expect(JSON.stringify({ ...entry, id: String(entry!.id) })).not.toContain("a-new-secret-password");
  });

  it("a price change records the price it replaced", async () => {
    const { savePlanPriceSchema } = await import("@/lib/settings/plan-price-schemas");
    const { savePlanPrice } = await import("@/lib/settings/save-plan-price");
    const price = await prisma.planPrice.findFirstOrThrow({ orderBy: { id: "desc" } });
    const save = action({ name: "settings.prices.savePlanPrice", permission: "manageSettings", schema: savePlanPriceSchema }, savePlanPrice);
    const newSell = (Number(price.sellPrice) + 10).toFixed(2);
    const result = await save({ productKey: price.productKey, term: price.term, buyPrice: price.buyPrice.toFixed(2), sellPrice: newSell, currency: price.currency, enabled: price.enabled } as z.input<typeof savePlanPriceSchema>);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const [entry] = (await entriesOf("settings.prices.savePlanPrice")).filter((e) => e.outcome === "OK").slice(-1);
    expect(entry!.changes).toEqual([{ target: `PlanPrice:${price.productKey}/${price.term}`, before: { sellPrice: price.sellPrice.toFixed(2) }, after: { sellPrice: newSell } }]);
  });

  it("disabling a user records disabled before and after", async () => {
    const { setUserDisabledSchema } = await import("@/lib/users/user-schemas");
    const { setUserDisabled } = await import("@/lib/users/set-user-disabled");
    const support = await prisma.user.findFirstOrThrow({ where: { role: "SUPPORT" } });
    const result = await action({ name: "settings.users.setUserDisabled", permission: "manageUsers", schema: setUserDisabledSchema }, setUserDisabled)({ userId: support.id, disabled: true });
    expect(result.ok).toBe(true);
    const [entry] = (await entriesOf("settings.users.setUserDisabled")).filter((e) => e.outcome === "OK").slice(-1);
    expect(entry!.changes).toEqual([{ target: `User:${support.id}`, before: { disabled: false }, after: { disabled: true, sessionsEnded: 0 } }]);
    await prisma.user.update({ where: { id: support.id }, data: { disabled: false } });
  });
});

describe("sign-ins and session ends are in the audit log", () => {
  async function signIn(email: string, password: string, address: string) {
    const { authOptions } = await import("@/lib/auth/options");
    const provider = authOptions().providers[0] as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<{ sid: string } | null> } };
    return provider.options.authorize({ email, password }, { headers: { "x-orderdesk-client-address": address, "user-agent": "audit-integrity" } }).then(
      (user) => ({ ok: true as const, user }),
      (error: unknown) => ({ ok: false as const, message: (error as Error).message }),
    );
  }
  const signInEntries = (email: string) => prisma.auditEntry.findMany({ where: { action: "auth.signIn", input: { path: ["email"], equals: email } }, orderBy: { id: "asc" } });

  it("a sign-in and its sign-out: one entry each, from the session's own transaction", async () => {
    const { DEMO_PASSWORD } = await import("@/tools/demo-world/demo-data");
    const result = await signIn("manager@orderdesk.test", DEMO_PASSWORD, "203.0.113.40");
    expect(result.ok).toBe(true);
    const entries = await signInEntries("manager@orderdesk.test");
    expect(entries.map((e) => [e.outcome, e.actorRole])).toEqual([["OK", "ACCOUNT_MANAGER"]]);
    const { authOptions } = await import("@/lib/auth/options");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "manager@orderdesk.test" } });
    const sid = result.ok ? result.user!.sid : "";
    await authOptions().events!.signOut!({ token: { sid, sub: user.id }, session: undefined as never });
    await authOptions().events!.signOut!({ token: { sid, sub: user.id }, session: undefined as never }); // twice: one end
    const out = await prisma.auditEntry.findMany({ where: { action: "auth.signOut", actorId: user.id } });
    expect(out).toHaveLength(1);
    expect(await prisma.session.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ revokedReason: "signed out" });
  });

  it("failed sign-ins: none recorded under the throttle's limit, each counted one past it, never the password", async () => {
    const { ACCOUNT_LIMIT } = await import("@/lib/auth/sign-in-throttle");
    const email = "staff@orderdesk.test";
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await signIn(email, `wrong-guess-${i}`, "203.0.113.41")).ok).toBe(false);
    expect(await signInEntries(email)).toHaveLength(0);
    // The next one starts the throttle's wait; those during the wait are refused uncounted.
    for (let i = 0; i < 5; i++) expect((await signIn(email, `wrong-guess-more-${i}`, "203.0.113.41")).ok).toBe(false);
    const entries = await signInEntries(email);
    expect(entries.map((e) => e.outcome)).toEqual(["THROTTLED"]);
    expect(entries[0]).toMatchObject({ actorId: null, clientAddress: "203.0.113.41" });
    expect(JSON.stringify(entries.map((e) => ({ ...e, id: String(e.id) })))).not.toContain("wrong-guess");
  });
});
