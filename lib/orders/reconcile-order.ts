/**
 * Finding out what happened to an order whose outcome is unknown, without ever sending it again.
 *
 * - AutoApplyOrder carries our `foreignOrderNumber`: WebHostReport by that reference either shows
 *   the order (-> PLACED with Sectigo's number; when that number is recorded on another order already,
 *   settle-taken-number.ts) or does not (-> FAILED "not placed, safe to order
 *   again"). Certain either way.
 * - PlaceOrder has no documented foreignOrderNumber: the report is asked for the orders placed
 *   around the time of ours (and on its domain, when it has one); a single candidate with the same
 *   products and domain that no other order of ours claims is certain. Otherwise the candidates
 *   are kept on the order for a person to settle (settle-unknown-order.ts); none at all -> not
 *   placed.
 * - An order still SUBMITTING is only looked at once the call's time budget has passed: its call
 *   may still be under way.
 */
import { withOrderStateRecorded } from "@/lib/audit/record-state-change";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { actorUserId } from "@/lib/auth/system-actor";
import { AppError } from "@/lib/errors";
import type { WebHostReportRow } from "@/lib/sectigo/client";
import type { OrderDeps } from "./order-deps";
import { eventData, OPEN_STATUSES, settlePlaced, transition } from "./settle-order";
import type { OrderSubmission } from "./submission";
import { reconcileCancellation } from "./settle-cancellation";
import { cancelRejectedLicenses } from "./authorized-licenses";
import { settleTakenNumber } from "./settle-taken-number";

/** A SUBMITTING order older than this has lost its caller (twice the default 30 s call budget, plus margin). */
export const STALE_SUBMITTING_MS = 90_000;

/** When a SUBMITTING order's call is surely over: twice its time budget plus 30 s (at least 90 s). */
export function staleSubmittingMs(deps: Pick<OrderDeps, "callTimeoutMs">): number {
  return Math.max(STALE_SUBMITTING_MS, 2 * (deps.callTimeoutMs ?? 30_000) + 30_000);
}

/**
 * "Not at Sectigo" is only final this long after the order was sent: a call that timed out may
 * still be completing there (Sectigo may place it after we gave up), and reconciling early would
 * tell staff "safe to order again" for an order that is about to exist.
 */
export const SETTLE_WINDOW_MS = 10 * 60_000;
/** "10 minutes", or "20 seconds" for a window shorter than a minute (a sandbox). */
const waitText = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`);
const WINDOW_BEFORE_MS = 5 * 60_000;
const WINDOW_AFTER_MS = 30 * 60_000;

/**
 * The window for this order's account: the configured one (RECONCILE_SETTLE_WINDOW_MS, lowered for a
 * sandbox, which never places late), but never under SETTLE_WINDOW_MS for a LIVE account. The env's
 * floor is checked only with SECTIGO_MODE=live, and a process in sandbox mode may hold live accounts
 * too (review i19: a live order was called not placed after 20 s, and a bulk run renewed it again).
 */
async function settleWindowFor(deps: Pick<OrderDeps, "db" | "settleWindowMs">, resellerAccountId: string): Promise<number> {
  const configured = deps.settleWindowMs ?? SETTLE_WINDOW_MS;
  if (configured >= SETTLE_WINDOW_MS) return configured;
  const account = await deps.db.resellerAccount.findUnique({ where: { id: resellerAccountId }, select: { mode: true } });
  return account?.mode === "SANDBOX" ? configured : SETTLE_WINDOW_MS;
}

export interface Candidate {
  orderNumber: string;
  placedAt: string | null;
  domainName: string | null;
  productCodes: number[];
  status: string | null;
}

export type ReconcileResult =
  | { outcome: "PLACED"; orderNumber: string }
  | { outcome: "NOT_PLACED" }
  /** A lost authorization/rejection answer: how it ended at Sectigo. */
  | { outcome: "REJECTED" | "AWAITING_AUTHORIZATION" }
  | { outcome: "NEEDS_A_PERSON"; candidates: Candidate[] }
  | { outcome: "NOT_YET"; reason: string }
  | { outcome: "SETTLED_ALREADY" };

async function reconcileOrderOnce(actor: Actor | null, input: { orderId: string }, deps: OrderDeps): Promise<ReconcileResult> {
  assertCan(actor, "placeOrders");
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const order = await db.order.findUnique({
    where: { id: input.orderId },
    include: { items: { orderBy: { createdAt: "asc" } } },
  });
  if (!order) throw new AppError("NOT_FOUND", "That order does not exist.");
  if (!OPEN_STATUSES.includes(order.status)) return { outcome: "SETTLED_ALREADY" };
  if (order.status === "SUBMITTING" && now.getTime() - order.createdAt.getTime() < staleSubmittingMs(deps)) {
    return { outcome: "NOT_YET", reason: "The order is still being sent; check again in a minute." };
  }
  const request = order.request as OrderSubmission["sectigo"] | null;
  if (!request) throw new AppError("CONFLICT", "This order has no recorded request to reconcile.");
  const settleWindowMs = await settleWindowFor(deps, order.resellerAccountId);

  const client = await deps.sectigo(order.resellerAccountId, { orderId: order.id, actorId: actorUserId(actor) });
  // A refund or cancellation is not an order at Sectigo: the license's status there says (settle-cancellation.ts).
  if ((request.operation as string) === "autoRefund" || (request.operation as string) === "modifyThirdPartyDetails") {
    return reconcileCancellation(deps, order, actor, client, { now, settleWindowMs });
  }
  const full = { id: order.id, customerId: order.customerId, request, items: order.items };

  if (order.pendingAction && order.orderNumber) {
    // An authorization or rejection whose answer was lost: the order's status at Sectigo says.
    const report = await client.webHostReport({ orderNumbers: [order.orderNumber], showCost: true });
    if (!report.ok) return note(deps, order.id, actor, report.error.userMessage);
    const row = report.value.rows.find((r) => r.orderNumber === order.orderNumber);
    const status = (row?.orderStatus ?? "").toLowerCase();
    if (status === "active") {
      // What Sectigo debited when it authorized (issue 17 item 9).
      const placement = { orderNumber: order.orderNumber, cost: row?.cost, awaiting: false, via: "its status at Sectigo is active", eventKind: "AUTHORIZED" as const, termStartsAt: order.placedAt ?? undefined };
      const moved = await db.$transaction((tx) => settlePlaced(tx, full, actor, placement, now, ["UNKNOWN"]));
      return moved ? { outcome: "PLACED", orderNumber: order.orderNumber } : { outcome: "SETTLED_ALREADY" };
    }
    const [to, message] =
      status === "rejected"
        ? (["REJECTED", `Sectigo shows order ${order.orderNumber} as rejected.`] as const)
        : status.startsWith("await")
          ? (["AWAITING_AUTHORIZATION", `The decision did not reach Sectigo: order ${order.orderNumber} still waits for authorization. Decide again.`] as const)
          : ([undefined, `Sectigo shows order ${order.orderNumber} as "${status || "not found"}".`] as const);
    if (!to) return note(deps, order.id, actor, message);
    const moved = await db.$transaction(async (tx) => {
      const ok = await transition(tx, order.id, actor, { from: ["UNKNOWN"], to, changes: { pendingAction: null, errorMessage: null }, event: { kind: "RECONCILED", message } });
      // Rejected: its licenses with it, as an answered rejection does (authorized-licenses.ts).
      if (ok && to === "REJECTED") await cancelRejectedLicenses(tx, order.id);
      return ok;
    });
    return moved ? { outcome: to === "REJECTED" ? "REJECTED" : "AWAITING_AUTHORIZATION" } : { outcome: "SETTLED_ALREADY" };
  }

  if (request.operation === "autoApplyOrder") {
    const report = await client.webHostReport({ foreignOrderNumbers: [order.foreignOrderNumber], showCost: true });
    if (!report.ok) return note(deps, order.id, actor, report.error.userMessage);
    const row = report.value.rows.find((r) => r.foreignOrderNumber === order.foreignOrderNumber && r.orderNumber);
    if (row?.orderNumber) {
      // The term runs from when Sectigo placed it, not from when we found out (a renewal found after
      // the old expiry still adds its term to that expiry, as at Sectigo).
      const placement = { orderNumber: row.orderNumber, cost: row.cost, awaiting: isAwaiting(row), via: `found by reference ${order.foreignOrderNumber} in WebHostReport`, termStartsAt: row.placedAt };
      // The number may be recorded on another order already (the sync's record of an auto-renewal): never throw on it.
      const taken = await settleTakenNumber(deps, order, actor, placement);
      if (taken.kind === "TAKEN") return note(deps, order.id, actor, taken.message);
      if (taken.kind === "MERGED") return taken.moved ? { outcome: "PLACED", orderNumber: row.orderNumber } : { outcome: "SETTLED_ALREADY" };
      const moved = await db.$transaction((tx) => settlePlaced(tx, full, actor, placement, now));
      return moved ? { outcome: "PLACED", orderNumber: row.orderNumber } : { outcome: "SETTLED_ALREADY" };
    }
    if (now.getTime() - order.createdAt.getTime() < settleWindowMs) {
      return note(deps, order.id, actor, `Sectigo shows no order with reference ${order.foreignOrderNumber} yet; it may still be placing it. Order Desk looks again, and only calls it not placed after ${waitText(settleWindowMs)}.`);
    }
    return notPlaced(deps, order.id, actor, `Sectigo has no order with reference ${order.foreignOrderNumber}: it was not placed, and nothing was charged. It is safe to order it again.`);
  }

  // PlaceOrder: match on time, domain and products.
  const domain = order.items.find((i) => i.domainName)?.domainName ?? null;
  const report = await client.webHostReport({
    placedFrom: new Date(order.createdAt.getTime() - WINDOW_BEFORE_MS),
    placedTo: new Date(order.createdAt.getTime() + WINDOW_AFTER_MS),
    ...(domain ? { domainName: domain } : {}),
    showCost: true,
    page: { first: 1, last: 100 },
  });
  if (!report.ok) return note(deps, order.id, actor, report.error.userMessage);
  const wanted = new Set(order.items.map((i) => i.productCode));
  const claimed = new Set(
    (
      await db.order.findMany({
        where: { orderNumber: { in: report.value.rows.flatMap((r) => (r.orderNumber ? [r.orderNumber] : [])) }, NOT: { id: order.id } },
        select: { orderNumber: true },
      })
    ).map((o) => o.orderNumber),
  );
  // Whose order: the company named in the request (or our customer's name) against the report's.
  const ours = (((request.input as { params?: Record<string, string> }).params?.organizationName ?? (await db.customer.findUnique({ where: { id: order.customerId }, select: { name: true } }))?.name) ?? "").trim().toLowerCase();
  const orgOf = (orderNumber: string) => (report.value.rows.find((r) => r.orderNumber === orderNumber)?.organizationName ?? "").trim().toLowerCase();
  const candidates = report.value.rows
    .filter((r) => r.orderNumber && !claimed.has(r.orderNumber))
    .map(candidateOf)
    .filter((c) => c.productCodes.length === 0 || c.productCodes.some((code) => wanted.has(code)))
    // Another company's order is never ours.
    .filter((c) => !ours || !orgOf(c.orderNumber) || orgOf(c.orderNumber) === ours);
  if (candidates.length === 0) {
    if (now.getTime() - order.createdAt.getTime() < settleWindowMs) {
      return note(deps, order.id, actor, "No matching order at Sectigo yet; Order Desk will look again.", "NOT_YET");
    }
    return notPlaced(deps, order.id, actor, "Sectigo shows no order with these products placed at that time: it was not placed. It is safe to order it again.");
  }
  // Certain only when the one candidate has our products and something names it ours: the domain,
  // or the company. Time and products alone could be another customer's order.
  const identified = (c: Candidate) => (domain ? c.domainName?.toLowerCase() === domain.toLowerCase() : Boolean(ours) && orgOf(c.orderNumber) === ours);
  const exact = candidates.filter((c) => sameProducts(c.productCodes, wanted) && identified(c));
  if (exact.length === 1 && candidates.length === 1) {
    const c = exact[0]!;
    const row = report.value.rows.find((r) => r.orderNumber === c.orderNumber)!;
    const placement = { orderNumber: c.orderNumber, cost: row.cost, awaiting: isAwaiting(row), via: "the only order at Sectigo with these products, domain and time" };
    const moved = await db.$transaction((tx) => settlePlaced(tx, full, actor, placement, now));
    return moved ? { outcome: "PLACED", orderNumber: c.orderNumber } : { outcome: "SETTLED_ALREADY" };
  }
  await db.$transaction(async (tx) => {
    await tx.orderEvent.create({
      data: eventData(order.id, actor, {
        kind: "CANDIDATES",
        message: `${candidates.length} orders at Sectigo could be this one; a person must say which (or none).`,
        data: { candidates: candidates.map((c) => ({ ...c })) },
      }),
    });
    await transition(tx, order.id, actor, { from: ["SUBMITTING"], to: "UNKNOWN", event: { kind: "UNKNOWN", message: "The outcome needs a person to settle it." } });
  });
  return { outcome: "NEEDS_A_PERSON", candidates };
}

function candidateOf(row: WebHostReportRow): Candidate {
  const codes = row.items.flatMap((i) => (i.productCode !== undefined ? [i.productCode] : []));
  if (codes.length === 0 && row.productCode !== undefined) codes.push(row.productCode);
  return {
    orderNumber: row.orderNumber!,
    placedAt: row.placedAt?.toISOString() ?? null,
    domainName: row.domainName ?? row.items.find((i) => i.domain)?.domain ?? null,
    productCodes: codes,
    status: row.orderStatus ?? null,
  };
}

function sameProducts(codes: number[], wanted: Set<number>): boolean {
  return codes.length > 0 && codes.every((c) => wanted.has(c)) && [...wanted].every((w) => codes.includes(w));
}

function isAwaiting(row: WebHostReportRow): boolean {
  return (row.orderStatus ?? "").toLowerCase().startsWith("await");
}

async function note(deps: OrderDeps, orderId: string, actor: Actor, message: string, outcome: "NOT_YET" = "NOT_YET"): Promise<ReconcileResult> {
  // The every-minute pass says the same thing each time: the story keeps it once.
  const text = `Reconciliation: ${message}`;
  const last = await deps.db.orderEvent.findFirst({ where: { orderId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { message: true } });
  if (last?.message !== text) await deps.db.orderEvent.create({ data: eventData(orderId, actor, { kind: "NOTE", message: text }) });
  return { outcome, reason: message };
}

async function notPlaced(deps: OrderDeps, orderId: string, actor: Actor, message: string): Promise<ReconcileResult> {
  const moved = await deps.db.$transaction((tx) =>
    transition(tx, orderId, actor, { from: OPEN_STATUSES, to: "FAILED", changes: { errorMessage: message, errorCode: null, errorField: null }, event: { kind: "RECONCILED", message } }),
  );
  return moved ? { outcome: "NOT_PLACED" } : { outcome: "SETTLED_ALREADY" };
}

/** reconcileOrder, with the order's before/after in the person's audit entry (lib/audit/record-state-change.ts). */
export async function reconcileOrder(actor: Actor | null, raw: { orderId: string }, deps: OrderDeps): Promise<ReconcileResult> {
  const d = deps;
  const id = (raw as { orderId?: unknown } | null)?.orderId;
  return typeof id === "string" ? withOrderStateRecorded(d.db, id, () => reconcileOrderOnce(actor, raw, d), (r) => ["PLACED", "NOT_PLACED", "REJECTED", "AWAITING_AUTHORIZATION"].includes(r.outcome)) : reconcileOrderOnce(actor, raw, d);
}
