/**
 * Whether this process is draining: it got SIGTERM, stopped taking new connections and is finishing
 * the requests it has (tools/launcher/graceful-http.ts). The readiness endpoint answers "not ready"
 * while it is true, so a load balancer that polls it stops sending here before the process is gone.
 *
 * The flag lives on globalThis under a registered symbol, not in a module variable: the web server
 * (loaded by tsx) and the app's route handlers (bundled by Next) each get their own copy of this
 * module, and only a process-wide slot is seen by both.
 */
const SLOT = Symbol.for("orderdesk.runtime.draining");

interface DrainState {
  /** When the drain began (ms since epoch). */
  since: number;
}

type WithSlot = typeof globalThis & { [SLOT]?: DrainState };

export function isDraining(): boolean {
  return (globalThis as WithSlot)[SLOT] !== undefined;
}

/** When the drain began, or undefined while serving normally. */
export function drainingSince(): Date | undefined {
  const state = (globalThis as WithSlot)[SLOT];
  return state ? new Date(state.since) : undefined;
}

/** Called once by the server when it starts draining; there is no way back (the process then exits). */
export function markDraining(now: number = Date.now()): void {
  (globalThis as WithSlot)[SLOT] ??= { since: now };
}
