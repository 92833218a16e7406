import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { generateKey } from "@/lib/crypto/credentials";
import { DEMO_PASSWORD, anchorDay } from "@/lib/demo/demo-data";
import type { Actor } from "@/lib/auth/session";
import { startTestDatabase, useAppEnv } from "./test-database";

let db: Awaited<ReturnType<typeof startTestDatabase>>;
const support: Actor = { id: "demo-user-support", email: "support@orderdesk.test", name: "Sid", role: "SUPPORT" };

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  useAppEnv(db.url, generateKey());
  const { prisma } = await import("@/lib/db");
  const { seedDemo } = await import("@/lib/demo/seed-demo");
  await seedDemo(prisma as never, { anchor: anchorDay(new Date()), credentialsKey: process.env.CREDENTIALS_KEY!, sandboxUrl: "http://127.0.0.1:4999/products/" });
});
afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
  await db?.stop();
});

describe("sign-in", () => {
  it("accepts a demo login, case-insensitively", async () => {
    const { verifyCredentials } = await import("@/lib/auth/verify-credentials");
    await expect(verifyCredentials("Staff@OrderDesk.test", DEMO_PASSWORD)).resolves.toMatchObject({ role: "STAFF" });
  });

  it("throttles repeated failures, even with the right password afterwards", async () => {
    const { verifyCredentials, WRONG_CREDENTIALS } = await import("@/lib/auth/verify-credentials");
    const { MAX_FAILURES } = await import("@/lib/auth/sign-in-throttle");
    for (let i = 1; i < MAX_FAILURES; i++) {
      await expect(verifyCredentials("manager@orderdesk.test", "wrong")).rejects.toThrow(WRONG_CREDENTIALS);
    }
    await expect(verifyCredentials("manager@orderdesk.test", "wrong")).rejects.toThrow(/Too many failed sign-ins.*15 minutes/);
    await expect(verifyCredentials("manager@orderdesk.test", DEMO_PASSWORD)).rejects.toThrow(/Too many failed sign-ins/);
    // Another email is not affected.
    await expect(verifyCredentials("support@orderdesk.test", DEMO_PASSWORD)).resolves.toMatchObject({ role: "SUPPORT" });
  });

  it("counts parallel guesses atomically: a burst cannot exceed the limit", async () => {
    const { verifyCredentials, WRONG_CREDENTIALS } = await import("@/lib/auth/verify-credentials");
    const { MAX_FAILURES } = await import("@/lib/auth/sign-in-throttle");
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => verifyCredentials("race@orderdesk.test", `guess-${i}`)));
    const messages = results.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "signed in"));
    expect(messages.filter((m) => m === WRONG_CREDENTIALS).length).toBeLessThanOrEqual(MAX_FAILURES - 1);
    expect(messages.filter((m) => m.startsWith("Too many failed sign-ins")).length).toBeGreaterThanOrEqual(20 - MAX_FAILURES + 1);
    await expect(verifyCredentials("race@orderdesk.test", "one-more")).rejects.toThrow(/Too many failed sign-ins/);
  });

  it("refuses a disabled user", async () => {
    const { prisma } = await import("@/lib/db");
    const { verifyCredentials } = await import("@/lib/auth/verify-credentials");
    await prisma.user.update({ where: { email: "admin@orderdesk.test" }, data: { disabled: true } });
    await expect(verifyCredentials("admin@orderdesk.test", DEMO_PASSWORD)).rejects.toThrow(/disabled/);
    await prisma.user.update({ where: { email: "admin@orderdesk.test" }, data: { disabled: false } });
  });
});

describe("user administration", () => {
  it("never leaves Order Desk without an enabled admin", async () => {
    const { changeUserRole } = await import("@/lib/users/change-user-role");
    const { setUserDisabled } = await import("@/lib/users/set-user-disabled");
    const { prisma } = await import("@/lib/db");
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@orderdesk.test" } });
    const otherAdmin: Actor = { id: "someone-else", email: "x@orderdesk.test", name: "X", role: "ADMIN" };
    await expect(changeUserRole(otherAdmin, { userId: admin.id, role: "STAFF" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setUserDisabled(otherAdmin, { userId: admin.id, disabled: true })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).resolves.toMatchObject({ role: "ADMIN", disabled: false });
    // With a second admin, the first may be demoted.
    await prisma.user.update({ where: { email: "manager@orderdesk.test" }, data: { role: "ADMIN" } });
    await expect(changeUserRole(otherAdmin, { userId: admin.id, role: "STAFF" })).resolves.toMatchObject({ role: "STAFF" });
    await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    await prisma.user.update({ where: { email: "manager@orderdesk.test" }, data: { role: "ACCOUNT_MANAGER" } });
  });

  it("reports a taken email as a conflict on the email field", async () => {
    const { createUser } = await import("@/lib/users/create-user");
    const input = { email: "staff@orderdesk.test", name: "Dup", role: "STAFF" as const, password: "a-long-enough-password" };
    await expect(createUser(support, input)).rejects.toMatchObject({ code: "CONFLICT", field: "email" });
  });
});

describe("support lookup", () => {
  it("finds an order and its license by Sectigo order number", async () => {
    const { lookup } = await import("@/lib/lookup/lookup");
    const r = await lookup(support, "9100002");
    expect(r?.kind).toBe("order-number");
    expect(r?.orders.map((o) => o.orderNumber)).toEqual(["9100002"]);
    expect(r?.licenses.map((l) => l.domainName)).toEqual(["bluebird-bakery.example"]);
  });

  it("finds by domain, and by email regardless of case", async () => {
    const { lookup } = await import("@/lib/lookup/lookup");
    const byDomain = await lookup(support, "cobalt-consulting.example");
    expect(byDomain?.licenses.map((l) => l.domainName).sort()).toEqual(["cobalt-consulting.example", "shop.cobalt-consulting.example"]);
    const byEmail = await lookup(support, "IT@acme-hosting.example");
    expect(byEmail?.customers.map((c) => c.name)).toEqual(["Acme Hosting Ltd"]);
    expect(byEmail?.licenses[0]?.addOns).toHaveLength(2);
  });
});

describe("license list", () => {
  it("filters the renewal window in the database", async () => {
    const { listLicenses, licensesQuerySchema } = await import("@/lib/licenses/list-licenses");
    const open = await listLicenses(support, licensesQuerySchema.parse({ window: "open" }));
    expect(open.rows.map((l) => l.domainName)).toEqual(["bluebird-bakery.example"]);
    const expired = await listLicenses(support, licensesQuerySchema.parse({ window: "expired" }));
    expect(expired.rows.map((l) => l.domainName)).toEqual(["cobalt-consulting.example"]);
  });

  it("sorts by expiry either way and ignores a bogus sort", async () => {
    const { listLicenses, licensesQuerySchema } = await import("@/lib/licenses/list-licenses");
    const asc = await listLicenses(support, licensesQuerySchema.parse({ sort: "expiresAt", dir: "asc" }));
    const desc = await listLicenses(support, licensesQuerySchema.parse({ sort: "expiresAt", dir: "desc" }));
    expect(asc.rows.map((r) => r.id)).toEqual([...desc.rows.map((r) => r.id)].reverse());
    const bogus = await listLicenses(support, licensesQuerySchema.parse({ sort: "passwordHash; drop", page: "-4" }));
    expect(bogus.page).toBe(1);
    expect(bogus.rows.map((r) => r.id)).toEqual(asc.rows.map((r) => r.id));
  });
});
