/**
 * Authorizing or rejecting a reseller=Y order (AutoAuthorize / AutoReject), exactly once.
 *
 * The decision is claimed first: `pendingAction` is set only while the order is AWAITING_AUTHORIZATION
 * and nobody else holds it, so two people (or a double click, or a bulk run and a person) cannot
 * both send it. The answer settles it, with its licenses in the same transaction: PLACED (authorized;
 * the licenses held while it waited become ACTIVE, or are recorded) or REJECTED (they are cancelled); a
 * refusal by Sectigo releases the claim and leaves the order waiting; a lost answer makes the order
 * UNKNOWN with the claim kept, and reconciliation reads the order's status at Sectigo to finish it.
 */
import { withOrderStateRecorded } from "@/lib/audit/record-state-change";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { actorUserId } from "@/lib/auth/system-actor";
import { AppError } from "@/lib/errors";
import type { OrderStatus, Prisma } from "@/lib/generated/prisma/client";
import type { OrderDeps } from "./order-deps";
import { eventData, settlePlaced, transition } from "./settle-order";
import { cancelRejectedLicenses } from "./authorized-licenses";

export const decisionSchema = z.object({
  orderId: z.string().min(1).max(64),
  decision: z.enum(["AUTHORIZE", "REJECT"]),
});

export type DecisionResult =
  | { outcome: "AUTHORIZED" | "REJECTED"; orderNumber: string }
  /** Sectigo refused the decision; the order still waits. */
  | { outcome: "REFUSED"; message: string }
  | { outcome: "UNKNOWN"; message: string }
  /** Someone else decided (or is deciding) this order. */
  | { outcome: "ALREADY_DECIDED"; status: OrderStatus; pendingAction: string | null };

async function decideAuthorizationOnce(actor: Actor | null, raw: z.input<typeof decisionSchema>, deps: OrderDeps): Promise<DecisionResult> {
  assertCan(actor, "authorizeOrders");
  const input = decisionSchema.parse(raw);
  const { db } = deps;
  const verb = input.decision === "AUTHORIZE" ? "authorize" : "reject";

  const claimed = await db.$transaction(async (tx) => {
    const { count } = await tx.order.updateMany({
      where: { id: input.orderId, status: "AWAITING_AUTHORIZATION", pendingAction: null, orderNumber: { not: null } },
      data: { pendingAction: input.decision },
    });
    if (count !== 1) return false;
    await tx.orderEvent.create({ data: eventData(input.orderId, actor, { kind: "NOTE", message: `Sending the decision to ${verb} the order to Sectigo.` }) });
    return true;
  });
  const order = await db.order.findUnique({ where: { id: input.orderId }, include: { items: true } });
  if (!order) throw new AppError("NOT_FOUND", "That order does not exist.");
  if (!claimed) return { outcome: "ALREADY_DECIDED", status: order.status, pendingAction: order.pendingAction };
  const orderNumber = order.orderNumber!;
  // Narrowed copies for the helper below (closures do not keep narrowing).
  const me: Actor = actor;
  const current = order;

  // A failure of ours must never leave the claim set for ever: before anything is sent it is
  // released (decide again); after, the order becomes UNKNOWN and reconciliation reads Sectigo.
  let client;
  try {
    client = await deps.sectigo(order.resellerAccountId, { orderId: order.id, actorId: actorUserId(actor) });
  } catch (error) {
    await release(deps, order.id, input.decision, actor, "Nothing was sent to Sectigo: Order Desk could not prepare the call. Decide again.");
    throw error;
  }
  const lost = async (error: unknown) => {
    const message = `Something failed on our side while sending the decision to ${verb}; whether Sectigo received it is not known. Order Desk checks the order's status there; it will not be sent again.`;
    await db.$transaction((tx) => transition(tx, order.id, actor, { from: ["AWAITING_AUTHORIZATION"], to: "UNKNOWN", changes: { errorMessage: message }, event: { kind: "UNKNOWN", message } }));
    throw error;
  };
  let result;
  try {
    result = input.decision === "AUTHORIZE" ? await client.autoAuthorize({ orderNumber }) : await client.autoReject({ orderNumber });
  } catch (error) {
    return lost(error);
  }
  const now = deps.now?.() ?? new Date();

  if (result.ok) {
    // Sectigo debits on authorization, and neither PlaceOrder's answer nor AutoAuthorize's says how
    // much: without asking, "we pay" stayed blank on every authorized order (issue 17 item 9).
    const debited = input.decision === "AUTHORIZE" ? await debitedCost(client, orderNumber) : undefined;
    try {
      return await settleDecision(result.value as { siteLockUserId?: string; siteLockSiteId?: string }, debited);
    } catch (error) {
      return lost(error);
    }
  }
  async function settleDecision(value: { siteLockUserId?: string; siteLockSiteId?: string }, cost: number | undefined): Promise<DecisionResult> {
    if (input.decision === "AUTHORIZE") {
      const full = { id: current.id, customerId: current.customerId, request: current.request, items: current.items };
      // The order and its licenses in one step (authorized-licenses.ts): the licenses run from when
      // Sectigo placed the order (`placedAt` while it waited), as Sectigo's do.
      const placement = { orderNumber, cost, awaiting: false, via: "AutoAuthorize", eventKind: "AUTHORIZED" as const, siteLockUserId: value.siteLockUserId, siteLockSiteId: value.siteLockSiteId, termStartsAt: current.placedAt ?? undefined };
      await db.$transaction((tx) => settlePlaced(tx, full, me, placement, now, ["AWAITING_AUTHORIZATION"]));
      return { outcome: "AUTHORIZED", orderNumber };
    }
    await db.$transaction(async (tx) => {
      const moved = await transition(tx, current.id, me, { from: ["AWAITING_AUTHORIZATION"], to: "REJECTED", changes: { pendingAction: null }, event: { kind: "REJECTED", message: `Order ${orderNumber} rejected at Sectigo (AutoReject).` } });
      if (moved) await cancelRejectedLicenses(tx, current.id);
    });
    return { outcome: "REJECTED", orderNumber };
  }
  const error = result.error;
  if (error.mayHavePlaced) {
    const message = `Sectigo's answer to the decision to ${verb} was lost; Order Desk is checking what happened. It will not be sent again.`;
    await db.$transaction((tx) => transition(tx, order.id, actor, { from: ["AWAITING_AUTHORIZATION"], to: "UNKNOWN", changes: { errorMessage: message }, event: { kind: "UNKNOWN", message } }));
    return { outcome: "UNKNOWN", message };
  }
  await release(deps, order.id, input.decision, actor, `Sectigo refused to ${verb} the order: ${error.userMessage}`, { code: error.code ?? null });
  return { outcome: "REFUSED", message: error.userMessage };
}

/**
 * What Sectigo debited for an order it just authorized: its cost in WebHostReport (a read, safe to
 * repeat). Undefined when the report does not answer: the order is authorized all the same, and
 * "we pay" shows our expected buy price until the next reconciliation or sync says.
 */
async function debitedCost(client: Awaited<ReturnType<OrderDeps["sectigo"]>>, orderNumber: string): Promise<number | undefined> {
  try {
    const report = await client.webHostReport({ orderNumbers: [orderNumber], showCost: true });
    return report.ok ? report.value.rows.find((r) => r.orderNumber === orderNumber)?.cost : undefined;
  } catch {
    return undefined;
  }
}

/** Gives the claim back (nothing was sent): the order waits for a decision again. */
async function release(deps: OrderDeps, orderId: string, decision: string, actor: Actor, message: string, data?: Prisma.InputJsonValue): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    await tx.order.updateMany({ where: { id: orderId, pendingAction: decision }, data: { pendingAction: null } });
    await tx.orderEvent.create({ data: eventData(orderId, actor, { kind: "NOTE", message, data }) });
  });
}

/** decideAuthorization, with the order's before/after in the person's audit entry (lib/audit/record-state-change.ts). */
export async function decideAuthorization(actor: Actor | null, raw: z.input<typeof decisionSchema>, deps: OrderDeps): Promise<DecisionResult> {
  const d = deps;
  const id = (raw as { orderId?: unknown } | null)?.orderId;
  return typeof id === "string" ? withOrderStateRecorded(d.db, id, () => decideAuthorizationOnce(actor, raw, d), (r) => r.outcome === "AUTHORIZED" || r.outcome === "REJECTED" || r.outcome === "UNKNOWN") : decideAuthorizationOnce(actor, raw, d);
}
