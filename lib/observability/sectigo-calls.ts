/**
 * One log line and the metrics for each call to Sectigo (lib/sectigo/client/transport.ts calls this
 * once per call, after it has classified the outcome). Only what is safe by construction: the
 * endpoint, the outcome, the HTTP status, Sectigo's error code, the time and our order's ids; never
 * the body, the login name or the password (the transport holds those; it passes none of them).
 */
import { log } from "./logger";
import { metrics } from "./metrics";

export interface SectigoCallEvent {
  endpoint: string;
  operation?: string;
  outcome: string;
  durationMs: number;
  httpStatus?: number;
  errorCode?: number;
  /** Our order's id, when the client was made for one order. */
  orderId?: string;
  /** Our order's number as sent to Sectigo (OD-...), when the call carried one. */
  foreignOrderNumber?: string;
  /** Sectigo's order number the call acted on, when there was one. */
  orderNumber?: string;
}

export function observeSectigoCall(event: SectigoCallEvent): void {
  try {
    const m = metrics();
    m.sectigoCallSeconds.observe({ endpoint: event.endpoint }, event.durationMs / 1000);
    m.sectigoCalls.inc({ endpoint: event.endpoint, outcome: event.outcome });
    const line: Record<string, unknown> = {
      msg: "sectigo call",
      endpoint: event.endpoint,
      outcome: event.outcome,
      ms: Math.round(event.durationMs * 10) / 10,
    };
    for (const key of ["operation", "httpStatus", "errorCode", "orderId", "foreignOrderNumber", "orderNumber"] as const) {
      if (event[key] !== undefined) line[key] = event[key];
    }
    if (event.outcome === "SUCCESS" || event.outcome === "API_ERROR") log().info(line);
    else log().warn(line);
  } catch {
    // Observing a call must never change its result: a call to Sectigo is a payment.
  }
}
