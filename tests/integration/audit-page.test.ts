/**
 * The audit log page's query (issue 10): filters by person, action, outcome and UTC day range,
 * keyset paging by id desc, bad URL values as messages, ADMIN only, and the CSV export of
 * exactly the filter with the formula-injection guard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoDatabase } from "./test-database";
import type { Actor } from "@/lib/auth/session";

type Db = Awaited<ReturnType<typeof startDemoDatabase>>;
let db: Db;
let prisma: (typeof import("@/lib/db"))["prisma"];
let admin: Actor;
let staffId: string;
const day = (d: number, h = 12) => new Date(Date.UTC(2031, 4, d, h));

beforeAll(async () => {
  db = await startDemoDatabase();
  ({ prisma } = await import("@/lib/db"));
  const a = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
  admin = { id: a.id, email: a.email, name: a.name, role: a.role };
  staffId = (await prisma.user.findFirstOrThrow({ where: { role: "STAFF" } })).id;
  // 60 entries across days 1..3 of May 2031 (after anything the demo seed wrote), two people, three actions.
  // Entries back-dated to fixed days: only the table's owner may choose an entry's time (the app's
  // role gets the database's own time, migration *_audit_entry_insert_guard).
  const owner = (await import("@/lib/db")).createPrismaClient(db.url);
  await owner.auditEntry.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      actorId: i % 2 ? staffId : admin.id,
      actorLabel: i % 2 ? "Sam Staff" : "Ada Admin",
      action: ["orders.place", "licenses.renew", "settings.users.changeUserRole"][i % 3]!,
      outcome: i % 5 === 0 ? "FORBIDDEN" : "OK",
      input: { note: i === 7 ? "=HYPERLINK(\"http://evil\")" : `n${i}` },
      createdAt: day(1 + Math.floor(i / 20), i % 20),
    })),
  });
  await owner.$disconnect();
}, 180_000);
afterAll(async () => {
  await db?.stop();
});

async function page(params: Record<string, string>, size?: number) {
  const { parseAuditQuery } = await import("@/lib/audit/list-audit-query");
  const { listAudit } = await import("@/lib/audit-log/list-audit");
  const parsed = parseAuditQuery(params);
  return { parsed, page: await listAudit(admin, parsed.query, size) };
}

describe("audit page query", () => {
  it("filters by person, action, outcome and day range together", async () => {
    const { parsed, page: p } = await page({ person: staffId, action: "licenses.renew", outcome: "OK", from: "2031-05-02", to: "2031-05-02" });
    expect(parsed.errors).toEqual({});
    // i odd (staff), i%3==1 (renew), i%5!=0, 20<=i<40
    const expected = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 2 === 1 && i % 3 === 1 && i % 5 !== 0 && i >= 20 && i < 40);
    expect(p.rows).toHaveLength(expected.length);
    expect(p.rows.every((r) => r.actorId === staffId && r.action === "licenses.renew" && r.outcome === "OK")).toBe(true);
    expect(p.rows.every((r) => r.createdAt >= day(2, 0) && r.createdAt < day(3, 0))).toBe(true);
  });

  it("pages by id, newest first, without gaps or repeats", async () => {
    const seen: bigint[] = [];
    let after: string | undefined;
    for (let n = 0; n < 10; n++) {
      const { page: p } = await page({ from: "2031-05-01", ...(after ? { after } : {}) }, 25);
      seen.push(...p.rows.map((r) => r.id));
      if (p.next === null) break;
      after = String(p.next);
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect([...seen].sort((a, b) => (a < b ? 1 : -1))).toEqual(seen);
  });

  it("turns bad values into messages, never a throw, and keeps what was typed", async () => {
    const { parsed, page: p } = await page({ person: "x'; drop table", action: "<script>", outcome: "maybe?", from: "2031-02-30", to: "yesterday", after: "-1" });
    expect(Object.keys(parsed.errors).sort()).toEqual(["action", "after", "from", "outcome", "person", "to"]);
    expect(parsed.raw.from).toBe("2031-02-30");
    expect(parsed.query).toEqual({});
    expect(p.rows.length).toBeGreaterThan(0);
    const reversed = (await page({ from: "2031-05-03", to: "2031-05-01" })).parsed;
    expect(reversed.errors.to).toMatch(/before the start/);
  });

  it("is ADMIN only", async () => {
    const { listAudit } = await import("@/lib/audit-log/list-audit");
    const support = await prisma.user.findFirstOrThrow({ where: { role: "SUPPORT" } });
    await expect(listAudit({ id: support.id, email: support.email, name: support.name, role: "SUPPORT" }, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("exports exactly the filter as CSV, formulas neutralised", async () => {
    const { parseAuditQuery } = await import("@/lib/audit/list-audit-query");
    const { exportAuditCsv } = await import("@/lib/audit-log/list-audit-export");
    const { query } = parseAuditQuery({ person: admin.id, from: "2031-05-01", to: "2031-05-03" });
    const text = await new Response(await exportAuditCsv(admin, query)).text();
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("ID,When (UTC),Person,Role,Action,Outcome,From,Browser,Input,Before/after");
    expect(lines).toHaveLength(1 + 30);
    expect(lines.slice(1).every((l) => l.includes("Ada Admin"))).toBe(true);
    const staffOnly = await new Response(await exportAuditCsv(admin, parseAuditQuery({ person: staffId, from: "2031-05-01" }).query)).text();
    expect(staffOnly.trim().split("\n")).toHaveLength(1 + 30);
    const { auditCsvRecord } = await import("@/lib/audit-log/list-audit-export");
    expect(auditCsvRecord({ id: 1n, createdAt: day(1), actorLabel: "=cmd|' /C calc'!A0", actorRole: null, action: "+x", outcome: "-1", clientAddress: "@x", userAgent: null, input: null, changes: null })).toMatchObject({
      actor: "'=cmd|' /C calc'!A0", action: "'+x", outcome: "'-1", clientAddress: "'@x",
    });
  });
});
