/**
 * lib/clock/sandbox-clock.ts: the app follows the sandbox's clock, reading it at most once a second
 * (concurrent requests share one read), frozen as its instant, ticking as an offset; a sandbox that
 * cannot be read leaves the last reading in use until the next try.
 */
import { describe, expect, it } from "vitest";
import { SandboxClock } from "@/lib/clock/sandbox-clock";

const SANDBOX_NOW = Date.parse("2031-03-01T12:00:00.000Z");

function harness(answer: () => { now: number; frozen: boolean } | "down") {
  let machine = Date.parse("2026-12-07T10:00:00.000Z");
  let reads = 0;
  const fetchFake = (async () => {
    reads++;
    const a = answer();
    if (a === "down") throw new Error("connect ECONNREFUSED");
    return new Response(JSON.stringify({ ok: true, clock: { now: new Date(a.now).toISOString(), frozen: a.frozen, realTime: false } }), { status: 200 });
  }) as typeof fetch;
  const warnings: string[] = [];
  const clock = new SandboxClock({ healthUrl: "http://sandbox.test/health", machineMs: () => machine, fetch: fetchFake, warn: (m) => warnings.push(m) });
  return { clock, reads: () => reads, advance: (ms: number) => (machine += ms), warnings };
}

describe("SandboxClock", () => {
  it("a frozen sandbox clock is its instant, whatever this machine's clock does", async () => {
    const h = harness(() => ({ now: SANDBOX_NOW, frozen: true }));
    const now = await h.clock.clock();
    h.advance(500);
    expect(now().toISOString()).toBe("2031-03-01T12:00:00.000Z");
  });

  it("a ticking sandbox clock is followed as an offset from this machine's clock", async () => {
    const h = harness(() => ({ now: SANDBOX_NOW, frozen: false }));
    const now = await h.clock.clock();
    h.advance(400);
    expect(now().getTime()).toBe(SANDBOX_NOW + 400);
  });

  it("reads the sandbox at most once a second; concurrent requests share one read", async () => {
    let sandboxNow = SANDBOX_NOW;
    const h = harness(() => ({ now: sandboxNow, frozen: true }));
    await Promise.all([h.clock.now(), h.clock.now(), h.clock.now()]);
    expect(h.reads()).toBe(1);
    sandboxNow += 15 * 86_400_000; // someone moves the sandbox's clock
    h.advance(999);
    expect((await h.clock.now()).getTime()).toBe(SANDBOX_NOW);
    expect(h.reads()).toBe(1);
    h.advance(1);
    expect((await h.clock.now()).getTime()).toBe(sandboxNow);
    expect(h.reads()).toBe(2);
  });

  it("a sandbox that cannot be read: the last reading stays in use, tried again a second later", async () => {
    let down = false;
    const h = harness(() => (down ? "down" : { now: SANDBOX_NOW, frozen: true }));
    await h.clock.now();
    down = true;
    h.advance(1_000);
    expect((await h.clock.now()).getTime()).toBe(SANDBOX_NOW);
    expect(h.warnings).toHaveLength(1);
    expect(await h.clock.now()).toEqual(new Date(SANDBOX_NOW));
    expect(h.reads()).toBe(2);
  });
});
