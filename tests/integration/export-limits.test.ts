/**
 * Issue 16, item 9: fair use of the CSV exports, through the route handlers themselves against a
 * real PostgreSQL. 30 parallel exports from one SUPPORT session took the server from 410 MB to 1 GB.
 * - one export per session: a second, while the first is being downloaded, is refused with the
 *   sentence (429 for a script, a redirect back to the page with the reason for a browser);
 * - EXPORT_MAX_CONCURRENT across the fleet: the limit lives in PostgreSQL (advisory locks), so
 *   locks held by another instance's connection count too;
 * - the slot comes back when the download ends, however it ends (read to the end, client gone);
 * - every CSV export (renewals and audit) is under the same limits.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { startDemoDatabase } from "./test-database";
import type { Actor } from "@/lib/auth/session";

const MAX = 2;
process.env.EXPORT_MAX_CONCURRENT = String(MAX);

let currentActor: Actor | null = null;
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => currentActor,
  requireActor: async () => {
    throw new Error("pages are not called here");
  },
}));

type Db = Awaited<ReturnType<typeof startDemoDatabase>>;
let db: Db;
let manager: Actor;
let admin: Actor;
type Get = (request: Request) => Promise<Response>;
let renewalsExport: Get;
let auditExport: Get;

const asSession = (actor: Actor, sessionId: string): Actor => ({ ...actor, sessionId });
const get = (path: string, init: RequestInit = {}) => new Request(`http://127.0.0.1${path}`, init);

/** Starts a download and reads its first chunk, as a browser does before the user sees the file: the export is now running. */
async function startDownload(route: Get, actor: Actor, path = "/renewals/export") {
  currentActor = actor;
  const abort = new AbortController();
  const res = await route(get(path, { signal: abort.signal }));
  expect(res.status, await peekError(res)).toBe(200);
  const reader = res.body!.getReader();
  const first = await reader.read();
  expect(first.done).toBe(false);
  return { reader, abort };
}

/** Reads what is left; rejects if the stream errors (a chunk already queued may come first). */
async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<"ended"> {
  for (;;) if ((await reader.read()).done) return "ended";
}

async function peekError(res: Response): Promise<string> {
  return res.status === 200 ? "" : res.clone().text();
}

beforeAll(async () => {
  db = await startDemoDatabase();
  const { prisma } = await import("@/lib/db");
  const user = async (role: "ACCOUNT_MANAGER" | "ADMIN") => {
    const u = await prisma.user.findFirstOrThrow({ where: { role, disabled: false } });
    return { id: u.id, email: u.email, name: u.name, role: u.role } satisfies Actor;
  };
  // More rows than one batch (1,000) in each export, so that an export whose first chunk was read is still running.
  const { scaleWorld } = await import("@/tools/demo/scale-world");
  const { anchorDay } = await import("@/tools/demo-world/demo-data");
  await scaleWorld({ databaseUrl: db.url, options: { licenses: 4000, expiryFromDays: -20, expiryToDays: 80 }, anchor: anchorDay(new Date()) });
  await prisma.$executeRawUnsafe(`ANALYZE`);
  await prisma.$executeRaw`INSERT INTO "AuditEntry" ("actorLabel", action, outcome) SELECT 'Bulk', 'test.bulk', 'OK' FROM generate_series(1, 3000)`;
  manager = await user("ACCOUNT_MANAGER");
  admin = await user("ADMIN");
  renewalsExport = (await import("@/app/(app)/renewals/export/route")).GET;
  auditExport = (await import("@/app/(app)/settings/audit/export/route")).GET;
}, 180_000);

afterAll(async () => {
  await db?.stop();
});

describe("export limits", () => {
  it("a second export from the same session, while the first runs, is refused with 'an export is already running'", async () => {
    const first = await startDownload(renewalsExport, asSession(manager, "session-a"));

    currentActor = asSession(manager, "session-a");
    const second = await renewalsExport(get("/renewals/export?bucket=expired"));
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await second.text()).toBe("An export is already running for your session. Wait until its download has finished, then export again.");

    // A browser following the Export link goes back to the list it was on, which shows the sentence.
    const navigated = await renewalsExport(get("/renewals/export?bucket=expired&sort=domainName", { headers: { "sec-fetch-mode": "navigate" } }));
    expect(navigated.status).toBe(303);
    expect(navigated.headers.get("location")).toBe("/renewals?bucket=expired&sort=domainName&exportRefused=session");

    // The same person in another session (another browser) is not refused by this one.
    const other = await startDownload(renewalsExport, asSession(manager, "session-b"));
    await other.reader.cancel();

    // Read to the end, the first export gives its slot back: the session may export again.
    expect(await readToEnd(first.reader)).toBe("ended");
    const again = await startDownload(renewalsExport, asSession(manager, "session-a"));
    await again.reader.cancel();
  });

  it(`at most EXPORT_MAX_CONCURRENT (${MAX}) exports across the server; the next session is told the server is busy`, async () => {
    const running = [await startDownload(renewalsExport, asSession(manager, "cap-1")), await startDownload(renewalsExport, asSession(manager, "cap-2"))];
    currentActor = asSession(manager, "cap-3");
    const refused = await renewalsExport(get("/renewals/export"));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused.text()).toBe("The server is already running as many exports as it allows. Try again in a minute.");
    // The audit log's export shares the same slots.
    currentActor = asSession(admin, "cap-admin");
    expect((await auditExport(get("/settings/audit/export"))).status).toBe(503);

    // A client that goes away (the request's signal aborts) gives its slot back.
    running[0]!.abort.abort();
    await expect(readToEnd(running[0]!.reader)).rejects.toThrow();
    const next = await startDownload(renewalsExport, asSession(manager, "cap-3"));
    await Promise.all([next.reader.cancel(), running[1]!.reader.cancel()]);
  });

  it("the limit lives in PostgreSQL: slots held by another app instance's connection count against this one", async () => {
    const { slotKey } = await import("@/lib/exports/export-slots");
    const otherInstance = new pg.Client({ connectionString: db.url });
    otherInstance.on("error", () => {});
    await otherInstance.connect();
    try {
      for (let slot = 0; slot < MAX; slot++) await otherInstance.query("SELECT pg_advisory_lock($1::bigint)", [slotKey(slot)]);
      currentActor = asSession(manager, "fleet-1");
      expect((await renewalsExport(get("/renewals/export"))).status).toBe(503);
      await otherInstance.query("SELECT pg_advisory_unlock($1::bigint)", [slotKey(0)]);
      const granted = await startDownload(renewalsExport, asSession(manager, "fleet-1"));
      await granted.reader.cancel();
    } finally {
      await otherInstance.end();
    }
  });

  it("the audit export has the one-per-session limit too", async () => {
    const first = await startDownload(auditExport, asSession(admin, "audit-a"), "/settings/audit/export");
    currentActor = asSession(admin, "audit-a");
    const second = await auditExport(get("/settings/audit/export"));
    expect(second.status).toBe(429);
    expect(await second.text()).toContain("An export is already running for your session");
    const navigated = await auditExport(get("/settings/audit/export?outcome=FORBIDDEN", { headers: { "sec-fetch-mode": "navigate" } }));
    expect(navigated.headers.get("location")).toBe("/settings/audit?outcome=FORBIDDEN&exportRefused=session");
    await first.reader.cancel();
  });
});
