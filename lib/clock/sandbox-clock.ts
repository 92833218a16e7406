/**
 * Follows the Sectigo sandbox's clock (tools/sandbox/core/clock.ts), read from its `/health`
 * (`{ clock: { now, frozen } }`, no token). A reading is kept `maxAgeMs` (default 1 s): a request
 * waits on the sandbox at most once a second per process, and concurrent requests share one read.
 * Between reads a ticking sandbox clock is followed as an offset from this machine's clock, a frozen
 * one as its instant. When the sandbox cannot be read, the last reading (else this machine's time)
 * is used until the next attempt, a second later: a sandbox that is down answers no Sectigo call
 * either, so no decision made on that time reaches it.
 */
import type { Now } from "./clock";

interface Reading {
  /** The sandbox's frozen instant (ms), or null when it ticks. */
  frozenAt: number | null;
  /** Sandbox time minus this machine's time, for a ticking clock. */
  offsetMs: number;
  /** This machine's time of the reading (ms). */
  readAt: number;
}

export interface SandboxClockOptions {
  /** The sandbox's `/health` URL. */
  healthUrl: string;
  maxAgeMs?: number;
  timeoutMs?: number;
  /** This machine's clock in ms (tests). */
  machineMs?: () => number;
  fetch?: typeof fetch;
  warn?: (message: string) => void;
}

const healthClock = (body: unknown): { now: number; frozen: boolean } | undefined => {
  const clock = (body as { clock?: { now?: unknown; frozen?: unknown } } | null)?.clock;
  const now = typeof clock?.now === "string" ? Date.parse(clock.now) : NaN;
  return Number.isFinite(now) && typeof clock?.frozen === "boolean" ? { now, frozen: clock.frozen } : undefined;
};

export class SandboxClock {
  private reading: Reading | undefined;
  private pending: Promise<Reading> | undefined;
  private readonly machineMs: () => number;

  constructor(private readonly opts: SandboxClockOptions) {
    this.machineMs = opts.machineMs ?? Date.now;
  }

  /** A synchronous clock from a reading at most `maxAgeMs` old (reads the sandbox when older). */
  async clock(): Promise<Now> {
    const reading = await this.fresh();
    const machineMs = this.machineMs;
    return () => new Date(reading.frozenAt ?? machineMs() + reading.offsetMs);
  }

  async now(): Promise<Date> {
    return (await this.clock())();
  }

  private fresh(): Promise<Reading> {
    const r = this.reading;
    if (r && this.machineMs() - r.readAt < (this.opts.maxAgeMs ?? 1_000)) return Promise.resolve(r);
    this.pending ??= this.read().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async read(): Promise<Reading> {
    const sentAt = this.machineMs();
    try {
      const res = await (this.opts.fetch ?? fetch)(this.opts.healthUrl, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 2_000) });
      const clock = res.ok ? healthClock(await res.json()) : undefined;
      if (!clock) throw new Error(`no clock in the answer (HTTP ${res.status})`);
      const readAt = this.machineMs();
      // The sandbox read its clock somewhere during the exchange: the middle is the best guess.
      const offsetMs = clock.now - (sentAt + readAt) / 2;
      this.reading = clock.frozen ? { frozenAt: clock.now, offsetMs: 0, readAt } : { frozenAt: null, offsetMs, readAt };
    } catch (error) {
      (this.opts.warn ?? console.warn)(`clock: the sandbox's clock could not be read (${error instanceof Error ? error.message : String(error)}); using ${this.reading ? "the last reading" : "this machine's time"}`);
      this.reading = { ...(this.reading ?? { frozenAt: null, offsetMs: 0 }), readAt: this.machineMs() };
    }
    return this.reading;
  }
}
