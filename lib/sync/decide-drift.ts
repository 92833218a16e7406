/**
 * A person decides drift rows: ACCEPT takes Sectigo's value into our licence (status, expiry or
 * auto-renew), IGNORE leaves ours and closes the row. One row, several, or `all` open rows (bulk,
 * at most 500 per call: the page says how many remain).
 *
 * An order unknown to us can only be ignored: the report carries no customer e-mail or contact, so
 * a customer record built from it would be a guess; the row says what Sectigo has, and the person
 * records the missing order by hand (or ignores it). Each change is recorded with its before and
 * after (the action's audit entry), and the row keeps who decided and when.
 *
 * The licence updates are one statement per kind (UPDATE ... FROM "DriftItem"), in one transaction
 * with the rows' new state: no round trip per row.
 */
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { actorUserId } from "@/lib/auth/system-actor";
import { recordChange } from "@/lib/audit/audit-scope";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decideDriftSchema, type DecideDriftInput } from "./sync-schemas";

export const DECIDE_BATCH = 500;

const FIELD = { STATUS: "status", EXPIRY: "expiresAt", AUTO_RENEW: "autoRenew" } as const;

export interface DecideDriftResult {
  decided: number;
  remaining: number;
}

export async function decideDrift(actor: Actor | null, raw: DecideDriftInput, deps: { db: PrismaClient }): Promise<DecideDriftResult> {
  assertCan(actor, "syncWithSectigo");
  const parsed = decideDriftSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Choose at least one difference.", "ids");
  const { decision, ids, all } = parsed.data;
  const { db } = deps;
  const accept = decision === "ACCEPT";
  const where = {
    state: "OPEN" as const,
    ...(all ? {} : { id: { in: ids } }),
    ...(accept && all ? { kind: { not: "UNKNOWN_TO_US" as const } } : {}),
  };
  const items = await db.driftItem.findMany({ where, orderBy: { id: "asc" }, take: DECIDE_BATCH });
  if (items.length === 0) throw new AppError("CONFLICT", "These differences were already decided (or a newer sync replaced them). Reload the page.");
  if (accept && items.some((i) => i.kind === "UNKNOWN_TO_US")) {
    throw new AppError("INVALID_INPUT", "An order unknown to Order Desk cannot take Sectigo's value (the report has no customer details): ignore it, or record it by hand.", "ids");
  }
  const chosen = items.map((i) => i.id);
  const who = actorUserId(actor);
  const now = new Date();

  const before = await db.$transaction(async (tx) => {
    const licenceIds = [...new Set(items.map((i) => i.licenceId).filter((id): id is string => !!id))];
    const licences = accept ? await tx.license.findMany({ where: { id: { in: licenceIds } }, select: { id: true, status: true, expiresAt: true, autoRenew: true } }) : [];
    if (accept) {
      await tx.$executeRaw`UPDATE "License" l SET "status" = d."theirs"::"LicenseStatus", "updatedAt" = now()
        FROM "DriftItem" d WHERE d."id" = ANY(${chosen}) AND d."kind" = 'STATUS' AND d."licenceId" = l."id"`;
      await tx.$executeRaw`UPDATE "License" l SET "expiresAt" = (d."theirs"::timestamptz AT TIME ZONE 'UTC'), "updatedAt" = now()
        FROM "DriftItem" d WHERE d."id" = ANY(${chosen}) AND d."kind" = 'EXPIRY' AND d."licenceId" = l."id"`;
      await tx.$executeRaw`UPDATE "License" l SET "autoRenew" = (d."theirs" = 'true'), "updatedAt" = now()
        FROM "DriftItem" d WHERE d."id" = ANY(${chosen}) AND d."kind" = 'AUTO_RENEW' AND d."licenceId" = l."id"`;
    }
    const done = await tx.driftItem.updateMany({ where: { id: { in: chosen }, state: "OPEN" }, data: { state: accept ? "ACCEPTED" : "IGNORED", decidedById: who, decidedAt: now } });
    if (done.count !== chosen.length) throw new AppError("CONFLICT", "Someone decided some of these differences at the same time. Reload the page.");
    return new Map(licences.map((l) => [l.id, l]));
  });

  for (const item of items) {
    if (accept && item.licenceId && item.kind !== "UNKNOWN_TO_US") {
      const field = FIELD[item.kind];
      const was = before.get(item.licenceId);
      const value = item.kind === "AUTO_RENEW" ? item.theirs === "true" : item.theirs;
      recordChange({
        target: `License:${item.licenceId}`,
        before: { [field]: was ? was[field] : item.ours, drift: item.id },
        after: { [field]: value, source: "Sectigo", drift: item.id },
      });
    } else {
      recordChange({ target: `DriftItem:${item.id}`, before: { state: "OPEN" }, after: { state: "IGNORED", kind: item.kind, orderNumber: item.orderNumber } });
    }
  }
  const remaining = all ? await db.driftItem.count({ where: { ...where, id: undefined } }) : 0;
  return { decided: items.length, remaining };
}
