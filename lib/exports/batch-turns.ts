/**
 * Exports take turns for their batches, per app instance (issue 16, item 9): at most `size`
 * batches are being read (query, then bytes) at once in this process, whatever the number of
 * running exports; the others wait in line (first come, first served). Ten exports at once
 * otherwise kept ten queries in PostgreSQL and ten results on the Node thread that also serves
 * every page, and pages took seconds. The total rate of the exports barely changes (they were
 * already sharing the same two cores); what changes is that a page's query or render never waits
 * behind more than `size` export batches. In-process on purpose: what it protects is this
 * process's event loop (the fleet-wide limit on exports is lib/exports/export-slots.ts).
 */
export class BatchTurns {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly restRatio: number;

  /**
   * `restRatio`: after a batch, its turn rests `restRatio` times as long as the batch took before it
   * passes on (issue 19 item 4). A batch is 10-20 ms of one PostgreSQL core; read back to back, one
   * export held a core for the whole file, and on a 2-core machine every page then took up to 4x
   * its time. With 1 turn resting as long as it worked, all the exports of a process together use
   * at most half a core of PostgreSQL: a file takes ~2x as long, pages stay near their idle figure.
   */
  constructor(
    readonly size: number,
    opts: { restRatio?: number } = {},
  ) {
    this.restRatio = Math.max(0, opts.restRatio ?? 0);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    const started = performance.now();
    try {
      return await work();
    } finally {
      // The caller has its result at once (the bytes go out during the rest); the turn waits.
      const rest = (performance.now() - started) * this.restRatio;
      if (rest > 0) setTimeout(() => this.pass(), rest);
      else this.pass();
    }
  }

  /** The turn passes straight to the next in line (running stays the same), or is given back. */
  private pass() {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/**
 * One batch at a time per process, resting twice as long as it took: the exports use at most a third
 * of a PostgreSQL core. Resting as long (half a core), a full export of the 1,000,000-license world
 * took 26-31 s and left 10 of 51 pages over 1.5x their idle p95 (40 runs; the benchmark's own client,
 * the export's download and the page share the 2 cores with it: tools/bench/http/README.md).
 */
export const EXPORT_BATCH_TURNS = new BatchTurns(1, { restRatio: 2 });
