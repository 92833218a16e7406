import { log } from "./logger";
import { metrics } from "./metrics";

/** Counts a submission's outcome (lib/orders/submit-order.ts) and logs it with the request's id. */
export function observeOrderOutcome(outcome: string, order: { id: string; foreignOrderNumber?: string | null }): void {
  try {
    metrics().orders.inc({ outcome });
    log().info({ msg: "order submitted", outcome, orderId: order.id, ...(order.foreignOrderNumber ? { foreignOrderNumber: order.foreignOrderNumber } : {}) });
  } catch {
    // Observing must never change what the order did.
  }
}
