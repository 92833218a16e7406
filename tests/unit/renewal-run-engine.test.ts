import { describe, expect, it } from "vitest";
import { backoffDelay, decide } from "@/lib/renewals/run-engine";
import { MAX_RUN_LICENCES, parseRunSelection, selectionQuery } from "@/lib/renewals/run-selection";
import { limitSectigoCalls } from "@/lib/renewals/renewal-deps";
import { createLimiter } from "@/lib/renewals/limiter";

const BUCKET = "0-7";

describe("the -42 back-off", () => {
  it("doubles from the base with equal jitter: half fixed, half random", () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 1_000, 60_000, low))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, 1_000, 60_000, high))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelay(3, 1_000, 60_000, () => 0.5)).toBe(3_000);
  });

  it("never waits longer than the cap, however many attempts", () => {
    expect(backoffDelay(30, 1_000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(30, 1_000, 60_000, () => 0)).toBe(30_000);
    expect(backoffDelay(0, 1_000, 60_000, () => 1)).toBe(1_000);
  });

  it("a call limit puts the item back to wait; after maxRateLimited attempts it fails with a sentence", () => {
    const limited = { ok: false as const, code: "RATE_LIMITED", message: "Call limit reached." };
    const v = decide(limited, 2, { backoffMs: 100, maxBackoffMs: 10_000, maxRateLimited: 5 });
    expect(v.kind).toBe("retry");
    if (v.kind === "retry") {
      expect(v.delayMs).toBeGreaterThanOrEqual(100);
      expect(v.delayMs).toBeLessThanOrEqual(200);
      expect(v.reason).toMatch(/-42/);
    }
    expect(decide(limited, 5, { backoffMs: 100, maxRateLimited: 5 })).toMatchObject({ kind: "settle", status: "FAILED", orderId: null, message: expect.stringMatching(/-42/) });
  });

  it("reads the renewal's answers: refusals are REFUSED, a lost answer UNKNOWN (never retried), a Sectigo refusal FAILED", () => {
    expect(decide({ ok: true, orderId: "o1", status: "PLACED" }, 1, {})).toMatchObject({ kind: "settle", status: "PLACED", orderId: "o1" });
    expect(decide({ ok: true, orderId: "o2", status: "UNKNOWN" }, 1, {})).toMatchObject({ kind: "settle", status: "UNKNOWN", orderId: "o2" });
    expect(decide({ ok: true, orderId: "o3", status: "SUBMITTING" }, 1, {})).toMatchObject({ kind: "settle", status: "UNKNOWN" });
    expect(decide({ ok: false, code: "AUTO_RENEW_ON", message: "Auto-renew is on." }, 1, {})).toMatchObject({ kind: "settle", status: "REFUSED", message: "Auto-renew is on." });
    expect(decide({ ok: false, code: "FAILED", message: "Sectigo refused.", orderId: "o4" }, 1, {})).toMatchObject({ kind: "settle", status: "FAILED", orderId: "o4" });
    expect(decide({ ok: false, code: "INTERNAL", message: "boom" }, 1, {})).toMatchObject({ kind: "retry" });
    expect(decide({ ok: false, code: "INTERNAL", message: "boom" }, 3, {})).toMatchObject({ kind: "settle", status: "FAILED" });
  });
});

describe("the run's selection from the query string", () => {
  it("licence=<id> repeated: the ids, trimmed and once each", () => {
    expect(parseRunSelection({ licence: ["a1", " b2 ", "a1"] })).toEqual({ ok: true, selection: { kind: "selection", licenceIds: ["a1", "b2"] } });
    expect(parseRunSelection({ licence: "only" })).toEqual({ ok: true, selection: { kind: "selection", licenceIds: ["only"] } });
  });

  it("all=1 with the filter's parameters; a bad filter value falls back instead of failing", () => {
    const r = parseRunSelection({ all: "1", bucket: BUCKET, autoRenew: "nonsense" });
    expect(r.ok).toBe(true);
    if (r.ok && r.selection.kind === "filter") {
      expect(r.selection.filter.bucket).toBe(BUCKET);
      expect(r.selection.filter.autoRenew).not.toBe("nonsense");
    } else throw new Error("expected a filter selection");
  });

  it.each([
    [{}, /No licences were chosen/],
    [{ all: "yes" }, /must be 1/],
    [{ all: "1", licence: "a" }, /not both/],
    [{ licence: "a;drop table" }, /is not a licence id/],
    [{ licence: Array.from({ length: MAX_RUN_LICENCES + 1 }, (_, i) => `l${i}`) }, /at most 5,000 licences; 5,001 were chosen/],
  ])("%j is refused with a sentence", (query, message) => {
    const r = parseRunSelection(query as Record<string, string | string[]>);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("a selection survives the round trip through the start form's query string", () => {
    const r = parseRunSelection({ licence: ["a1", "b2"] });
    if (!r.ok) throw new Error(r.message);
    expect(parseRunSelection(Object.fromEntries([["licence", new URLSearchParams(selectionQuery(r.selection)).getAll("licence")]]))).toEqual(r);
  });
});

describe("the call limit of a process", () => {
  it("holds a slot only around each Sectigo call: never more than C calls in flight, however many renewals", async () => {
    let inFlight = 0;
    let most = 0;
    const opened: Array<() => void> = [];
    const client = {
      baseUrl: "not a function",
      autoApplyOrder: () =>
        new Promise<string>((resolve) => {
          inFlight++;
          most = Math.max(most, inFlight);
          opened.push(() => (inFlight--, resolve("placed")));
        }),
    };
    const deps = { db: {} as never, sectigo: async () => client as never };
    const limited = limitSectigoCalls(deps, createLimiter(3));
    const results = Array.from({ length: 10 }, async () => ((await limited.sectigo("acct", { actorId: null })) as unknown as typeof client).autoApplyOrder());
    // Let every renewal reach its call; only 3 get through.
    await until(() => opened.length === 3);
    expect(inFlight).toBe(3);
    while (opened.length > 0) {
      opened.shift()!();
      await until(() => opened.length > 0 || inFlight === 0);
    }
    expect(await Promise.all(results)).toEqual(Array(10).fill("placed"));
    expect(most).toBe(3);
    expect(((await limited.sectigo("acct", { actorId: null })) as unknown as typeof client).baseUrl).toBe("not a function");
  });
});

/** Waits (microtask turns, with a bound) until the condition holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((r) => setImmediate(r));
  expect(done()).toBe(true);
}
