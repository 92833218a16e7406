import v8 from "node:v8";

/**
 * Runs a bulk load (seeding 1,000,000 licences) with V8's old generation allowed to grow by 1.2x
 * between full collections instead of up to 4x: the load's short-lived batches are collected
 * sooner, and the peak RSS while seeding 1,000,000 licences stays under 1 GB (958-982 MB, was
 * 1,159-1,165 MB; `npm run bench:sandbox -- --sizes 1000000` fails on a peak over 1024 MB; 1.5x gave
 * 983-1,031 MB). Only around the load: as a process-wide flag, the tighter growth made each
 * WebHostReport call ~1.3 ms slower (more full collections, each compacting the heap:
 * --compact-on-every-full-gc, process-options.ts). 0 is V8's own default (its dynamic factor).
 * The snapshot read at start (world.ts) is not wrapped: not measured.
 */
export function withTightHeap<T>(load: () => T): T {
  v8.setFlagsFromString("--heap-growing-percent=20");
  try {
    return load();
  } finally {
    v8.setFlagsFromString("--heap-growing-percent=0");
  }
}
