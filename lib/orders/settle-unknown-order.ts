/**
 * A person settles an order whose outcome reconciliation could not decide alone (a PlaceOrder order
 * with several candidates at Sectigo): "this one is ours" (one of the candidates it found, not
 * claimed by another order of ours) or "none of them: it was not placed". Nothing is sent to Sectigo.
 */
import { withOrderStateRecorded } from "@/lib/audit/record-state-change";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import type { OrderDeps } from "./order-deps";
import type { Candidate } from "./reconcile-order";
import { settlePlaced, transition } from "./settle-order";

export const settleUnknownSchema = z.object({
  orderId: z.string().min(1).max(64),
  /** One of the candidates' order numbers, or NOT_PLACED. */
  choice: z.union([z.literal("NOT_PLACED"), z.string().regex(/^\d{1,20}$/, "Pick one of the orders listed.")]),
});

async function settleUnknownOrderOnce(actor: Actor | null, raw: z.input<typeof settleUnknownSchema>, deps: OrderDeps): Promise<{ status: string }> {
  assertCan(actor, "placeOrders");
  const input = settleUnknownSchema.parse(raw);
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const order = await db.order.findUnique({
    where: { id: input.orderId },
    include: { items: true, events: { where: { kind: "CANDIDATES" }, orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!order) throw new AppError("NOT_FOUND", "That order does not exist.");
  if (order.status !== "UNKNOWN" || order.pendingAction) throw new AppError("CONFLICT", "This order is no longer waiting to be settled.");

  if (input.choice === "NOT_PLACED") {
    const message = `${actor.name} checked Sectigo's candidates: none is this order, so it was not placed. It is safe to order it again.`;
    const moved = await db.$transaction((tx) =>
      transition(tx, order.id, actor, { from: ["UNKNOWN"], to: "FAILED", changes: { errorMessage: message }, event: { kind: "RECONCILED", message } }),
    );
    if (!moved) throw new AppError("CONFLICT", "Someone settled this order a moment ago.");
    return { status: "FAILED" };
  }
  const candidates = ((order.events[0]?.data as { candidates?: Candidate[] } | null)?.candidates ?? []) as Candidate[];
  const candidate = candidates.find((c) => c.orderNumber === input.choice);
  if (!candidate) throw new AppError("INVALID_INPUT", "Pick one of the orders Sectigo showed.", "choice");
  const claimed = await db.order.findFirst({ where: { orderNumber: candidate.orderNumber, NOT: { id: order.id } }, select: { foreignOrderNumber: true } });
  if (claimed) throw new AppError("CONFLICT", `Sectigo order ${candidate.orderNumber} already belongs to our order ${claimed.foreignOrderNumber}.`, "choice");
  const placement = {
    orderNumber: candidate.orderNumber,
    awaiting: (candidate.status ?? "").toLowerCase().startsWith("await"),
    via: `identified among Sectigo's candidates by ${actor.name}`,
  };
  const full = { id: order.id, customerId: order.customerId, request: order.request, items: order.items };
  const moved = await db.$transaction((tx) => settlePlaced(tx, full, actor, placement, now, ["UNKNOWN"]));
  if (!moved) throw new AppError("CONFLICT", "Someone settled this order a moment ago.");
  return { status: placement.awaiting ? "AWAITING_AUTHORIZATION" : "PLACED" };
}

/** settleUnknownOrder, with the order's before/after in the person's audit entry (lib/audit/record-state-change.ts). */
export async function settleUnknownOrder(actor: Actor | null, raw: z.input<typeof settleUnknownSchema>, deps: OrderDeps): Promise<{ status: string }> {
  const d = deps;
  const id = (raw as { orderId?: unknown } | null)?.orderId;
  return typeof id === "string" ? withOrderStateRecorded(d.db, id, () => settleUnknownOrderOnce(actor, raw, d), () => true) : settleUnknownOrderOnce(actor, raw, d);
}
