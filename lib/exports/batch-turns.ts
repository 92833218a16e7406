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

  constructor(readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      // The turn passes straight to the next in line (running stays the same), or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Two at once: one batch's query in PostgreSQL while another's bytes go out. */
export const EXPORT_BATCH_TURNS = new BatchTurns(2);
