/**
 * /api/lookup's caller (issue 19 item 4): the session check and the session's lookup token in ONE
 * statement (lib/http/session-rate-limit.ts takeTokenForLiveSession, lib/lookup/lookup-caller.ts)
 * instead of next-auth's getServerSession (cookie decrypted, session and user read: two
 * statements, a refreshed cookie encrypted) plus the bucket's own statement. The check must give
 * the same answers as lib/auth/sessions.ts userOfSession for every state a session can be in.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { encode } from "next-auth/jwt";
import type { Role } from "@/lib/auth/roles";
import { startDemoDatabase } from "./test-database";

type Db = Awaited<ReturnType<typeof startDemoDatabase>>;
let db: Db;
type Prisma = (typeof import("@/lib/db"))["prisma"];
let prisma: Prisma;
let support: { id: string; email: string; name: string; role: Role };
let seq = 0;
const NOW = new Date("2031-05-01T10:00:00Z");

async function session(data: { userId?: string; expiresAt?: Date; revokedAt?: Date | null; lastSeenAt?: Date } = {}): Promise<string> {
  const id = `caller-session-${++seq}`;
  await prisma.session.create({
    data: {
      id,
      userId: data.userId ?? support.id,
      createdAt: new Date(NOW.getTime() - 60_000),
      lastSeenAt: data.lastSeenAt ?? new Date(NOW.getTime() - 60_000),
      expiresAt: data.expiresAt ?? new Date(NOW.getTime() + 3_600_000),
      revokedAt: data.revokedAt ?? null,
      clientAddress: "203.0.113.9",
      userAgent: "test",
    },
  });
  return id;
}

async function cookieFor(sid: string, sub = support.id): Promise<string> {
  const jwt = await encode({ token: { sub, sid, role: support.role, email: support.email, name: support.name }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${jwt}`;
}

beforeAll(async () => {
  db = await startDemoDatabase();
  ({ prisma } = await import("@/lib/db"));
  const u = await prisma.user.findFirstOrThrow({ where: { role: "SUPPORT", disabled: false } });
  support = { id: u.id, email: u.email, name: u.name, role: u.role };
}, 180_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await db?.stop();
});

describe("the lookup's session check and token, in one statement", () => {
  it("answers as userOfSession does: live, revoked, expired, another user's, a disabled user's; touches lastSeenAt as it does", async () => {
    const { userOfSession } = await import("@/lib/auth/sessions");
    const { takeTokenForLiveSession, LOOKUP_RATE_LIMIT } = await import("@/lib/http/session-rate-limit");
    const other = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    const disabled = await prisma.user.create({ data: { id: "caller-disabled", email: "caller-disabled@example.test", name: "Off", role: "SUPPORT", passwordHash: "x", disabled: true } });
    const cases: Array<[string, string, string]> = [
      ["live", await session(), support.id],
      ["revoked", await session({ revokedAt: new Date(NOW.getTime() - 1000) }), support.id],
      ["expired", await session({ expiresAt: NOW }), support.id],
      ["another user's", await session({ userId: other.id }), support.id],
      ["a disabled user's", await session({ userId: disabled.id }), disabled.id],
      ["unknown", "no-such-session", support.id],
    ];
    for (const [what, sid, uid] of cases) {
      const expected = await userOfSession(sid, uid, NOW);
      const got = await takeTokenForLiveSession(sid, uid, LOOKUP_RATE_LIMIT, NOW);
      expect(got?.user ?? null, what).toEqual(expected);
      // A dead session never gets a bucket.
      if (!expected) expect(await prisma.sessionRateLimit.count({ where: { sessionId: sid } }), what).toBe(0);
    }
    // Seen 6 minutes ago: both write lastSeenAt (at most every 5 minutes).
    for (const check of ["userOfSession", "takeTokenForLiveSession"] as const) {
      const sid = await session({ lastSeenAt: new Date(NOW.getTime() - 6 * 60_000) });
      if (check === "userOfSession") await userOfSession(sid, support.id, NOW);
      else await takeTokenForLiveSession(sid, support.id, LOOKUP_RATE_LIMIT, NOW);
      expect((await prisma.session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt.toISOString(), check).toBe(NOW.toISOString());
    }
  });

  it("takes the session's tokens: 40 at once, then refused with the wait; in one statement each", async () => {
    const { takeTokenForLiveSession, LOOKUP_RATE_LIMIT } = await import("@/lib/http/session-rate-limit");
    const sid = await session();
    const sent = vi.spyOn(pg.Client.prototype, "query");
    sent.mockClear();
    const decisions = [];
    for (let i = 0; i < 41; i++) decisions.push((await takeTokenForLiveSession(sid, support.id, LOOKUP_RATE_LIMIT, NOW))!.decision);
    expect(sent.mock.calls.length).toBe(41);
    expect(decisions.slice(0, 40).every((d) => d.allowed)).toBe(true);
    expect(decisions[40]).toEqual({ allowed: false, retryAfterSeconds: 1 });
    sent.mockRestore();
  });
});

describe("GET /api/lookup with a session cookie", () => {
  it("an order number: 200 with the order, in three statements (session and token, the finds, the summaries), the first and last prepared", async () => {
    const { GET } = await import("@/app/api/lookup/route");
    const cookie = await cookieFor(await session({ expiresAt: new Date(Date.now() + 3_600_000) }));
    await (await GET(new Request("http://127.0.0.1/api/lookup?q=warm-up", { headers: { cookie } }))).body?.cancel();
    const sent = vi.spyOn(pg.Client.prototype, "query");
    sent.mockClear();
    const res = await GET(new Request("http://127.0.0.1/api/lookup?q=9100002", { headers: { cookie } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { exact: { kind: string } | null } };
    expect(body.result.exact?.kind).toBe("order");
    expect(sent.mock.calls.length).toBe(3);
    // The session check and the summaries are prepared (lib/db.ts PREPARED: their plans do not
    // depend on the values); the finds, whose best plan does (LIKE patterns), are planned each time.
    const named = sent.mock.calls.map((call) => Boolean((call[0] as unknown as { name?: string }).name));
    expect(named).toEqual([true, false, true]);
    sent.mockRestore();
  });

  it("401 without a cookie, with a cookie not sealed by our secret, for a revoked session, for a session of another user than the cookie says", async () => {
    const { GET } = await import("@/app/api/lookup/route");
    const get = (cookie?: string) => GET(new Request("http://127.0.0.1/api/lookup?q=9100002", { headers: cookie ? { cookie } : {} }));
    expect((await get()).status).toBe(401);
    const live = await session({ expiresAt: new Date(Date.now() + 3_600_000) });
    const forged = await encode({ token: { sub: support.id, sid: live }, secret: "not-the-secret-not-the-secret-not-the-secret" });
    expect((await get(`next-auth.session-token=${forged}`)).status).toBe(401);
    const revoked = await session({ expiresAt: new Date(Date.now() + 3_600_000), revokedAt: new Date() });
    expect((await get(await cookieFor(revoked))).status).toBe(401);
    expect((await get(await cookieFor(live, "demo-user-admin"))).status).toBe(401);
    const ok = await get(await cookieFor(live));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
  });
});
