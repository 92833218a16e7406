/**
 * The request's context (its id) for everything that runs on its behalf: the server action, the
 * Sectigo call, the job it queues. One AsyncLocalStorage per process, kept on globalThis: Next
 * bundles lib/ into its own server chunks, so the launcher's node:http wrapper and the code of a
 * server action load two copies of this file; both must find the same store.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  /** The job being worked, in the worker (queue name and pg-boss id). */
  job?: { queue: string; id: string };
}

const KEY = Symbol.for("orderdesk.observability.requestContext");
type Holder = { [KEY]?: AsyncLocalStorage<RequestContext> };

function store(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as Holder;
  return (g[KEY] ??= new AsyncLocalStorage<RequestContext>());
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return store().run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return store().getStore();
}

export function currentRequestId(): string | undefined {
  return store().getStore()?.requestId;
}
