/**
 * How and when a refunded or cancelled license ended (issue 18 item 4: "Refunded on 3 Dec 2026
 * ($x back)", not an expiry it will never reach). Read from the placed REFUND or CANCELLATION order
 * acting on it (the (targetLicenseId, createdAt) index) and the amount its PLACED event recorded
 * (lib/licenses/actions/cancel.ts). A license cancelled at Sectigo outside Order Desk (found by the
 * sync) has no such order: it ended, date unknown.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface LicenseEnding {
  how: "REFUNDED" | "CANCELLED";
  /** When Sectigo confirmed it; null when Order Desk did not place it. */
  on: Date | null;
  amountBack: { amount: number; currency: string } | null;
  orderId: string | null;
}

type Db = Pick<PrismaClient, "order" | "orderEvent">;

/** Reads the amount a cancellation's PLACED event recorded (cancel.ts writes `amountBack`). */
export function amountBackOf(data: unknown): LicenseEnding["amountBack"] {
  const a = (data as { amountBack?: { amount?: unknown; currency?: unknown } } | null)?.amountBack;
  return a && typeof a.amount === "number" && typeof a.currency === "string" ? { amount: a.amount, currency: a.currency } : null;
}

export async function licenseEnding(db: Db, license: { id: string; status: string }): Promise<LicenseEnding | null> {
  if (license.status !== "REFUNDED" && license.status !== "CANCELLED") return null;
  const order = await db.order.findFirst({
    where: { targetLicenseId: license.id, kind: { in: ["REFUND", "CANCELLATION"] }, status: "PLACED" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, placedAt: true },
  });
  if (!order) return { how: license.status, on: null, amountBack: null, orderId: null };
  const placed = await db.orderEvent.findFirst({ where: { orderId: order.id, kind: { in: ["PLACED", "RECONCILED"] } }, orderBy: { createdAt: "desc" }, select: { data: true } });
  return { how: license.status, on: order.placedAt, amountBack: license.status === "REFUNDED" ? amountBackOf(placed?.data) : null, orderId: order.id };
}
