/**
 * Waits `ms`, or less when `signal` aborts (a stopping worker): resolves either way, never rejects
 * (node:timers/promises rejects on abort, and every caller would have to tell that apart).
 */
export function abortableWait(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
