/**
 * What a cancellation costs and gives back, said before the click and recorded after it (issue 18
 * item 4). Sectigo's AutoRefund answers no amount: it credits what the reseller paid for the
 * license's current period (Sectigo's "Canceling orders": "credit the reseller balance with the order amount";
 * the period restarts at a renewal). So the amount back is read from our own records: what Sectigo
 * debited (or, until it said so, what we expected it to debit) for every order on the license that
 * Sectigo still refunds: the order that bought or last renewed it and the plan changes since (the
 * license's own period, open when a refund is offered), and each add-on whose own term has a refund
 * period (annual) still open from its own purchase (Sectigo refunds add-ons "inside their own refund
 * window": a 30-day add-on has none, tools/sandbox/core/licenses.ts cancelWithAddOns). Days lost are
 * the days the license would still have run.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isInsideRefundWindow, REFUND_WINDOW_DAYS } from "@/lib/licenses/rules/refund-window";

const DAY_MS = 86_400_000;
type Db = Pick<PrismaClient, "order">;

export interface AmountBack {
  amount: number;
  currency: string;
}

/** Whole days from `now` to the expiry (0 when expired or without one). */
export function daysLost(expiresAt: Date | null, now: Date): number {
  if (!expiresAt) return 0;
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
}

/**
 * What a refund now would give back: the debits Sectigo refunds now, on this license. Null when no
 * such debit is known (an imported license, prices not set): the page then says so rather than
 * showing a made-up figure.
 */
export async function refundAmount(
  db: Db,
  license: { id: string; orderId: string; termDays: number | null },
  period: { start: Date; renewed: boolean },
  now: Date,
): Promise<AmountBack | null> {
  // An add-on bought more than the refund period ago is past its own window, whatever its term.
  const addOnsFrom = new Date(now.getTime() - REFUND_WINDOW_DAYS * DAY_MS);
  const orders = await db.order.findMany({
    where: {
      status: "PLACED",
      OR: [
        // The order that bought it is the period's debit until a renewal starts a new period.
        ...(period.renewed ? [] : [{ id: license.orderId }]),
        { targetLicenseId: license.id, kind: { in: ["RENEWAL", "UPGRADE", "DOWNGRADE"] }, placedAt: { gte: period.start } },
        { targetLicenseId: license.id, kind: "ADD_ON", placedAt: { gte: addOnsFrom } },
      ],
    },
    select: { kind: true, placedAt: true, totalCost: true, buyTotal: true, currency: true, items: { select: { days: true } } },
  });
  const refunded = orders.filter((o) => stillRefunded(o, license, period.start, now));
  const amounts = refunded.map((o) => o.totalCost ?? o.buyTotal).filter((a) => a !== null);
  if (amounts.length === 0) return null;
  const total = amounts.reduce((sum, a) => sum + Number(a.toString()), 0);
  return { amount: Math.round(total * 100) / 100, currency: refunded.find((o) => o.currency)?.currency ?? "USD" };
}

/**
 * Whether Sectigo refunds this order now, as it does (lib/licenses/rules/refund-window.ts): its own
 * term must have a refund period (annual) and that period must still be open. An add-on's period
 * starts at its own purchase; the license's orders (purchase, renewal, plan change) share the
 * license's current period.
 */
function stillRefunded(
  order: { kind: string; placedAt: Date | null; items: { days: number | null }[] },
  license: { termDays: number | null },
  periodStart: Date,
  now: Date,
): boolean {
  if (order.kind !== "ADD_ON") return isInsideRefundWindow(license.termDays, periodStart, now);
  const days = order.items.map((i) => i.days).find((d) => d !== null) ?? null;
  return order.placedAt !== null && isInsideRefundWindow(days, order.placedAt, now);
}
