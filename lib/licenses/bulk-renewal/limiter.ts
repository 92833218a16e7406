/** At most `size` holders at once, in arrival order: one process's calls to Sectigo across its run jobs. */
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
