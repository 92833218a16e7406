/**
 * What a person's action changed, collected while it runs. The authorized-action wrapper opens a
 * scope around each server action; use cases call `recordChange` where they change state, with the
 * record's before and after, and the wrapper writes them into the action's audit entry. Outside
 * a scope (a job, the reconciliation pass, a script) `recordChange` does nothing: the audit log is
 * about what people did; Order Desk's own steps are on each order's timeline.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface AuditChange {
  /** "Order:<id>", "User:<id>", "License:<id>", ... */
  target: string;
  before?: unknown;
  after?: unknown;
}

const scope = new AsyncLocalStorage<AuditChange[]>();

export function recordChange(change: AuditChange): void {
  scope.getStore()?.push(change);
}

export async function withAuditScope<T>(run: () => Promise<T>): Promise<{ result: T; changes: AuditChange[] }> {
  const changes: AuditChange[] = [];
  const result = await scope.run(changes, run);
  return { result, changes };
}

/** For callers that need the changes even when the action throws. */
export function auditScopeOf<T>(changes: AuditChange[], run: () => Promise<T>): Promise<T> {
  return scope.run(changes, run);
}
