/**
 * The sandbox's controllable clock. When set (startSandbox `now`, POST /__sandbox/clock) it is
 * frozen at that instant until moved again, so renewal/refund window edges are exact; with
 * `freeze: false` it keeps ticking from the chosen instant. DELETE returns it to real time.
 */
export interface ClockState {
  frozenAt: string | null;
  offsetMs: number;
}

export const DAY_MS = 86_400_000;

/**
 * Decision: the clock stays within [2000-01-01, 2100-01-01) and moves at most ~10 years per
 * request; far enough for any renewal or refund scenario, and no Infinity/overflow dates.
 */
export const CLOCK_MIN_MS = Date.UTC(2000, 0, 1);
export const CLOCK_MAX_MS = Date.UTC(2100, 0, 1);
export const MAX_ADVANCE_DAYS = 3660;

export function inClockRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= CLOCK_MIN_MS && ms < CLOCK_MAX_MS;
}

export const CLOCK_RANGE_TEXT = "between 2000-01-01 and 2099-12-31";

export class Clock {
  private state: ClockState = { frozenAt: null, offsetMs: 0 };

  now(): Date {
    if (this.state.frozenAt) return new Date(this.state.frozenAt);
    return new Date(Date.now() + this.state.offsetMs);
  }

  set(instant: Date, freeze = true): void {
    this.state = freeze
      ? { frozenAt: instant.toISOString(), offsetMs: 0 }
      : { frozenAt: null, offsetMs: instant.getTime() - Date.now() };
  }

  advanceDays(days: number): void {
    const deltaMs = days * DAY_MS;
    if (this.state.frozenAt) {
      this.state = { frozenAt: new Date(Date.parse(this.state.frozenAt) + deltaMs).toISOString(), offsetMs: 0 };
    } else {
      this.state = { frozenAt: null, offsetMs: this.state.offsetMs + deltaMs };
    }
  }

  reset(): void {
    this.state = { frozenAt: null, offsetMs: 0 };
  }

  snapshot(): ClockState {
    return { ...this.state };
  }

  /** A saved clock that is not a valid instant (a hand-edited snapshot) falls back to real time. */
  restore(state: ClockState): void {
    const frozenOk = state.frozenAt === null || inClockRange(Date.parse(state.frozenAt));
    const offsetOk = typeof state.offsetMs === "number" && Number.isFinite(state.offsetMs);
    this.state = frozenOk && offsetOk ? { frozenAt: state.frozenAt, offsetMs: state.offsetMs } : { frozenAt: null, offsetMs: 0 };
  }

  describe(): { now: string; frozen: boolean; realTime: boolean } {
    return {
      now: this.now().toISOString(),
      frozen: this.state.frozenAt !== null,
      realTime: this.state.frozenAt === null && this.state.offsetMs === 0,
    };
  }
}
