import { EXPORT_BATCH_TURNS, type BatchTurns } from "@/lib/exports/batch-turns";

/** A consumer that reads nothing for this long gives its export slot back (issue 16, item 9). */
export const EXPORT_STALL_MS = 60_000;
/**
 * No export holds its slot longer than this, however it reads: a client that takes one chunk a
 * minute would otherwise keep it for ever. The largest file (every license of the workspace at
 * 1,000,000 licenses, 52 MB) takes under 30 minutes at 256 kbit/s.
 */
export const EXPORT_MAX_MS = 60 * 60_000;

export class ExportTooLongError extends Error {
  constructor(ms: number) {
    super(`The export stopped: it ran for more than ${Math.round(ms / 60_000)} minutes.`);
    this.name = "ExportTooLongError";
  }
}

export class ExportStalledError extends Error {
  constructor(ms: number) {
    super(`The export stopped: its reader took nothing for ${Math.round(ms / 1000)} s.`);
    this.name = "ExportStalledError";
  }
}

/**
 * A download as a web stream that reads the database only as fast as the client reads the file
 * (back-pressure): each `pull` (the stream asking for more because its reader took a chunk) takes
 * ONE chunk (one batch of rows, already CSV bytes) from `chunks`, and the queue holds at most one
 * chunk ahead of the reader, so a slow client never makes the server buffer the export: memory
 * stays at about two batches per export whatever its size. Each batch is read in its turn
 * (`turns`: a few at once per process, lib/exports/batch-turns.ts).
 *
 * It ends, and calls `onClose` once (the caller releases its export slot there), on every path:
 * - the last chunk was sent;
 * - the reader cancels (Next.js cancels the body when the client disconnects) or `signal` aborts
 *   (the request's signal): no further batch is queried;
 * - a batch fails: the stream errors (the client sees a cut download, never a short "complete" file);
 * - the reader takes nothing for `stallMs` (a client that opens the download and never reads it
 *   would otherwise hold a slot for ever): the stream errors with ExportStalledError;
 * - it has run for `maxMs` (a reader that takes a chunk now and then): ExportTooLongError.
 */
export function exportStream(opts: {
  chunks: AsyncIterator<Uint8Array>;
  signal?: AbortSignal;
  stallMs?: number;
  maxMs?: number;
  turns?: BatchTurns;
  onClose: () => Promise<void>;
}): ReadableStream<Uint8Array> {
  const { chunks, signal } = opts;
  const stallMs = opts.stallMs ?? EXPORT_STALL_MS;
  const turns = opts.turns ?? EXPORT_BATCH_TURNS;
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let finished: Promise<void> | undefined;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;

  /** Once: stop the stall clock, end the chunk source (no further query), release via onClose. */
  const finish = () =>
    (finished ??= (async () => {
      clearTimeout(stallTimer);
      clearTimeout(deadline);
      signal?.removeEventListener("abort", onAbort);
      await Promise.resolve(chunks.return?.()).catch(() => {});
      await opts.onClose();
    })());
  const fail = async (error: unknown) => {
    await finish();
    try {
      controllerRef?.error(error);
    } catch {
      /* already closed or cancelled */
    }
  };
  function onAbort() {
    void fail(signal?.reason ?? new Error("The client went away."));
  }
  const waitForReader = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => void fail(new ExportStalledError(stallMs)), stallMs);
    stallTimer.unref?.();
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
        const maxMs = opts.maxMs ?? EXPORT_MAX_MS;
        deadline = setTimeout(() => void fail(new ExportTooLongError(maxMs)), maxMs);
        deadline.unref?.();
        if (signal?.aborted) return void onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
      },
      async pull(controller) {
        clearTimeout(stallTimer);
        if (finished) return;
        try {
          for (;;) {
            const next = await turns.run(() => chunks.next());
            if (finished) return;
            if (next.done) {
              await finish();
              controller.close();
              return;
            }
            if (next.value.byteLength === 0) continue;
            controller.enqueue(next.value);
            waitForReader();
            return;
          }
        } catch (error) {
          await fail(error);
        }
      },
      async cancel() {
        await finish();
      },
    },
    // One chunk may wait ready for the reader (the next query overlaps the network write); no more.
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
}
