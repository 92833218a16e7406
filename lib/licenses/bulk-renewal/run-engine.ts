/**
 * The engine of a bulk renewal run, run by the job worker (lib/licenses/bulk-renewal/run-job.ts).
 *
 * - C item loops per process, each claiming one item at a time with a conditional UPDATE over
 *   `FOR UPDATE SKIP LOCKED`: two loops, two workers or two app instances never take the same item.
 * - Each item goes through the single-license renewal (exactly once per license and period: its
 *   submission key), as Order Desk on behalf of the person who started the run.
 * - Sectigo's call limit (-42) puts the item back PENDING with an exponential, jittered delay.
 * - An item left RUNNING by a dead worker is taken back once its lease has passed; before calling
 *   again, a renewal order of this license made since the run started settles it instead.
 * - A settle only counts if the claim is still ours (status RUNNING and the same attempt).
 */
import { systemActor } from "@/lib/auth/system-actor";
import type { PrismaClient, RenewalRunItemStatus } from "@/lib/generated/prisma/client";
import type { Limiter } from "./limiter";
import type { RenewFn, RenewOutcome } from "./renew-contract";
import { abortableWait } from "@/lib/queue/abortable-wait";

export interface EngineDeps {
  db: PrismaClient;
  renew: RenewFn;
  /** Item loops of this job (each works one item at a time: its database work and its call). */
  concurrency: number;
  /** How long a claim holds before another worker may take the item back (longer than any call). */
  leaseMs: number;
  /** First delay after a call limit (doubles each time, with jitter, up to maxBackoffMs). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Call limits before an item is given up as FAILED. */
  maxRateLimited?: number;
  /** How often to look again while other workers hold the last items or all wait on a delay. */
  idlePollMs?: number;
  /** Stop claiming (the worker is stopping); calls under way finish and are settled. */
  signal?: AbortSignal;
  /** Wall clock for claims, leases and delays (not the licenses' business clock). */
  clock?: () => number;
  /** How soon a finished run with items whose orders are still being checked looks at them again (the reconciliation pass runs every minute). */
  unknownRecheckMs?: number;
  log?: (line: string) => void;
  /** Shared by every run job of one process: items worked at once by the process (database work and call). */
  limiter?: Limiter;
  /** Shared by every run job of one process: calls to Sectigo in flight at once (C), held only around the call. */
  callLimiter?: Limiter;
}

/** Codes of the eligibility rule (and a license gone, or changed by another order meanwhile): the item is refused, never sent. */
const REFUSAL_CODES = new Set(["ORDER_PENDING", "CHANGED", "OUTSIDE_WINDOW", "EXPIRED", "AUTO_RENEW_ON", "NOT_RENEWABLE", "NOT_ACTIVE", "SECTIGO_BILLS_CUSTOMER", "NOT_FOUND", "FORBIDDEN"]);
const MAX_ERRORS = 3;

interface Claimed {
  id: string;
  licenseId: string;
  attempts: number;
}

/** `recheckAfterMs`: items are still held by other workers; look again then (a dead worker's lease ends). */
export type RunProgress = { processed: number; finished: boolean; stopped: boolean; recheckAfterMs: number | null };

export async function processRenewalRun(runId: string, deps: EngineDeps): Promise<RunProgress> {
  const { db } = deps;
  const select = { status: true, createdAt: true, createdBy: { select: { name: true, email: true } } } as const;
  let run = await db.renewalRun.findUnique({ where: { id: runId }, select });
  if (!run || run.status === "CANCELLED") return { processed: 0, finished: true, stopped: false, recheckAfterMs: null };
  if (run.status === "DONE") {
    // The recheck of a finished run (queued while items were UNKNOWN): the ones reconciliation has
    // settled since count as placed (or failed, when Sectigo refused them), or, when Sectigo never received them (a worker killed between
    // writing the order and sending it), go back to PENDING and the run goes on (the period's next key).
    await reviveSettledUnknownItems(db, runId);
    run = await db.renewalRun.findUnique({ where: { id: runId }, select });
    if (!run || run.status !== "RUNNING") return { processed: 0, finished: true, stopped: false, recheckAfterMs: await unknownRecheck(db, runId, deps) };
  }
  await db.renewalRun.updateMany({ where: { id: runId, status: "QUEUED" }, data: { status: "RUNNING" } });
  // Order Desk acts (a job), and the story names the person who started the run.
  const actor = systemActor(`renewal run started by ${run.createdBy.name} (${run.createdBy.email})`);
  const clock = deps.clock ?? Date.now;
  let processed = 0;

  const loop = async () => {
    while (!deps.signal?.aborted) {
      const release = deps.limiter ? await deps.limiter.acquire() : () => {};
      let item: Claimed | null;
      try {
        item = deps.signal?.aborted ? null : await claim(db, runId, clock(), deps.leaseMs);
        if (item) await handle(item);
      } finally {
        release();
      }
      if (!item) {
        if (deps.signal?.aborted) return;
        const wait = await idleWait(db, runId, clock(), deps);
        if (wait === null) return;
        await abortableWait(wait, deps.signal);
        continue;
      }
      processed++;
    }
  };

  const handle = async (item: Claimed) => {
    // Taken back from a worker that died: the renewal may have been made already.
    if (item.attempts > 1) {
      const made = await db.order.findFirst({
        where: { targetLicenseId: item.licenseId, kind: "RENEWAL", status: { not: "FAILED" }, createdAt: { gte: run.createdAt } },
        orderBy: { createdAt: "desc" },
        select: { id: true, status: true },
      });
      if (made) return settle(db, runId, item, fromOrderStatus(made.status, made.id));
    }
    let outcome: RenewOutcome;
    try {
      outcome = await deps.renew(actor, { licenseId: item.licenseId }, deps.callLimiter);
    } catch (error) {
      outcome = { ok: false, code: "INTERNAL", message: error instanceof Error ? error.message : String(error) };
    }
    const verdict = decide(outcome, item.attempts, deps);
    if (verdict.kind === "retry") {
      deps.log?.(`run ${runId}: license ${item.licenseId} ${verdict.reason}; again in ${verdict.delayMs} ms`);
      await release(db, item, new Date(clock() + verdict.delayMs), verdict.reason);
      return;
    }
    await settle(db, runId, item, verdict);
  };

  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, loop));
  const finished = await finishIfDone(db, runId);
  const stopped = Boolean(deps.signal?.aborted) && !finished;
  const recheckAfterMs = stopped ? null : finished ? await unknownRecheck(db, runId, deps) : await recheckAfter(db, runId, clock(), deps.leaseMs);
  return { processed, finished, stopped, recheckAfterMs };
}

type Verdict = { kind: "settle"; status: Exclude<RenewalRunItemStatus, "PENDING" | "RUNNING">; orderId: string | null; message: string | null } | { kind: "retry"; delayMs: number; reason: string };

const REFUSED_BY_SECTIGO = "Sectigo refused the renewal: see the order.";

function fromOrderStatus(status: string, orderId: string): Verdict & { kind: "settle" } {
  if (status === "PLACED" || status === "AWAITING_AUTHORIZATION") return { kind: "settle", status: "PLACED", orderId, message: null };
  if (status === "FAILED" || status === "REJECTED") return { kind: "settle", status: "FAILED", orderId, message: REFUSED_BY_SECTIGO };
  return { kind: "settle", status: "UNKNOWN", orderId, message: "Sectigo's answer was lost; Order Desk is checking with Sectigo (the order will not be sent again)." };
}

export function decide(outcome: RenewOutcome, attempts: number, deps: Pick<EngineDeps, "backoffMs" | "maxBackoffMs" | "maxRateLimited">): Verdict {
  if (outcome.ok) return fromOrderStatus(String(outcome.status), outcome.orderId);
  if (outcome.code === "RATE_LIMITED") {
    if (attempts >= (deps.maxRateLimited ?? 10)) return { kind: "settle", status: "FAILED", orderId: null, message: "Sectigo kept limiting calls (-42); renew this license later." };
    return { kind: "retry", delayMs: backoffDelay(attempts, deps.backoffMs ?? 1_000, deps.maxBackoffMs ?? 60_000), reason: "call limit (-42)" };
  }
  if (REFUSAL_CODES.has(outcome.code)) return { kind: "settle", status: "REFUSED", orderId: null, message: outcome.message };
  if (outcome.code === "INTERNAL" && attempts < MAX_ERRORS) return { kind: "retry", delayMs: backoffDelay(attempts, deps.backoffMs ?? 1_000, deps.maxBackoffMs ?? 60_000), reason: `unexpected error: ${outcome.message}` };
  return { kind: "settle", status: "FAILED", orderId: outcome.orderId ?? null, message: outcome.message };
}

/** Exponential with "equal jitter": half the delay fixed, half random, so retries spread out. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

async function claim(db: PrismaClient, runId: string, nowMs: number, leaseMs: number): Promise<Claimed | null> {
  const now = new Date(nowMs);
  const staleBefore = new Date(nowMs - leaseMs);
  const rows = await db.$queryRaw<Claimed[]>`
    UPDATE "RenewalRunItem" SET status = 'RUNNING', "claimedAt" = ${now}, attempts = attempts + 1, "notBefore" = NULL, "updatedAt" = ${now}
    WHERE id = (
      SELECT id FROM "RenewalRunItem"
      WHERE "runId" = ${runId}
        AND ((status = 'PENDING' AND ("notBefore" IS NULL OR "notBefore" <= ${now})) OR (status = 'RUNNING' AND "claimedAt" < ${staleBefore}))
      ORDER BY id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    AND (status = 'PENDING' OR (status = 'RUNNING' AND "claimedAt" < ${staleBefore}))
    RETURNING id, "licenseId", attempts`;
  return rows[0] ?? null;
}

/**
 * Nothing to claim now: how long to wait for an item delayed by a call limit, or null to stop this
 * loop (nothing left, or only items other loops or workers hold: the job is queued again to check
 * on them once their lease could have run out, rather than keep a job slot waiting).
 */
async function idleWait(db: PrismaClient, runId: string, nowMs: number, deps: EngineDeps): Promise<number | null> {
  const next = await db.renewalRunItem.findFirst({ where: { runId, status: "PENDING" }, select: { notBefore: true }, orderBy: { notBefore: "asc" } });
  if (!next) return null;
  const poll = deps.idlePollMs ?? 500;
  return Math.max(10, Math.min(poll, next.notBefore ? next.notBefore.getTime() - nowMs : poll));
}

/** When the oldest claim still open could be taken back (null: none open). */
async function recheckAfter(db: PrismaClient, runId: string, nowMs: number, leaseMs: number): Promise<number | null> {
  const oldest = await db.renewalRunItem.findFirst({ where: { runId, status: "RUNNING" }, select: { claimedAt: true }, orderBy: { claimedAt: "asc" } });
  if (!oldest) return null;
  return Math.max(500, (oldest.claimedAt?.getTime() ?? nowMs) + leaseMs - nowMs);
}

async function release(db: PrismaClient, item: Claimed, notBefore: Date, reason: string): Promise<void> {
  await db.renewalRunItem.updateMany({ where: { id: item.id, status: "RUNNING", attempts: item.attempts }, data: { status: "PENDING", notBefore, claimedAt: null, message: `Waiting: ${reason}.` } });
}

/**
 * One statement: the item moves only if the claim is still ours (RUNNING, our attempt), and the run's
 * counter goes up only if it moved. Every settle of a run touches the run's row: as a two-statement
 * transaction it held that row's lock for four round trips (BEGIN, two updates, COMMIT), which made
 * the run row the queue every loop waited in; here the lock lasts one statement.
 */
async function settle(db: PrismaClient, runId: string, item: Claimed, verdict: Verdict & { kind: "settle" }): Promise<void> {
  const s = verdict.status;
  await db.$executeRaw`
    WITH moved AS (
      UPDATE "RenewalRunItem"
      SET status = ${s}::"RenewalRunItemStatus", "orderId" = ${verdict.orderId}, message = ${verdict.message}, "claimedAt" = NULL, "updatedAt" = now()
      WHERE id = ${item.id} AND status = 'RUNNING' AND attempts = ${item.attempts}
      RETURNING 1
    )
    UPDATE "RenewalRun" SET
      placed = placed + ${s === "PLACED" ? 1 : 0},
      refused = refused + ${s === "REFUSED" ? 1 : 0},
      failed = failed + ${s === "FAILED" ? 1 : 0},
      unknown = unknown + ${s === "UNKNOWN" ? 1 : 0}
    WHERE id = ${runId} AND EXISTS (SELECT 1 FROM moved)`;
}

/**
 * UNKNOWN items whose order reconciliation has settled: PLACED (or awaiting authorization) -> PLACED;
 * REJECTED (Sectigo has it and refused it) -> FAILED, as a refusal at the first answer is
 * (`fromOrderStatus`); FAILED (Sectigo does not have it: "not placed, safe to order again") ->
 * PENDING, and the run RUNNING again. One statement, so two workers reviving together move each
 * item (and its counts) once. (A REJECTED order left its item UNKNOWN for ever: the recheck only
 * looks again while an order is open, and nothing else moved it.)
 */
async function reviveSettledUnknownItems(db: PrismaClient, runId: string): Promise<number> {
  return db.$executeRaw`
    WITH moved AS (
      UPDATE "RenewalRunItem" i
      SET status = (CASE o.status WHEN 'FAILED' THEN 'PENDING' WHEN 'REJECTED' THEN 'FAILED' ELSE 'PLACED' END)::"RenewalRunItemStatus",
          message = CASE o.status
            WHEN 'FAILED' THEN 'Sectigo never received the first attempt (checked): renewing it again.'
            WHEN 'REJECTED' THEN ${REFUSED_BY_SECTIGO}
            ELSE NULL END,
          "notBefore" = NULL, "claimedAt" = NULL, "updatedAt" = now()
      FROM "Order" o
      WHERE i."runId" = ${runId} AND i.status = 'UNKNOWN' AND o.id = i."orderId" AND o.status IN ('FAILED', 'REJECTED', 'PLACED', 'AWAITING_AUTHORIZATION')
      RETURNING o.status::text AS was
    )
    UPDATE "RenewalRun" SET
      unknown = unknown - (SELECT count(*) FROM moved),
      placed = placed + (SELECT count(*) FROM moved WHERE was IN ('PLACED', 'AWAITING_AUTHORIZATION')),
      failed = failed + (SELECT count(*) FROM moved WHERE was = 'REJECTED'),
      status = CASE WHEN EXISTS (SELECT 1 FROM moved WHERE was = 'FAILED') AND status = 'DONE' THEN 'RUNNING'::"RenewalRunStatus" ELSE status END,
      "finishedAt" = CASE WHEN EXISTS (SELECT 1 FROM moved WHERE was = 'FAILED') THEN NULL ELSE "finishedAt" END
    WHERE id = ${runId} AND EXISTS (SELECT 1 FROM moved)`;
}

/**
 * A finished run with UNKNOWN items whose orders are still open, or settled since this pass revived
 * them (reconciliation can settle an order between the two statements): look again after the next
 * reconciliation pass (null: none). Without the settled ones, such an item stayed UNKNOWN for ever.
 */
async function unknownRecheck(db: PrismaClient, runId: string, deps: Pick<EngineDeps, "unknownRecheckMs">): Promise<number | null> {
  const open = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM "RenewalRunItem" i JOIN "Order" o ON o.id = i."orderId"
    WHERE i."runId" = ${runId} AND i.status = 'UNKNOWN' AND o.status IN ('SUBMITTING', 'UNKNOWN', 'FAILED', 'REJECTED', 'PLACED', 'AWAITING_AUTHORIZATION') LIMIT 1`;
  return open.length > 0 ? (deps.unknownRecheckMs ?? 60_000) : null;
}

/** DONE once no item is open; conditional, so two workers finishing together record it once. */
async function finishIfDone(db: PrismaClient, runId: string): Promise<boolean> {
  const done = await db.$executeRaw`
    UPDATE "RenewalRun" SET status = 'DONE', "finishedAt" = now()
    WHERE id = ${runId} AND status IN ('QUEUED', 'RUNNING')
      AND NOT EXISTS (SELECT 1 FROM "RenewalRunItem" WHERE "runId" = ${runId} AND status IN ('PENDING', 'RUNNING'))`;
  if (done === 1) return true;
  const run = await db.renewalRun.findUnique({ where: { id: runId }, select: { status: true } });
  return run?.status === "DONE";
}

