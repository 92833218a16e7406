/**
 * Whether a license can still be refunded, and which call cancels it (Sectigo's "Canceling orders"): AutoRefund
 * refunds AND cancels but only inside the refund window; modifyThirdPartyDetails CANCELLICENCE
 * always cancels (the way for a monthly license or once the window has closed). The window: 14 days
 * from the start of the current period (the purchase, or the last renewal), inclusive; monthly
 * (30-day) licenses have none (Sectigo, "Canceling orders"; the Partner Portal's "Maintaining SiteLock products" words it
 * differently).
 */
const DAY_MS = 86_400_000;
export const REFUND_WINDOW_DAYS = 14;

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
 * The SSL PLUS SiteLock Bundle (1072): AutoRefund is no way to cancel it (Sectigo, "Canceling orders": the
 * documented way is CANCELLICENCE), and it came free with its certificate, so cancelling it
 * refunds nothing, inside the window or not (lib/sectigo/README.md decisions).
 */
export const SSL_SITELOCK_BUNDLE_CODE = 1072;

/** Whether `!AutoRefund` may be used for this product (inside its window): never for the bundle. */
export function autoRefundApplies(productCode: number): boolean {
  return productCode !== SSL_SITELOCK_BUNDLE_CODE;
}


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
