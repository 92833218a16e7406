/**
 * An ignored difference holds until either side's value changes (issue 17 #12). Ignoring stores the
 * pair of values (DriftIgnore, one per account, kind and subject); each sync page drops the
 * differences whose pair is still the ignored one, and lets an ignore lapse (deleted with the page)
 * when the same difference now has another pair: it is reported again, for a person to look at; an
 * ignore also ends when a whole sync finds its difference gone (markHeldIgnores).
 *
 * One indexed query per page (the unique (account, kind, subject) index), never one per row.
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { DriftRow } from "./compare-page";

const key = (kind: string, subject: string) => `${kind}|${subject}`;

export async function applyHeldIgnores(db: PrismaClient, resellerAccountId: string, drift: DriftRow[]): Promise<{ drift: DriftRow[]; held: number; heldIds: string[]; lapsedIds: string[] }> {
  if (drift.length === 0) return { drift, held: 0, heldIds: [], lapsedIds: [] };
  const ignores = await db.driftIgnore.findMany({
    where: { resellerAccountId, kind: { in: [...new Set(drift.map((d) => d.kind))] }, subject: { in: [...new Set(drift.map((d) => d.subject))] } },
    select: { id: true, kind: true, subject: true, ours: true, theirs: true },
  });
  if (ignores.length === 0) return { drift, held: 0, heldIds: [], lapsedIds: [] };
  const byKey = new Map(ignores.map((i) => [key(i.kind, i.subject), i]));
  const kept: DriftRow[] = [];
  const lapsed = new Set<string>();
  const heldIds: string[] = [];
  for (const d of drift) {
    const ignore = byKey.get(key(d.kind, d.subject));
    if (ignore && ignore.ours === d.ours && ignore.theirs === d.theirs) {
      heldIds.push(ignore.id);
      continue;
    }
    if (ignore) lapsed.add(ignore.id);
    kept.push(d);
  }
  return { drift: kept, held: heldIds.length, heldIds, lapsedIds: [...lapsed] };
}

/**
 * Records the ignored rows' pairs (one statement; a newer ignore of the same difference replaces
 * the older pair). Inside the decision's transaction.
 */
export async function recordIgnores(tx: Prisma.TransactionClient, driftItemIds: string[]): Promise<void> {
  if (driftItemIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "DriftIgnore" (id, "resellerAccountId", kind, subject, ours, theirs, "driftItemId", "createdAt")
    SELECT gen_random_uuid()::text, d."resellerAccountId", d.kind, d.subject, d.ours, d.theirs, d.id, now()
    FROM "DriftItem" d WHERE d.id = ANY(${driftItemIds})
    ON CONFLICT ("resellerAccountId", kind, subject) DO UPDATE
      SET ours = EXCLUDED.ours, theirs = EXCLUDED.theirs, "driftItemId" = EXCLUDED."driftItemId", "createdAt" = EXCLUDED."createdAt"`;
}

/** Taking Sectigo's value settles the difference: an older ignore of it no longer means anything. */
export async function dropIgnores(tx: Prisma.TransactionClient, driftItemIds: string[]): Promise<void> {
  if (driftItemIds.length === 0) return;
  await tx.$executeRaw`
    DELETE FROM "DriftIgnore" i USING "DriftItem" d
    WHERE d.id = ANY(${driftItemIds}) AND i."resellerAccountId" = d."resellerAccountId" AND i.kind = d.kind AND i.subject = d.subject`;
}

/**
 * Inside a page's transaction: marks the ignores this run held, and when the run has read the whole
 * report, drops the account's ignores it did not hold — their difference was gone (both sides agreed,
 * or the order went), so when it comes back it is reported again. Ignores made after the run started
 * (a person deciding while it ran) are kept for the next run to judge.
 */
export async function markHeldIgnores(tx: Prisma.TransactionClient, run: { id: string; resellerAccountId: string; startedAt: Date | null; createdAt: Date }, heldIds: string[], finished: boolean): Promise<void> {
  if (heldIds.length) await tx.driftIgnore.updateMany({ where: { id: { in: heldIds } }, data: { heldByRunId: run.id } });
  if (!finished) return;
  await tx.driftIgnore.deleteMany({
    where: { resellerAccountId: run.resellerAccountId, createdAt: { lt: run.startedAt ?? run.createdAt }, OR: [{ heldByRunId: null }, { heldByRunId: { not: run.id } }] },
  });
}
