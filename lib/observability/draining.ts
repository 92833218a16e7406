/**
 * Whether this web process is draining (SIGTERM: finishing in-flight work, taking nothing new).
 * The process's entry point registers its probe (tools/launcher/next-server.ts: the deploy's
 * `isDraining`). Kept on globalThis: the readiness route runs in Next's bundled copy of lib/, and
 * the flag the entry point sets lives in its own copy.
 */
const KEY = Symbol.for("orderdesk.observability.draining");
type Holder = { [KEY]?: () => boolean };

export function setDrainingProbe(probe: () => boolean): void {
  (globalThis as Holder)[KEY] = probe;
}

export function isDrainingNow(): boolean {
  return (globalThis as Holder)[KEY]?.() ?? false;
}
