/**
 * The audit log (issue 10): append-only in the database itself, and written by the one action
 * wrapper for every state-changing action with who, what, from where, the input without secrets
 * and the before/after the use case recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoDatabase } from "./test-database";
import type { Actor } from "@/lib/auth/session";

type Db = Awaited<ReturnType<typeof startDemoDatabase>>;
let db: Db;
let prisma: (typeof import("@/lib/db"))["prisma"];

beforeAll(async () => {
  db = await startDemoDatabase();
  ({ prisma } = await import("@/lib/db"));
}, 180_000);
afterAll(async () => {
  await db?.stop();
});

describe("audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE at the database level", async () => {
    await prisma.auditEntry.create({ data: { actorLabel: "Test", action: "test.append", outcome: "OK" } });
    // The app's role lacks the privileges (issue 16); the owner meets the append-only trigger.
    const { createPrismaClient } = await import("@/lib/db");
    const owner = createPrismaClient(db.url);
    try {
      for (const [client, refusal] of [[prisma, /permission denied/], [owner, /append-only/]] as const) {
        await expect(client.$executeRaw`UPDATE "AuditEntry" SET outcome = 'FORGED'`).rejects.toThrow(refusal);
        await expect(client.$executeRaw`DELETE FROM "AuditEntry"`).rejects.toThrow(refusal);
        await expect(client.$executeRawUnsafe(`TRUNCATE "AuditEntry"`)).rejects.toThrow(refusal);
        await expect(client.auditEntry.updateMany({ data: { outcome: "FORGED" } })).rejects.toThrow();
      }
    } finally {
      await owner.$disconnect();
    }
    expect(await prisma.auditEntry.count({ where: { outcome: "FORGED" } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { action: "test.append" } })).toBe(1);
  });

  it("records an action with who, where, the input without secrets and the before/after", async () => {
    const { createActionClient } = await import("@/lib/auth/authorized-action");
    const { writeAuditEntry } = await import("@/lib/audit/write-audit-entry");
    const { changeUserRoleSchema } = await import("@/lib/users/user-schemas");
    const { changeUserRole } = await import("@/lib/users/change-user-role");
    const { z } = await import("zod");
    const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    const staff = await prisma.user.findFirstOrThrow({ where: { role: "STAFF" } });
    const actor: Actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
    const authorizedAction = createActionClient({
      getActor: async () => actor,
      logError: () => {},
      audit: writeAuditEntry,
      requestInfo: async () => ({ clientAddress: "198.51.100.7", userAgent: "audit-test" }),
    });
    const change = authorizedAction({ name: "settings.users.changeUserRole", permission: "manageUsers", schema: changeUserRoleSchema }, changeUserRole);
    expect((await change({ userId: staff.id, role: "SUPPORT" })).ok).toBe(true);
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "settings.users.changeUserRole" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actorId: admin.id, actorRole: "ADMIN", outcome: "OK", clientAddress: "198.51.100.7", userAgent: "audit-test" });
    expect(entry.changes).toEqual([{ target: `User:${staff.id}`, before: { role: "STAFF" }, after: { role: "SUPPORT", sessionsEnded: 0 } }]);

    const secretAction = authorizedAction(
      { name: "test.secret", permission: "manageUsers", schema: z.object({ loginPassword: z.string(), nested: z.object({ password: z.string(), label: z.string() }) }) },
      async () => "done",
    );
    await secretAction({ loginPassword: "hunter2-secret", nested: { password: "other-secret", label: "kept" } });
    const secret = await prisma.auditEntry.findFirstOrThrow({ where: { action: "test.secret" } });
    expect(JSON.stringify({ ...secret, id: String(secret.id) })).not.toMatch(/hunter2|other-secret/);
    expect(secret.input).toEqual({ loginPassword: "[redacted]", nested: { password: "[redacted]", label: "kept" } });
  });
});
