/**
 * Whether a license can still be refunded, and which call cancels it (Sectigo's "Canceling orders"): AutoRefund
 * refunds AND cancels but only inside the refund window; modifyThirdPartyDetails CANCELLICENCE
 * always cancels (the way for a monthly license or once the window has closed). The window itself
 * is the rule the sandbox uses (lib/licenses/rules/refund-rule.ts).
 */
import { hasRefundWindow, isInsideRefundWindow, refundWindowClosesAt, REFUND_WINDOW_DAYS } from "@/lib/licenses/rules/refund-rule";

export { REFUND_WINDOW_DAYS };

export type RefundWindow =
  | { state: "OPEN"; closesAt: Date }
  | { state: "CLOSED"; closedAt: Date }
  /** Monthly (30-day) licenses have no refund period. */
  | { state: "NONE" };

export type CancellationCall = "autoRefund" | "cancelLicense";

/**
 * The current period starts at the purchase, or at the last renewal (the window restarts then). A
 * plan change does not restart it.
 */
export function currentPeriodStart(purchasedAt: Date, renewedAt: readonly Date[]): Date {
  return renewedAt.reduce((latest, d) => (d.getTime() > latest.getTime() ? d : latest), purchasedAt);
}

export function refundWindow(license: { termDays: number | null; periodStart: Date }, now: Date): RefundWindow {
  if (!hasRefundWindow(license.termDays)) return { state: "NONE" };
  const closes = refundWindowClosesAt(license.periodStart);
  return isInsideRefundWindow(license.termDays, license.periodStart, now) ? { state: "OPEN", closesAt: closes } : { state: "CLOSED", closedAt: closes };
}

/** AutoRefund inside the window; CANCELLICENCE outside it or for a monthly license. */
export function cancellationCall(window: RefundWindow): CancellationCall {
  return window.state === "OPEN" ? "autoRefund" : "cancelLicense";
}
