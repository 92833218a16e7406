/**
 * The refund window, one rule for the app and the sandbox (Sectigo's SRA "Canceling orders"; the Partner Portal's
 * "Maintaining SiteLock products" words it differently):
 * 14 days from the start of the current period (the purchase, or the last renewal: the period
 * restarts after a renewal), inclusive; monthly (30-day) licenses have none. Pure and
 * dependency-free: both sides import it.
 */
export const REFUND_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** Only annual licenses are refundable. */
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

/**
 * The SSL PLUS SiteLock Bundle (1072): AutoRefund is no way to cancel it (Sectigo's "Canceling orders":
 * the documented way is CANCELLICENCE), and it came free with its certificate, so cancelling it
 * refunds nothing, inside the window or not (lib/sectigo/README.md decisions).
 */
export const SSL_SITELOCK_BUNDLE_CODE = 1072;

/** Whether `!AutoRefund` may be used for this product (inside its window): never for the bundle. */
export function autoRefundApplies(productCode: number): boolean {
  return productCode !== SSL_SITELOCK_BUNDLE_CODE;
}
