/**
 * Works one sync run: pages through the account's WebHostReport from the run's cursor, compares each
 * page with Order Desk (compare-page.ts) and stores the page's drift and the next cursor in one
 * transaction, so a run stopped at any point (worker restart, deploy) goes on from the last stored
 * page and never stores a page twice (DriftItem is unique per run, kind and license).
 *
 * Bounded rate: at most one report call per `minIntervalMs` (default 200 ms: 5 calls a second); the
 * next page is fetched while the current one is compared and stored.
 * Sectigo's call limit (-42) waits `backoffMs` doubling up to a minute, and is retried; other
 * retryable failures (timeouts, 5xx) are retried a few times; anything else fails the run with its
 * message. When the report is exhausted the run is DONE and the earlier runs' undecided rows of the
 * same account are dropped: the page shows what is true now, the decisions stay.
 */
import { retriedOnConflict } from "@/lib/db/serializable";
import type { PrismaClient, SyncRun } from "@/lib/generated/prisma/client";
import type { SectigoClient } from "@/lib/sectigo/client";
import { comparePage } from "./compare-page";
import { applyHeldIgnores, markHeldIgnores } from "./held-ignores";
import { dropResolvedExpiryDrift, expectedAutoRenewals, recordAutoRenewals, withoutFollowed } from "./follow-auto-renewals";
import { abortableWait } from "@/lib/queue/abortable-wait";

export const SYNC_PAGE_SIZE = 500;
export const MAX_ERRORS = 5;

export interface SyncEngineDeps {
  db: PrismaClient;
  client(resellerAccountId: string): Promise<Pick<SectigoClient, "webHostReport">>;
  pageSize?: number;
  minIntervalMs?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /**
   * The app's time, read once per page (lib/clock: the sandbox's in sandbox mode): whether a
   * license's expiry has passed, for Sectigo's auto-renewal (follow-auto-renewals.ts). Default: this machine's.
   */
  now?: () => Date | Promise<Date>;
  /** Called after each stored page (tests stop a run there). */
  onPage?: (progress: SyncProgress) => void;
}

export interface SyncProgress {
  runId: string;
  cursor: number;
  ordersSeen: number;
  driftFound: number;
  status: "RUNNING" | "DONE" | "FAILED" | "STOPPED";
}


export async function processSyncRun(runId: string, deps: SyncEngineDeps): Promise<SyncProgress> {
  const { db } = deps;
  const size = deps.pageSize ?? SYNC_PAGE_SIZE;
  const log = deps.log ?? (() => {});
  const found = await db.syncRun.findUnique({ where: { id: runId } });
  if (!found) throw new Error(`no sync run ${runId}`);
  if (found.status === "DONE" || found.status === "FAILED") return progressOf(found, found.status);
  // A run queued before its account was disabled does not use the account.
  const account = await db.resellerAccount.findUnique({ where: { id: found.resellerAccountId }, select: { disabledAt: true } });
  if (account?.disabledAt) {
    const failed = await db.syncRun.update({ where: { id: runId }, data: { status: "FAILED", finishedAt: new Date(), message: "The reseller account was disabled: the run was not made." } });
    return progressOf(failed, "FAILED");
  }
  let run: SyncRun = await db.syncRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: found.startedAt ?? new Date() } });
  const client = await deps.client(run.resellerAccountId);
  let errors = 0;
  let rateLimited = 0;
  let lastCall = 0;
  type Page = Awaited<ReturnType<typeof client.webHostReport>>;
  /** One report call, no sooner than the pace allows (undefined: stopped while waiting). */
  const fetchPage = async (first: number): Promise<Page | undefined> => {
    const at = Math.max(Date.now(), lastCall + (deps.minIntervalMs ?? 200));
    lastCall = at;
    await abortableWait(at - Date.now(), deps.signal);
    if (deps.signal?.aborted) return undefined;
    // showCost: a followed auto-renewal records what Sectigo debited for it (follow-auto-renewals.ts).
    return client.webHostReport({ page: { first, last: first + size - 1 }, showCost: true });
  };
  // The next page is fetched while this one is compared and stored (a read: dropped if the run stops).
  let next: Promise<Page | undefined> | undefined;

  for (;;) {
    if (deps.signal?.aborted) return progressOf(run, "STOPPED");
    const result = await (next ?? fetchPage(run.cursor));
    next = undefined;
    if (!result) return progressOf(run, "STOPPED");
    if (!result.ok) {
      const limited = result.error.domainCode === "RATE_LIMITED";
      if (limited || (result.error.retryable && errors < MAX_ERRORS) || (result.error.kind !== "api" && result.error.kind !== "validation" && errors < MAX_ERRORS)) {
        if (limited) rateLimited++;
        else errors++;
        const delay = Math.min((deps.backoffMs ?? 1_000) * 2 ** Math.max(0, (limited ? rateLimited : errors) - 1), deps.maxBackoffMs ?? 60_000);
        log(`sync ${runId}: ${limited ? "call limit (-42)" : result.error.userMessage}, waiting ${delay} ms`);
        if (limited) run = await db.syncRun.update({ where: { id: runId }, data: { backoffs: { increment: 1 } } });
        await abortableWait(delay, deps.signal);
        continue;
      }
      run = await db.syncRun.update({ where: { id: runId }, data: { status: "FAILED", finishedAt: new Date(), message: result.error.userMessage } });
      return progressOf(run, "FAILED");
    }
    errors = 0;
    rateLimited = 0;
    const rows = result.value.rows;
    const finished = rows.length < size;
    if (!finished) {
      next = fetchPage(run.cursor + rows.length);
      next.catch(() => {});
    }
    const compared = await comparePage(db, run.resellerAccountId, rows);
    const licenses = compared.licenses;
    // Sectigo's expected auto-renewals are followed, not reported (follow-auto-renewals.ts).
    const costs = new Map(rows.flatMap((r) => (r.orderNumber && r.cost !== undefined ? [[r.orderNumber, r.cost] as const] : [])));
    const renewals = await expectedAutoRenewals(db, compared.drift, (await deps.now?.()) ?? new Date(), costs);
    const { drift, heldIds, lapsedIds } = await applyHeldIgnores(db, run.resellerAccountId, withoutFollowed(compared.drift, renewals));
    const ranAs = { id: run.id, resellerAccountId: run.resellerAccountId, startedAt: run.startedAt, createdAt: run.createdAt };
    const accountId = run.resellerAccountId;
    const cursor = run.cursor;
    // Retried when PostgreSQL picks it as a deadlock's victim (two workers finishing runs at once): rolled back, safe to repeat.
    run = await retriedOnConflict(() => db.$transaction(async (tx) => {
      // Ignores whose difference now has another pair of values lapse: that difference is reported again.
      if (lapsedIds.length) await tx.driftIgnore.deleteMany({ where: { id: { in: lapsedIds } } });
      await markHeldIgnores(tx, ranAs, heldIds, finished);
      const followed = await recordAutoRenewals(tx, accountId, renewals);
      // A license that moved since the comparison stays drift; a followed one loses the expiry row an
      // earlier page of this run stored for it (its current order's row, listed before the renewal).
      const skipped = new Set(followed.skipped);
      const kept = [...drift, ...compared.drift.filter((d) => d.kind === "EXPIRY" && d.licenseId && skipped.has(d.licenseId))];
      const dropped = followed.applied.length
        ? await tx.driftItem.deleteMany({ where: { runId, kind: "EXPIRY", state: "OPEN", licenseId: { in: followed.applied } } })
        : { count: 0 };
      const created = await tx.driftItem.createMany({ data: kept.map((d) => ({ ...d, runId, resellerAccountId: accountId })), skipDuplicates: true });
      const resolved = finished ? await dropResolvedExpiryDrift(tx, runId) : 0;
      if (finished) await tx.driftItem.deleteMany({ where: { resellerAccountId: accountId, state: "OPEN", runId: { not: runId } } });
      // The cursor guard: a page is stored once even if two workers ever held the same run.
      return tx.syncRun.update({
        where: { id: runId, cursor },
        data: {
          cursor: cursor + rows.length,
          ordersSeen: { increment: rows.length },
          licensesSeen: { increment: licenses },
          driftFound: { increment: created.count - dropped.count - resolved },
          ...(finished ? { status: "DONE" as const, finishedAt: new Date() } : {}),
        },
      });
    }));
    const progress = progressOf(run, finished ? "DONE" : "RUNNING");
    deps.onPage?.(progress);
    if (finished) {
      log(`sync ${runId}: done, ${run.ordersSeen} orders, ${run.driftFound} differences`);
      return progress;
    }
  }
}

function progressOf(run: { id: string; cursor: number; ordersSeen: number; driftFound: number }, status: SyncProgress["status"]): SyncProgress {
  return { runId: run.id, cursor: run.cursor, ordersSeen: run.ordersSeen, driftFound: run.driftFound, status };
}
