/**
 * Issue 16, item 9: `/api/lookup` took any rate (~290 answers a second from one script). Each
 * session now has a token bucket in PostgreSQL (LOOKUP_RATE_LIMIT: 40 at once, then 3 a second):
 * a person typing passes, a script is held, and the refusal is a 429 with Retry-After and a
 * sentence the search box shows. The paces below are modelled from the box itself (it sends a
 * request only after a 150 ms pause in typing), driven by the limiter's clock parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { startDemoDatabase } from "./test-database";
import type { Actor } from "@/lib/auth/session";

type Db = Awaited<ReturnType<typeof startDemoDatabase>>;
let db: Db;
type Prisma = (typeof import("@/lib/db"))["prisma"];
let prisma: Prisma;
let support: Actor;
let sessionSeq = 0;

/** A real Session row (the bucket belongs to it). */
async function newSession(): Promise<string> {
  const id = `rate-limit-session-${++sessionSeq}`;
  await prisma.session.create({ data: { id, userId: support.id, expiresAt: new Date(Date.now() + 3_600_000), clientAddress: "203.0.113.7", userAgent: "test" } });
  return id;
}

beforeAll(async () => {
  db = await startDemoDatabase();
  ({ prisma } = await import("@/lib/db"));
  const u = await prisma.user.findFirstOrThrow({ where: { role: "SUPPORT", disabled: false } });
  support = { id: u.id, email: u.email, name: u.name, role: u.role };
}, 180_000);

afterAll(async () => {
  await db?.stop();
});

describe("lookup rate limit (per session)", () => {
  it("a person typing passes: six searches in a minute, each typed at the box's fastest pace", async () => {
    const { limitLookups } = await import("@/lib/lookup/limit-lookups");
    const actor = { ...support, sessionId: await newSession() };
    const start = Date.parse("2031-03-01T09:00:00Z");
    let t = start;
    let sent = 0;
    const queries = ["bluebird-bakery.example", "it@acme-hosting.example", "9100002", "cobalt consulting", "shop.cobalt-consulting.example", "acme"];
    for (const q of queries) {
      // A request per keystroke, 160 ms apart (just past the box's 150 ms debounce): the worst a person does.
      for (let i = 2; i <= q.length; i++) {
        await limitLookups(actor, new Date(t));
        sent++;
        t += 160;
      }
      t += 5_000; // reads the results
    }
    expect(sent).toBe(98);
    expect(t - start).toBeLessThan(60_000);
    // And one long text typed in one go (60 characters) right after: still through.
    for (let i = 0; i < 60; i++, t += 160) await limitLookups(actor, new Date(t));
  });

  it("a script is held: 40 at once, then 3 a second, each refusal saying when to retry", async () => {
    const { limitLookups, LookupRateLimitedError } = await import("@/lib/lookup/limit-lookups");
    const actor = { ...support, sessionId: await newSession() };
    const t0 = Date.parse("2031-03-01T10:00:00Z");
    const attempt = (at: number) =>
      limitLookups(actor, new Date(at)).then(
        () => "ok" as const,
        (error: unknown) => {
          if (error instanceof LookupRateLimitedError) return error;
          throw error;
        },
      );
    const burst = [];
    for (let i = 0; i < 200; i++) burst.push(await attempt(t0));
    expect(burst.filter((r) => r === "ok")).toHaveLength(40);
    const refusal = burst.at(-1);
    expect(refusal).toBeInstanceOf(LookupRateLimitedError);
    expect((refusal as InstanceType<typeof LookupRateLimitedError>).retryAfterSeconds).toBe(1);
    expect((refusal as Error).message).toBe("Too many searches in a short time. Wait 1 s, then search again.");
    // Then 10 requests a second for 30 seconds: 3 a second get through.
    let ok = 0;
    for (let i = 1; i <= 300; i++) if ((await attempt(t0 + i * 100)) === "ok") ok++;
    expect(ok).toBeGreaterThanOrEqual(89);
    expect(ok).toBeLessThanOrEqual(90);
  });

  it("parallel requests of one session cannot overdraw the bucket (one atomic upsert per request)", async () => {
    const { takeToken, LOOKUP_RATE_LIMIT } = await import("@/lib/http/session-rate-limit");
    const sessionId = await newSession();
    const at = new Date("2031-03-01T11:00:00Z");
    const decisions = await Promise.all(Array.from({ length: 80 }, () => takeToken(sessionId, LOOKUP_RATE_LIMIT, at)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(LOOKUP_RATE_LIMIT.burst);
  });

  it("GET /api/lookup past the limit: 429, Retry-After and a JSON sentence; another session is not affected; the bucket goes with its session", async () => {
    const { GET } = await import("@/app/api/lookup/route");
    const scripted = await newSession();
    // The session cookie next-auth sets at sign-in: the route reads it itself (lib/lookup/lookup-caller.ts).
    const cookieFor = async (sid: string) =>
      `next-auth.session-token=${await encode({ token: { sub: support.id, sid, role: support.role }, secret: process.env.NEXTAUTH_SECRET! })}`;
    const cookie = await cookieFor(scripted);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 80; i++) {
      const res = await GET(new Request(`http://127.0.0.1/api/lookup?q=${encodeURIComponent(`bluebird ${i}`)}`, { headers: { cookie } }));
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
      else await res.body?.cancel();
    }
    // The first 40 are the bucket; a few more may pass as it refills while these run.
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(20);
    expect(refused!.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    const body = (await refused!.json()) as { error: string; retryAfterSeconds: number };
    expect(body.error).toMatch(/^Too many searches in a short time\. Wait \d+ s, then search again\.$/);
    expect(body.retryAfterSeconds).toBe(Number(refused!.headers.get("retry-after")));

    const another = await cookieFor(await newSession());
    expect((await GET(new Request("http://127.0.0.1/api/lookup?q=bluebird", { headers: { cookie: another } }))).status).toBe(200);

    await prisma.session.delete({ where: { id: scripted } });
    expect(await prisma.sessionRateLimit.count({ where: { sessionId: scripted } })).toBe(0);
  });
});
