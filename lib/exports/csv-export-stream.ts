import { stringify } from "csv-stringify/sync";

export interface CsvColumn {
  key: string;
  header: string;
}

export type CsvBatch = ReadonlyArray<Record<string, string>>;

/** A consumer that reads nothing for this long gives its export slot back (issue 16, item 9). */
export const EXPORT_STALL_MS = 60_000;

export class ExportStalledError extends Error {
  constructor(ms: number) {
    super(`The export stopped: its reader took nothing for ${Math.round(ms / 1000)} s.`);
    this.name = "ExportStalledError";
  }
}

/**
 * A CSV download as a web stream that reads the database only as fast as the client reads the
 * file (back-pressure): each `pull` (the stream asking for more because its reader took a chunk)
 * fetches ONE batch from `batches`, and the queue holds at most one batch ahead of the reader, so
 * a slow client never makes the server buffer the export, and memory stays at about two batches
 * per export whatever its size. One chunk per batch (not one per row, as the Node stream pipeline
 * before it made) keeps the per-row overhead off the event loop that serves every other page.
 *
 * It ends, and calls `onClose` once (the caller releases its export slot there), on every path:
 * - the last batch was sent;
 * - the reader cancels (Next.js cancels the body when the client disconnects) or `signal` aborts
 *   (the request's signal): no further batch is queried;
 * - a batch fails: the stream errors (the client sees a cut download, never a short "complete" file);
 * - the reader takes nothing for `stallMs` (a client that opens the download and never reads it
 *   would otherwise hold a slot for ever): the stream errors with ExportStalledError.
 */
export function csvExportStream(opts: {
  columns: readonly CsvColumn[];
  batches: AsyncIterator<CsvBatch>;
  signal?: AbortSignal;
  stallMs?: number;
  onClose: () => Promise<void>;
}): ReadableStream<Uint8Array> {
  const { columns, batches, signal } = opts;
  const stallMs = opts.stallMs ?? EXPORT_STALL_MS;
  const encoder = new TextEncoder();
  let headerSent = false;
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  let finished: Promise<void> | undefined;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;

  /** Once: stop the stall clock, end the batch source (no further query), release via onClose. */
  const finish = () =>
    (finished ??= (async () => {
      clearTimeout(stallTimer);
      signal?.removeEventListener("abort", onAbort);
      await Promise.resolve(batches.return?.()).catch(() => {});
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
  const csv = (records: CsvBatch) => {
    const text = stringify(records as Record<string, string>[], { header: !headerSent, columns: columns.map((c) => ({ key: c.key, header: c.header })) });
    headerSent = true;
    return encoder.encode(text);
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
        if (signal?.aborted) return void onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
      },
      async pull(controller) {
        clearTimeout(stallTimer);
        if (finished) return;
        try {
          for (;;) {
            const next = await batches.next();
            if (finished) return;
            if (next.done) {
              if (!headerSent) controller.enqueue(csv([]));
              await finish();
              controller.close();
              return;
            }
            if (next.value.length === 0) continue;
            controller.enqueue(csv(next.value));
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
    // One batch may wait ready for the reader (the next query overlaps the network write); no more.
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
}
