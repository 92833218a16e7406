/**
 * A person decides drift rows: ACCEPT takes Sectigo's value into our license (status, expiry or
 * auto-renew), IGNORE leaves ours and closes the row; the ignore holds on later syncs until either
 * value changes (held-ignores.ts). One row, several, or `all` open rows (bulk,
 * at most 500 per call: the page says how many remain).
 *
 * An order unknown to us can only be ignored: the report carries no customer e-mail or contact, so
 * a customer record built from it would be a guess; the row says what Sectigo has, and the person
 * records the missing order by hand (or ignores it). Each change is recorded with its before and
 * after (the action's audit entry), and the row keeps who decided and when.
 *
 * The license updates are one statement per kind (UPDATE ... FROM "DriftItem"), in one transaction
 * with the rows' new state: no round trip per row.
 *
 * Taking Sectigo's value is only right while our value is still the one the sync saw (issue 9
 * review #7): the licenses are locked (FOR UPDATE) and a row whose `ours` is no longer our value
 * (someone renewed, switched auto-renew or cancelled since) is not applied; it becomes STALE and
 * says "changed since the sync; run it again". `all` is one run's rows, and only the latest run of
 * its reseller account (an older run's view, or another account's, is never taken in bulk). The page
 * asks for a confirmation naming how many differences the click changes, and sends that number
 * (`expected`): a different number now decides nothing. No undo (issue 17 #12, decided): writing the
 * old values back could overwrite what people or Sectigo changed since; each license's before value
 * is in the action's audit entry.
 */
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { actorUserId } from "@/lib/auth/system-actor";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decideDriftSchema, type DecideDriftInput } from "./sync-schemas";
import { dropIgnores, recordIgnores } from "./held-ignores";

export const DECIDE_BATCH = 500;

const FIELD = { STATUS: "status", EXPIRY: "expiresAt", AUTO_RENEW: "autoRenew" } as const;

export interface DecideDriftResult {
  decided: number;
  remaining: number;
  /** Rows not applied because our value changed since the sync (now STALE). */
  changed: number;
  message?: string;
}

export const confirmedCountChanged = (now: number) =>
  `The differences changed since you confirmed: this would now change ${now}. Nothing was changed; check and confirm again.`;

export const CHANGED_SINCE_SYNC = "our value changed since the sync; run it again.";

type LicenseNow = { id: string; status: string; expiresAt: Date | null; autoRenew: boolean };

/** Our value now, as the sync wrote it in `ours` (compare-page.ts). */
function oursNow(kind: string, l: LicenseNow | undefined): string | null | undefined {
  if (!l) return undefined;
  if (kind === "STATUS") return l.status;
  if (kind === "EXPIRY") return l.expiresAt?.toISOString() ?? null;
  if (kind === "AUTO_RENEW") return String(l.autoRenew);
  return undefined;
}

export async function decideDrift(actor: Actor | null, raw: DecideDriftInput, deps: { db: PrismaClient }): Promise<DecideDriftResult> {
  assertCan(actor, "syncWithSectigo");
  const parsed = decideDriftSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Choose at least one difference.", "ids");
  const { decision, ids, all, runId, expected } = parsed.data;
  const { db } = deps;
  const accept = decision === "ACCEPT";
  if (all) {
    const run = await db.syncRun.findUnique({ where: { id: runId ?? "" }, select: { id: true, resellerAccountId: true } });
    if (!run) throw new AppError("NOT_FOUND", "That sync run does not exist. Reload the page.", "runId");
    const newest = await db.syncRun.findFirst({ where: { resellerAccountId: run.resellerAccountId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    if (newest?.id !== run.id) throw new AppError("CONFLICT", "A newer sync of this account replaced these differences. Reload the page.", "runId");
  }
  const where = {
    state: "OPEN" as const,
    ...(all ? { runId } : { id: { in: ids } }),
    ...(accept && all ? { kind: { not: "UNKNOWN_TO_US" as const } } : {}),
  };
  const items = await db.driftItem.findMany({ where, orderBy: { id: "asc" }, take: DECIDE_BATCH });
  if (items.length === 0) throw new AppError("CONFLICT", "These differences were already decided (or a newer sync replaced them). Reload the page.");
  if (accept && items.some((i) => i.kind === "UNKNOWN_TO_US")) {
    throw new AppError("INVALID_INPUT", "An order unknown to Order Desk cannot take Sectigo's value (the report has no customer details): ignore it, or record it by hand.", "ids");
  }
  if (all && expected !== undefined && items.length !== expected) {
    throw new AppError("CONFLICT", confirmedCountChanged(items.length), "expected");
  }
  const chosen = items.map((i) => i.id);
  const who = actorUserId(actor);
  const now = new Date();

  const { staleIds } = await auditedTransaction(async (tx, changes) => {
    const licenseIds = [...new Set(items.map((i) => i.licenseId).filter((id): id is string => !!id))];
    // Locked until the rows are decided: nobody changes them between the check and the update.
    if (accept && licenseIds.length) await tx.$queryRaw`SELECT 1 FROM "License" WHERE "id" = ANY(${licenseIds}) ORDER BY "id" FOR UPDATE`;
    const licenses: LicenseNow[] = accept ? await tx.license.findMany({ where: { id: { in: licenseIds } }, select: { id: true, status: true, expiresAt: true, autoRenew: true } }) : [];
    const byId = new Map(licenses.map((l) => [l.id, l]));
    const staleIds = accept ? items.filter((i) => i.licenseId && oursNow(i.kind, byId.get(i.licenseId)) !== i.ours).map((i) => i.id) : [];
    const apply = chosen.filter((id) => !staleIds.includes(id));
    if (staleIds.length) {
      const marked = await tx.driftItem.updateMany({ where: { id: { in: staleIds }, state: "OPEN" }, data: { state: "STALE", decidedById: who, decidedAt: now } });
      if (marked.count !== staleIds.length) throw new AppError("CONFLICT", "Someone decided some of these differences at the same time. Reload the page.");
    }
    if (accept && apply.length) {
      await tx.$executeRaw`UPDATE "License" l SET "status" = d."theirs"::"LicenseStatus", "updatedAt" = now()
        FROM "DriftItem" d WHERE d."id" = ANY(${apply}) AND d."kind" = 'STATUS' AND d."licenseId" = l."id"`;
      await tx.$executeRaw`UPDATE "License" l SET "expiresAt" = (d."theirs"::timestamptz AT TIME ZONE 'UTC'), "updatedAt" = now()
        FROM "DriftItem" d WHERE d."id" = ANY(${apply}) AND d."kind" = 'EXPIRY' AND d."licenseId" = l."id"`;
      await tx.$executeRaw`UPDATE "License" l SET "autoRenew" = (d."theirs" = 'true'), "updatedAt" = now()
        FROM "DriftItem" d WHERE d."id" = ANY(${apply}) AND d."kind" = 'AUTO_RENEW' AND d."licenseId" = l."id"`;
    }
    // An ignore holds until either value changes (held-ignores.ts); taking Sectigo's value ends it.
    if (accept) await dropIgnores(tx, apply);
    else await recordIgnores(tx, apply);
    const done = apply.length ? await tx.driftItem.updateMany({ where: { id: { in: apply }, state: "OPEN" }, data: { state: accept ? "ACCEPTED" : "IGNORED", decidedById: who, decidedAt: now } }) : { count: 0 };
    if (done.count !== apply.length) throw new AppError("CONFLICT", "Someone decided some of these differences at the same time. Reload the page.");
    for (const item of items) {
      if (staleIds.includes(item.id)) {
        changes.push({ target: `DriftItem:${item.id}`, before: { state: "OPEN" }, after: { state: "STALE", kind: item.kind, ours: item.ours } });
      } else if (accept && item.licenseId && item.kind !== "UNKNOWN_TO_US") {
        const field = FIELD[item.kind];
        const was = byId.get(item.licenseId);
        const value = item.kind === "AUTO_RENEW" ? item.theirs === "true" : item.theirs;
        changes.push({
          target: `License:${item.licenseId}`,
          before: { [field]: was ? was[field] : item.ours, drift: item.id },
          after: { [field]: value, source: "Sectigo", drift: item.id },
        });
      } else {
        changes.push({ target: `DriftItem:${item.id}`, before: { state: "OPEN" }, after: { state: "IGNORED", kind: item.kind, orderNumber: item.orderNumber } });
      }
    }
    return { staleIds };
  }, { db });

  const remaining = all ? await db.driftItem.count({ where }) : 0;
  const changed = staleIds.length;
  return {
    decided: items.length - changed,
    remaining,
    changed,
    ...(changed ? { message: `${changed} difference${changed === 1 ? "" : "s"} not applied: ${CHANGED_SINCE_SYNC}` } : {}),
  };
}
