import { prisma } from "@/lib/db";
import { serializable } from "@/lib/db/serializable";
import type { Prisma } from "@/lib/generated/prisma/client";
import { currentAuditContext, type AuditChange } from "@/lib/audit/audit-scope";

/**
 * A use case's database change and the person's audit entry in ONE transaction: if the entry
 * cannot be written, the change is rolled back with it, and the action fails (the wrapper reports
 * it by reference). `work` records what it changed in `changes` (before and after); it may run
 * more than once under `serializable` (each attempt starts with an empty list, so a retry records
 * once). Outside a person's action (a job, a script) it is a plain transaction.
 */
export async function auditedTransaction<T>(
  work: (tx: Prisma.TransactionClient, changes: AuditChange[]) => Promise<T>,
  /** `db`: the use case's injected client (default: the app's); `serializable`: with the app's client, retried on conflicts. */
  options: { serializable?: boolean; db?: { $transaction: typeof prisma.$transaction } } = {},
): Promise<T> {
  const context = currentAuditContext();
  if (context?.written) throw new Error("auditedTransaction: this action's audit entry is already written (one audited transaction per action).");
  const attempt = async (tx: Prisma.TransactionClient) => {
    const changes: AuditChange[] = [];
    const result = await work(tx, changes);
    if (context?.writeIn) await context.writeIn(tx as never, changes);
    return { result, changes };
  };
  const { result, changes } = options.serializable ? await serializable(attempt) : await (options.db ?? prisma).$transaction(attempt);
  if (context) {
    context.changes.push(...changes);
    context.written = context.writeIn !== undefined;
  }
  return result;
}
