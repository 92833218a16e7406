/**
 * Preloaded (node --import) into every long-running child of the launcher. The launcher holds the
 * write end of the child's stdin pipe and never writes to it; the kernel closes it whenever the
 * launcher ends, even by SIGKILL or a crash. End of input then means "the launcher is gone": stop
 * as on SIGTERM (the child's own clean shutdown), instead of serving on with nobody to stop it.
 */
// With the launcher gone, the read ends of this child's stdout and stderr are closed too: a write
// fails with EPIPE. Without a listener that error is an uncaught exception, which Next.js logs to
// stderr, which fails again: a loop at 100% CPU in which the drain never ended (orphaned web servers
// spun for minutes after their launcher was killed). Output has nowhere to go then: drop it.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
}

if (!process.stdin.isTTY) {
  process.stdin.on("end", () => process.kill(process.pid, "SIGTERM"));
  process.stdin.on("error", () => process.kill(process.pid, "SIGTERM"));
  process.stdin.resume();
  // Waiting for that end must not keep a child alive that has finished its work.
  (process.stdin as { unref?: () => void }).unref?.();
}

export {};
