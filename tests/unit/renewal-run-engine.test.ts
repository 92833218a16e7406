import { describe, expect, it, vi } from "vitest";
import { backoffDelay, decide } from "@/lib/licenses/bulk-renewal/run-engine";
import { MAX_RUN_LICENSES, parseRunSelection, selectionQuery } from "@/lib/licenses/bulk-renewal/run-selection";
import { limitSectigoCalls } from "@/lib/licenses/bulk-renewal/renewal-deps";
import { createLimiter } from "@/lib/licenses/bulk-renewal/limiter";
import { createSectigoClient } from "@/lib/sectigo/client";
import { readFileSync } from "node:fs";
import path from "node:path";

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
    // Issue 16 #7: another order changed the license between the item's read and its claim: nothing was sent.
    expect(decide({ ok: false, code: "CHANGED", message: "Another order on this license renewed it." }, 1, {})).toMatchObject({ kind: "settle", status: "REFUSED", orderId: null });
    expect(decide({ ok: false, code: "FAILED", message: "Sectigo refused.", orderId: "o4" }, 1, {})).toMatchObject({ kind: "settle", status: "FAILED", orderId: "o4" });
    expect(decide({ ok: false, code: "INTERNAL", message: "boom" }, 1, {})).toMatchObject({ kind: "retry" });
    expect(decide({ ok: false, code: "INTERNAL", message: "boom" }, 3, {})).toMatchObject({ kind: "settle", status: "FAILED" });
  });
});

describe("the run's selection from the query string", () => {
  it("license=<id> repeated: the ids, trimmed and once each", () => {
    expect(parseRunSelection({ license: ["a1", " b2 ", "a1"] })).toEqual({ ok: true, selection: { kind: "selection", licenseIds: ["a1", "b2"] } });
    expect(parseRunSelection({ license: "only" })).toEqual({ ok: true, selection: { kind: "selection", licenseIds: ["only"] } });
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
    [{}, /No licenses were chosen/],
    [{ all: "yes" }, /must be 1/],
    [{ all: "1", license: "a" }, /not both/],
    [{ license: "a;drop table" }, /is not a license id/],
    [{ license: Array.from({ length: MAX_RUN_LICENSES + 1 }, (_, i) => `l${i}`) }, /at most 5,000 licenses; 5,001 were chosen/],
  ])("%j is refused with a sentence", (query, message) => {
    const r = parseRunSelection(query as Record<string, string | string[]>);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("a selection survives the round trip through the start form's query string", () => {
    const r = parseRunSelection({ license: ["a1", "b2"] });
    if (!r.ok) throw new Error(r.message);
    expect(parseRunSelection(Object.fromEntries([["license", new URLSearchParams(selectionQuery(r.selection)).getAll("license")]]))).toEqual(r);
  });
});

describe("the call limit of a process", () => {
  const placedBody = readFileSync(path.resolve(import.meta.dirname, "../fixtures/sectigo/responses/auto-apply-order.success.format0.txt"), "utf8");
  const renewal = (i: number) => ({ kind: "renewal" as const, previousOrderNumber: String(1000 + i), productCodes: [1059] as [number, ...number[]], days: 365 as const, domainName: `d${i}.example`, contactEmail: "a@b.example", autoRenew: false });

  /** A client on the process's limiter whose HTTP exchanges wait for the test to answer them (or for their abort). */
  function clientOnLimiter(limiter: ReturnType<typeof createLimiter>, timeoutMs = 30_000) {
    const state = { inFlight: 0, most: 0, acquired: 0, recordedWhileHeld: 0 };
    const pending: Array<() => void> = [];
    const fetchImpl = (async (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        state.inFlight++;
        state.most = Math.max(state.most, state.inFlight);
        const answer = () => {
          state.inFlight--;
          resolve(new Response(placedBody));
        };
        pending.push(answer);
        init?.signal?.addEventListener("abort", () => {
          pending.splice(pending.indexOf(answer), 1);
          state.inFlight--;
          reject(new DOMException("This operation was aborted", "AbortError"));
        });
      })) as unknown as typeof fetch;
    let held = 0;
    const counting = {
      acquire: async () => {
        const release = await limiter.acquire();
        state.acquired++;
        held++;
        return () => {
          held--;
          release();
        };
      },
    };
    const deps = {
      db: {} as never,
      sectigo: async (_account: string, link: { callSlot?: unknown }) =>
        createSectigoClient({
          baseUrl: "https://sectigo.test/products/", mode: "LIVE", loginName: "orderdesk", loginPassword: "pw", fetch: fetchImpl, timeoutMs,
          ...(link.callSlot === limiter ? { callSlot: counting } : {}),
          recorder: () => {
            if (held > 0 && state.inFlight === 0) state.recordedWhileHeld++;
          },
        }),
    };
    return { state, pending, limited: limitSectigoCalls(deps as never, limiter) };
  }

  it("holds a slot only for each HTTP exchange: never more than C calls in flight, however many renewals", async () => {
    const { state, pending, limited } = clientOnLimiter(createLimiter(3));
    const results = Array.from({ length: 10 }, async (_, i) => (await limited.sectigo("acct", { actorId: null })).autoApplyOrder(renewal(i)));
    await until(() => pending.length === 3);
    expect(state.inFlight).toBe(3);
    for (let answered = 0; answered < 10; answered++) {
      await until(() => pending.length > 0);
      expect(state.inFlight).toBeLessThanOrEqual(3);
      pending.shift()!();
    }
    const answers = await Promise.all(results);
    expect(answers.filter((r) => r.ok)).toHaveLength(10);
    expect(state.most).toBe(3);
    expect(state.acquired).toBe(10);
  });

  it("waiting for a slot is not part of a call's time budget: a call queued behind a slow one is not timed out unsent", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { pending, limited } = clientOnLimiter(createLimiter(1), 200);
      const call = async (i: number) => (await limited.sectigo("acct", { actorId: null })).autoApplyOrder(renewal(i));
      const first = call(1);
      await until(() => pending.length === 1);
      const second = call(2);
      // 1 s passes: the first exchange runs out of its 200 ms; the second has waited for the slot all along.
      vi.advanceTimersByTime(1_000);
      const a = await first;
      expect(!a.ok && a.error.kind).toBe("timeout");
      await until(() => pending.length === 1);
      pending.shift()!();
      const b = await second;
      expect(b.ok).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** Waits (microtask turns, with a bound) until the condition holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((r) => setImmediate(r));
  expect(done()).toBe(true);
}
