/**
 * The audit context of one person's action, kept while it runs. The authorized-action wrapper
 * opens it around each server action. Use cases that change only our database run their change
 * through `auditedTransaction` (lib/audit/audited-transaction.ts): the audit entry is then written
 * by the same transaction as the change, so a change never commits without its entry ("done, but
 * unrecorded" cannot happen). Use cases whose change is a call to Sectigo (which cannot be rolled
 * back) record what changed with `recordChange`, and the wrapper writes their entry afterwards.
 * Outside a scope (a job, the reconciliation pass, a script) nothing is written: the audit log is
 * about what people did; Order Desk's own steps are on each order's timeline.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface AuditChange {
  /** "Order:<id>", "User:<id>", "License:<id>", ... */
  target: string;
  before?: unknown;
  after?: unknown;
}

/** A database client able to insert an audit entry: Prisma's client or a transaction's. */
export type AuditDb = { auditEntry: { create: (args: never) => Promise<unknown> } };

export interface AuditContext {
  changes: AuditChange[];
  /** True once the action's entry was written inside the use case's own transaction. */
  written: boolean;
  /** Writes the action's OK entry with the given changes through `db` (the use case's transaction). */
  writeIn?: (db: AuditDb, changes: AuditChange[]) => Promise<void>;
}

const scope = new AsyncLocalStorage<AuditContext>();

export function recordChange(change: AuditChange): void {
  scope.getStore()?.changes.push(change);
}

export function currentAuditContext(): AuditContext | undefined {
  return scope.getStore();
}

/** For the wrapper: runs the action inside `context`, which it keeps even when the action throws. */
export function runInAuditContext<T>(context: AuditContext, run: () => Promise<T>): Promise<T> {
  return scope.run(context, run);
}
