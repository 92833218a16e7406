/**
 * What a cancellation costs and gives back, said before the click and recorded after it (issue 18
 * item 4). Sectigo's AutoRefund answers no amount: it credits what the reseller paid for the
 * license's current period (Sectigo's "Canceling orders": "credit the reseller balance with the order amount";
 * the period restarts at a renewal). So the amount back is read from our own records: what Sectigo
 * debited (or, until it said so, what we expected it to debit) for every order placed on the license
 * in its current period: the order that bought or last renewed it, and the add-ons and plan changes
 * placed since. Days lost are the days the license would still have run.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";

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
 * What a refund now would give back: the debits of the current period, on this license. Null when
 * no debit of the period is known (an imported license, prices not set): the page then says so
 * rather than showing a made-up figure.
 */
export async function refundAmount(db: Db, license: { id: string; orderId: string }, period: { start: Date; renewed: boolean }): Promise<AmountBack | null> {
  const orders = await db.order.findMany({
    where: {
      status: "PLACED",
      OR: [
        // The order that bought it is the period's debit until a renewal starts a new period.
        ...(period.renewed ? [] : [{ id: license.orderId }]),
        { targetLicenseId: license.id, kind: { in: ["RENEWAL", "ADD_ON", "UPGRADE", "DOWNGRADE"] }, placedAt: { gte: period.start } },
      ],
    },
    select: { totalCost: true, buyTotal: true, currency: true },
  });
  const amounts = orders.map((o) => o.totalCost ?? o.buyTotal).filter((a) => a !== null);
  if (amounts.length === 0) return null;
  const total = amounts.reduce((sum, a) => sum + Number(a.toString()), 0);
  return { amount: Math.round(total * 100) / 100, currency: orders.find((o) => o.currency)?.currency ?? "USD" };
}
