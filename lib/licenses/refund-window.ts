/**
 * Whether a licence can still be refunded, and which call cancels it (cancel-refund.md): AutoRefund
 * refunds AND cancels but only inside the refund window; modifyThirdPartyDetails CANCELLICENCE
 * always cancels (the way for a monthly licence or once the window has closed). The window itself
 * is the rule the sandbox uses (lib/sectigo/refund-rule.ts).
 */
import { hasRefundWindow, isInsideRefundWindow, refundWindowClosesAt, REFUND_WINDOW_DAYS } from "@/lib/sectigo/refund-rule";

export { REFUND_WINDOW_DAYS };

export type RefundWindow =
  | { state: "OPEN"; closesAt: Date }
  | { state: "CLOSED"; closedAt: Date }
  /** Monthly (30-day) licences have no refund period. */
  | { state: "NONE" };

export type CancellationCall = "autoRefund" | "cancelLicence";

/**
 * The current period starts at the purchase, or at the last renewal (the window restarts then). A
 * plan change does not restart it.
 */
export function currentPeriodStart(purchasedAt: Date, renewedAt: readonly Date[]): Date {
  return renewedAt.reduce((latest, d) => (d.getTime() > latest.getTime() ? d : latest), purchasedAt);
}

export function refundWindow(licence: { termDays: number | null; periodStart: Date }, now: Date): RefundWindow {
  if (!hasRefundWindow(licence.termDays)) return { state: "NONE" };
  const closes = refundWindowClosesAt(licence.periodStart);
  return isInsideRefundWindow(licence.termDays, licence.periodStart, now) ? { state: "OPEN", closesAt: closes } : { state: "CLOSED", closedAt: closes };
}

/** AutoRefund inside the window; CANCELLICENCE outside it or for a monthly licence. */
export function cancellationCall(window: RefundWindow): CancellationCall {
  return window.state === "OPEN" ? "autoRefund" : "cancelLicence";
}
