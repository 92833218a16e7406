/**
 * Preloaded (node --import) into every long-running child of the launcher. The launcher holds the
 * write end of the child's stdin pipe and never writes to it; the kernel closes it whenever the
 * launcher ends, even by SIGKILL or a crash. End of input then means "the launcher is gone": stop
 * as on SIGTERM (the child's own clean shutdown), instead of serving on with nobody to stop it.
 */
if (!process.stdin.isTTY) {
  process.stdin.on("end", () => process.kill(process.pid, "SIGTERM"));
  process.stdin.on("error", () => process.kill(process.pid, "SIGTERM"));
  process.stdin.resume();
  // Waiting for that end must not keep a child alive that has finished its work.
  (process.stdin as { unref?: () => void }).unref?.();
}

export {};
