import v8 from "node:v8";

/** Loads running now: the flag is reset when the outermost one ends. */
let depth = 0;

/**
 * Runs a bulk load with V8's old generation allowed to grow by 1.2x between full collections
 * instead of up to 4x: the load's short-lived objects are collected sooner. Two loads use it:
 * - seeding (scaled-seed.ts): the peak RSS while seeding 1,000,000 licences stays under 1 GB
 *   (958-982 MB, was 1,159-1,165 MB; 1.5x gave 983-1,031 MB);
 * - a start reading the snapshot and the journal (World.open, world.ts): every record is parsed
 *   into an object that dies at once, as the seeding's batches do.
 * `npm run bench:sandbox -- --sizes 1000000` fails on a peak over 1024 MB, while seeding and while
 * a restarted sandbox loads. Only around the load: as a process-wide flag, the tighter growth made each
 * WebHostReport call ~1.3 ms slower (more full collections, each compacting the heap:
 * --compact-on-every-full-gc, process-options.ts). 0 is V8's own default (its dynamic factor).
 */
export function withTightHeap<T>(load: () => T): T {
  if (depth++ === 0) v8.setFlagsFromString("--heap-growing-percent=20");
  try {
    return load();
  } finally {
    if (--depth === 0) v8.setFlagsFromString("--heap-growing-percent=0");
  }
}
