/**
 * At most `size` holders at once, in arrival order: one process's calls to Sectigo across its run jobs
 * (`callLimiter`), and its item loops (`limiter`).
 *
 * Why not p-limit (the maintained choice for "at most N at once"): p-limit runs a function under the
 * limit (`limit(fn)`), while our holders take a slot and give it back at points that are not one
 * function's start and end. The Sectigo client takes its `callSlot` inside `send()` after building the
 * request and gives it back once the body is read, before the call is recorded (lib/sectigo/client/
 * transport.ts; the slot is not held while the database writes the call); the run engine holds a loop
 * slot from claiming an item to settling it. The client's config asks only for
 * `{ acquire(): Promise<() => void> }`, so it depends on no limiter library. On top of p-limit, acquire
 * would be a promise resolved from inside a queued function that waits on a second promise: more to
 * read than this FIFO. Its behaviour is tested in tests/unit/renewal-run-engine.test.ts ("the call limit
 * of a process": never more than C calls in flight, and waiting for a slot is not part of a call's
 * time budget).
 */
export interface Limiter {
  acquire(): Promise<() => void>;
}

export function createLimiter(size: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next();
    }
  };
  return {
    acquire() {
      if (active < size) {
        active++;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
  };
}
