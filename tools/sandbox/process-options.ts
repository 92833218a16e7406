/**
 * How the sandbox's Node process is started (issue 19 item 5: under 1 GB of RSS at 1,000,000
 * licences). The launcher (`npm start`) starts the sandbox child with these, and the scale benchmark
 * (`npm run bench:sandbox`) re-runs itself with them, so the figure it prints is the one the
 * launcher's sandbox has, and restarts the sandbox as its own child the launcher's way
 * (tools/bench/sectigo/sandbox-child.ts). Live data at 1M is steady (~235 MB heap + ~455 MB arena Buffers); what
 * varied between runs (820 MB to 1,167 MB) was memory the process keeps but does not use.
 */

/**
 * V8 flags. `--compact-on-every-full-gc`: by default a full collection moves live objects only off
 * the few most fragmented old-generation pages; the seeding leaves many pages partly used (its
 * short-lived batches die between the packed tables' long-lived arrays), and V8 keeps those pages.
 * Compacting on every full collection gives them back; it costs time in full collections only,
 * which a call rarely triggers (the per-call figures of the benchmark are the check).
 */
export const SANDBOX_NODE_FLAGS: readonly string[] = ["--compact-on-every-full-gc"];

/**
 * glibc malloc settings (ignored by other C libraries). The arena's 4 MiB Buffers are malloc'ed:
 * - MALLOC_ARENA_MAX=2: without it every thread that allocates (V8's GC helpers, libuv's pool for
 *   zlib and file writes) may get its own 64 MiB arena, whose freed memory serves only that arena;
 * - MALLOC_MMAP_THRESHOLD_=1 MiB (fixed): glibc raises the threshold to the size of the largest
 *   mmap'ed block freed, after which 4 MiB blocks come from the heap and leave holes when freed (a
 *   compaction, the snapshot buffer); fixed, every block from 1 MiB up is its own mapping, returned
 *   to the system when freed.
 */
export const SANDBOX_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: "2",
  MALLOC_MMAP_THRESHOLD_: String(1 << 20),
};

/**
 * How long `npm start` waits for the sandbox to answer GET /health (a child that exits is noticed
 * at once; this only bounds a hung one). A start reads the whole world first: at 100,000 licences
 * 4-5 s and at 300,000 12-14 s on this project's 2-core machine (`npm run bench:sandbox` prints the
 * time), so ~40 s at 1,000,000; the 30 s it was would have failed `npm start` there.
 */
export const SANDBOX_READY_TIMEOUT_MS = 300_000;
