/**
 * Issue 16, item 9: a CSV export reads the database only as fast as its client reads the file, and
 * stops (and gives its export slot back) when the client goes away, stalls, or a batch fails.
 * The batch source here counts what the stream asked of it, so "the stream stopped querying" is
 * observed, not assumed. Synchronisation is by event-loop turns (the stream's pulls are promise
 * callbacks), and by fake timers for the stall clock; no sleeps.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { exportStream, ExportStalledError, ExportTooLongError } from "@/lib/exports/export-stream";
import { BatchTurns, EXPORT_BATCH_TURNS } from "@/lib/exports/batch-turns";

/** A source of `total` chunks (one per batch) that records how many it produced and whether it was ended. */
function source(total: number, failAt?: number) {
  const seen = { batches: 0, ended: false };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for (let b = 0; b < total; b++) {
        if (b === failAt) throw new Error("the database went away");
        seen.batches++;
        yield Buffer.from(`${b}-0,row ${b}-0\n${b}-1,row ${b}-1\n`);
      }
    } finally {
      seen.ended = true;
    }
  }
  return { seen, chunks: chunks() };
}

const stream = (opts: { batches: AsyncIterator<Uint8Array>; onClose: () => Promise<void>; signal?: AbortSignal; stallMs?: number; maxMs?: number }) =>
  exportStream({ chunks: opts.batches, onClose: opts.onClose, signal: opts.signal, stallMs: opts.stallMs, maxMs: opts.maxMs, turns: new BatchTurns(2) });

/** Lets every promise callback and I/O turn that is ready run (the stream's pulls). */
async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

const text = (chunk: Uint8Array | undefined) => new TextDecoder().decode(chunk);

afterEach(() => {
  vi.useRealTimers();
});

/** Batches that take `ms` of (fake) time, and when each started. */
function timedBatches() {
  const startedAt: number[] = [];
  const batch = (ms: number) => () => {
    startedAt.push(Date.now());
    return new Promise<void>((resolve) => setTimeout(resolve, ms));
  };
  return { startedAt, batch };
}

describe("csvExportStream", () => {
  it("pulls one batch per read: a reader that stops reading stops the queries (back-pressure)", async () => {
    const { seen, chunks: batches } = source(10_000);
    const onClose = vi.fn(async () => {});
    const reader = stream({ batches, onClose }).getReader();
    const first = await reader.read();
    expect(text(first.value)).toBe("0-0,row 0-0\n0-1,row 0-1\n");
    await settle();
    // The chunk read, plus one waiting in the queue: never the 10,000 batches of the export.
    expect(seen.batches).toBe(2);
    expect(text((await reader.read()).value)).toBe("1-0,row 1-0\n1-1,row 1-1\n");
    await settle();
    expect(seen.batches).toBe(3);
    expect(onClose).not.toHaveBeenCalled();
    await reader.cancel();
  });

  it("reads to the end: every chunk in order, then the slot is given back once", async () => {
    const { seen, chunks: batches } = source(3);
    const onClose = vi.fn(async () => {});
    const csv = await new Response(stream({ batches, onClose })).text();
    expect(csv).toBe("0-0,row 0-0\n0-1,row 0-1\n1-0,row 1-0\n1-1,row 1-1\n2-0,row 2-0\n2-1,row 2-1\n");
    expect(seen.ended).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("an empty source ends the stream at once", async () => {
    const { chunks: batches } = source(0);
    expect(await new Response(stream({ batches, onClose: async () => {} })).text()).toBe("");
  });

  it("the reader cancels (the client disconnected): no further query, the source is ended, the slot given back", async () => {
    const { seen, chunks: batches } = source(10_000);
    const onClose = vi.fn(async () => {});
    const reader = stream({ batches, onClose }).getReader();
    await reader.read();
    await reader.cancel();
    const after = seen.batches;
    await settle();
    expect(seen.batches).toBe(after);
    expect(seen.ended).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("the request's signal aborts: the stream errors, the source is ended and the slot given back before the reader hears of it", async () => {
    const { seen, chunks: batches } = source(10_000);
    const abort = new AbortController();
    const onClose = vi.fn(async () => {});
    const reader = stream({ batches, onClose, signal: abort.signal }).getReader();
    await reader.read();
    await settle();
    abort.abort(new Error("client gone"));
    // A chunk may already be queued; past it, the reader sees the abort.
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return "ended normally";
      })(),
    ).rejects.toThrow("client gone");
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(seen.ended).toBe(true);
    expect(seen.batches).toBeLessThanOrEqual(3);
  });

  it("a failing batch errors the stream (a cut download, never a short file that looks complete) and gives the slot back", async () => {
    const { chunks: batches } = source(5, 2);
    const onClose = vi.fn(async () => {});
    await expect(new Response(stream({ batches, onClose })).text()).rejects.toThrow("the database went away");
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("a reader that takes nothing for stallMs loses the export (a client that never reads cannot hold a slot)", async () => {
    vi.useFakeTimers();
    const { seen, chunks: batches } = source(10_000);
    const onClose = vi.fn(async () => {});
    const reader = stream({ batches, onClose, stallMs: 60_000 }).getReader();
    await reader.read();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(onClose).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(seen.ended).toBe(true);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return "ended normally";
      })(),
    ).rejects.toBeInstanceOf(ExportStalledError);
  });

  it("a reader that takes a chunk now and then cannot hold the slot past maxMs", async () => {
    vi.useFakeTimers();
    const { seen, chunks: batches } = source(10_000);
    const onClose = vi.fn(async () => {});
    const reader = stream({ batches, onClose, stallMs: 60_000, maxMs: 300_000 }).getReader();
    for (let minute = 0; minute < 5; minute++) {
      await reader.read();
      await vi.advanceTimersByTimeAsync(59_000); // just inside the stall clock, every time
    }
    await reader.read();
    expect(onClose).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10_000); // 305 s in, 10 s after the last read
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(seen.ended).toBe(true);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return "ended normally";
      })(),
    ).rejects.toBeInstanceOf(ExportTooLongError);
  });

  it("exports take turns: at most `size` batches are read at once in the process, the others wait in line", async () => {
    const turns = new BatchTurns(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    const work = (n: number) => () =>
      new Promise<number>((resolve) => {
        running++;
        most = Math.max(most, running);
        order.push(n);
        gates.push(() => {
          running--;
          resolve(n);
        });
      });
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => turns.run(work(n))));
    await settle();
    expect(order).toEqual([1, 2]);
    while (gates.length) {
      gates.shift()!();
      await settle();
    }
    expect(await all).toEqual([1, 2, 3, 4, 5]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it("issue 19: a turn rests restRatio times as long as its batch took before the next batch starts", async () => {
    vi.useFakeTimers();
    const turns = new BatchTurns(1, { restRatio: 1 });
    const { startedAt, batch } = timedBatches();
    const t0 = Date.now();
    const first = turns.run(batch(100));
    const second = turns.run(batch(40));
    const third = turns.run(batch(10));
    await vi.advanceTimersByTimeAsync(100); // the first batch ends at 100 ms
    await first;
    expect(startedAt.map((t) => t - t0)).toEqual([0]); // resting: the second has not started
    await vi.advanceTimersByTimeAsync(99);
    expect(startedAt.map((t) => t - t0)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1); // 100 ms of work, 100 ms of rest
    expect(startedAt.map((t) => t - t0)).toEqual([0, 200]);
    await vi.advanceTimersByTimeAsync(40 + 40);
    await second;
    expect(startedAt.map((t) => t - t0)).toEqual([0, 200, 280]);
    await vi.advanceTimersByTimeAsync(20);
    await third;
  });

  it("the exports' turns rest twice as long as a batch took (a third of a PostgreSQL core; half a core left pages over 1.5x)", async () => {
    vi.useFakeTimers();
    const { startedAt, batch } = timedBatches();
    const t0 = Date.now();
    const first = EXPORT_BATCH_TURNS.run(batch(30));
    const second = EXPORT_BATCH_TURNS.run(batch(10));
    await vi.advanceTimersByTimeAsync(30);
    await first;
    await vi.advanceTimersByTimeAsync(59);
    expect(startedAt.map((t) => t - t0)).toEqual([0]); // 30 ms of work, then 60 of rest
    await vi.advanceTimersByTimeAsync(1);
    expect(startedAt.map((t) => t - t0)).toEqual([0, 90]);
    await vi.advanceTimersByTimeAsync(10 + 20);
    await second;
  });
});
