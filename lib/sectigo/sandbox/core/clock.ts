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

  restore(state: ClockState): void {
    this.state = { ...state };
  }

  describe(): { now: string; frozen: boolean; realTime: boolean } {
    return {
      now: this.now().toISOString(),
      frozen: this.state.frozenAt !== null,
      realTime: this.state.frozenAt === null && this.state.offsetMs === 0,
    };
  }
}
