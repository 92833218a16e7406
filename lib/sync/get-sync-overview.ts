/**
 * What the /sync page shows: the latest runs (progress), the open drift (keyset pages of 50 by id,
 * optionally one kind; the count capped at 1,000) and the latest decisions with who took them.
 */
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DriftKind } from "@/lib/generated/prisma/enums";
import { DECIDE_BATCH } from "./decide-drift";

export const DRIFT_PAGE = 50;
export const DRIFT_COUNT_CAP = 1000;

/** The page's query string: anything else is ignored (the first page of every kind). */
export const syncQuerySchema = z.object({
  kind: z.enum(Object.values(DriftKind) as [DriftKind, ...DriftKind[]]).optional().catch(undefined),
  after: z.string().trim().regex(/^[a-z0-9]{1,64}$/).optional().catch(undefined),
});

export async function getSyncOverview(actor: Actor | null, rawQuery: Record<string, string | string[] | undefined>, db: PrismaClient) {
  assertCan(actor, "viewLicenses");
  const query = syncQuerySchema.parse({ kind: one(rawQuery.kind), after: one(rawQuery.after) });
  const where = { state: "OPEN" as const, ...(query.kind ? { kind: query.kind } : {}) };
  const [accounts, runs, drift, openCount, decisions, acceptable, lastDone] = await Promise.all([
    db.resellerAccount.findMany({ where: { disabledAt: null }, select: { id: true, label: true, mode: true }, orderBy: { label: "asc" }, take: 50 }),
    db.syncRun.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 5, include: { resellerAccount: { select: { label: true } }, createdBy: { select: { name: true } } } }),
    db.driftItem.findMany({
      where: { ...where, ...(query.after ? { id: { gt: query.after } } : {}) },
      orderBy: { id: "asc" },
      take: DRIFT_PAGE + 1,
      include: { license: { select: { productName: true, domainName: true } } },
    }),
    db.driftItem.findMany({ where, select: { id: true }, take: DRIFT_COUNT_CAP + 1 }).then((r) => r.length),
    db.driftItem.findMany({
      where: { state: { in: ["ACCEPTED", "IGNORED", "STALE"] } },
      orderBy: { decidedAt: "desc" },
      take: 10,
      include: { decidedBy: { select: { name: true } } },
    }),
    // Whether "take Sectigo's value for all" has anything to take (orders unknown to us can only be ignored).
    // "Accept all" is one run's rows: the newest run with something to take (the button names its account).
    db.driftItem.findFirst({
      where: { state: "OPEN", kind: { not: "UNKNOWN_TO_US" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { runId: true, run: { select: { resellerAccount: { select: { label: true } } } } },
    }),
    // "Agree as of the last sync" is only true once a sync has finished.
    db.syncRun.findFirst({ where: { status: "DONE" }, orderBy: [{ finishedAt: "desc" }, { id: "desc" }], select: { finishedAt: true } }),
  ]);
  // How many differences "take Sectigo's value for all" changes with one click (the confirmation names it).
  const acceptAllOpen = acceptable
    ? await db.driftItem.findMany({ where: { runId: acceptable.runId, state: "OPEN", kind: { not: "UNKNOWN_TO_US" } }, select: { id: true }, take: DRIFT_COUNT_CAP + 1 }).then((r) => r.length)
    : 0;
  return {
    query,
    canSync: can(actor.role, "syncWithSectigo"),
    accounts,
    runs,
    drift: drift.slice(0, DRIFT_PAGE),
    nextAfter: drift.length > DRIFT_PAGE ? drift[DRIFT_PAGE - 1]!.id : undefined,
    openCount: Math.min(openCount, DRIFT_COUNT_CAP),
    openCountCapped: openCount > DRIFT_COUNT_CAP,
    decisions,
    canAcceptAll: acceptable !== null,
    acceptAll: acceptable
      ? {
          runId: acceptable.runId,
          accountLabel: acceptable.run.resellerAccount.label,
          /** Open differences of that run Sectigo's value can be taken for (capped like openCount). */
          open: Math.min(acceptAllOpen, DRIFT_COUNT_CAP),
          openCapped: acceptAllOpen > DRIFT_COUNT_CAP,
          /** What one click changes: the use case decides at most DECIDE_BATCH. */
          thisClick: Math.min(acceptAllOpen, DECIDE_BATCH),
        }
      : null,
    lastSyncAt: lastDone?.finishedAt ?? null,
  };
}

export type SyncOverview = Awaited<ReturnType<typeof getSyncOverview>>;

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
