/**
 * The refund window, one rule for the app and the sandbox (cancel-refund.md, contradictions #20):
 * 14 days from the start of the current period (the purchase, or the last renewal: the period
 * restarts after a renewal), inclusive; monthly (30-day) licences have none. Pure and
 * dependency-free: both sides import it.
 */
export const REFUND_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** Only annual licences are refundable. */
export function hasRefundWindow(termDays: number | null): boolean {
  return termDays !== null && termDays >= 365;
}

/** The last instant a refund is possible for a period that started at `periodStart`. */
export function refundWindowClosesAt(periodStart: Date): Date {
  return new Date(periodStart.getTime() + REFUND_WINDOW_DAYS * DAY_MS);
}

/** Refundable: annual, and now <= period start + 14 days. */
export function isInsideRefundWindow(termDays: number | null, periodStart: Date, now: Date): boolean {
  return hasRefundWindow(termDays) && now.getTime() <= refundWindowClosesAt(periodStart).getTime();
}
