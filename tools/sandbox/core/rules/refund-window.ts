/**
 * The sandbox's refund window, written from Sectigo's "Canceling orders" page (SiteLock SRA integration
 * guide): "the refund period is 14 days by default", "monthly licenses have no refund period by default",
 * and "the refund period starts again after a license renewal"; and from "Maintaining SiteLock products"
 * (partner portal): "refundable within 14 days of the purchase; only annual licenses are refundable"
 * (contradictions table, row 20: the period starts at the purchase or the last renewal).
 *
 * Sandbox decisions: "within 14 days" is inclusive (period start + 14 days exactly is still inside);
 * "annual" is any term of 365 days or more (the SiteLock terms are 30 and 365 days; a license ordered
 * without a term, SiteLock 911, has none).
 */
export const REFUND_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** Refundable now: an annual term, and now <= start of the current period + 14 days. */
export function refundableNow(termDays: number | null, periodStart: Date, now: Date): boolean {
  if (termDays === null || termDays < 365) return false;
  return now.getTime() <= periodStart.getTime() + REFUND_WINDOW_DAYS * DAY_MS;
}
