/**
 * A person asks for a sync now: one SyncRun for the account, queued on the job worker. A run already
 * queued or running for that account is returned instead of a second one.
 */
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { actorUserId } from "@/lib/auth/system-actor";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startSyncSchema, type StartSyncInput } from "./sync-schemas";

export const SYNC_ACCOUNT_DISABLED = "This reseller account is disabled: it is not synced. An admin can enable it under Settings → Reseller accounts.";

export interface StartSyncDeps {
  db: PrismaClient;
  enqueue(runId: string): Promise<void>;
}

export async function startSync(actor: Actor | null, raw: StartSyncInput, deps: StartSyncDeps): Promise<{ runId: string; alreadyRunning: boolean }> {
  assertCan(actor, "syncWithSectigo");
  const parsed = startSyncSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Choose a reseller account.", "resellerAccountId");
  const { resellerAccountId } = parsed.data;
  const account = await deps.db.resellerAccount.findUnique({ where: { id: resellerAccountId }, select: { id: true, disabledAt: true } });
  if (!account) throw new AppError("NOT_FOUND", "That reseller account does not exist.", "resellerAccountId");
  if (account.disabledAt) throw new AppError("CONFLICT", SYNC_ACCOUNT_DISABLED, "resellerAccountId");
  const open = await deps.db.syncRun.findFirst({ where: { resellerAccountId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
  if (open) return { runId: open.id, alreadyRunning: true };
  const run = await auditedTransaction(async (tx, changes) => {
    const created = await tx.syncRun.create({ data: { resellerAccountId, createdById: actorUserId(actor) } });
    changes.push({ target: `SyncRun:${created.id}`, before: null, after: { resellerAccountId, status: created.status } });
    return created;
  }, { db: deps.db });
  await deps.enqueue(run.id);
  return { runId: run.id, alreadyRunning: false };
}
