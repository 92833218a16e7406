/**
 * Starting a bulk renewal run: the preview is computed again on the server (the page's list is
 * only shown, never trusted), then the run and all its items are written in one transaction:
 * accepted licenses PENDING, refused ones REFUSED with their reason. The form's submission key is
 * unique, so a double click or a second tab starts one run. The job is queued after the commit.
 */
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { previewRenewalRun, type PreviewDeps } from "./preview-renewal-run";
import { runSelectionSchema } from "./run-selection";

export const startRenewalRunSchema = z.object({
  submissionKey: z.string().trim().min(8).max(100),
  selection: runSelectionSchema,
});
export type StartRenewalRunInput = z.input<typeof startRenewalRunSchema>;

export interface StartDeps extends PreviewDeps {
  /** Queue the run's job (after the commit). */
  enqueue(runId: string): Promise<void>;
}

export async function startRenewalRun(actor: Actor | null, raw: StartRenewalRunInput, deps: StartDeps): Promise<{ runId: string; created: boolean }> {
  assertCan(actor, "manageRenewals");
  const parsed = startRenewalRunSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The run is not valid.");
  const { submissionKey, selection } = parsed.data;
  const { db } = deps;

  const seen = await db.renewalRun.findUnique({ where: { submissionKey }, select: { id: true } });
  if (seen) return { runId: seen.id, created: false };

  const preview = await previewRenewalRun(actor, selection, deps);
  if (!preview.ok) throw new AppError("INVALID_INPUT", preview.message);
  if (preview.accepted.length === 0) throw new AppError("INVALID_INPUT", "None of these licenses can be renewed now: see the reasons listed.");
  const refused = preview.refused.filter((r) => r.code !== "NOT_FOUND");
  const single = preview.cost.length === 1 ? preview.cost[0]! : null;
  let runId: string;
  try {
    runId = await auditedTransaction(async (tx, changes) => {
      const run = await tx.renewalRun.create({
        data: {
          createdById: actor.id,
          submissionKey,
          source: selection as unknown as Prisma.InputJsonValue,
          total: preview.accepted.length + refused.length,
          refused: refused.length,
          currency: single?.currency ?? null,
          sellTotal: single?.sell ?? null,
          buyTotal: single?.buy ?? null,
        },
        select: { id: true },
      });
      await tx.renewalRunItem.createMany({
        data: [
          ...preview.accepted.map((a) => ({ runId: run.id, licenseId: a.licenseId, status: "PENDING" as const })),
          ...refused.map((r) => ({ runId: run.id, licenseId: r.licenseId, status: "REFUSED" as const, message: r.reason ?? null })),
        ],
      });
      changes.push({
        target: `RenewalRun:${run.id}`,
        before: null,
        after: { licenses: preview.accepted.length, refused: refused.length, currency: single?.currency ?? null, sellTotal: single?.sell ?? null, buyTotal: single?.buy ?? null },
      });
      return run.id;
    }, { db });
  } catch (error) {
    // The same submission, committed meanwhile by a concurrent request: that one's run.
    if ((error as { code?: string })?.code !== "P2002") throw error;
    const existing = await db.renewalRun.findUnique({ where: { submissionKey }, select: { id: true } });
    if (!existing) throw error;
    return { runId: existing.id, created: false };
  }
  await deps.enqueue(runId);
  return { runId, created: true };
}
