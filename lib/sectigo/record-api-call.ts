import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RecordedCall } from "@/lib/sectigo/client";

/**
 * Writes one ApiCall row per Sectigo call. The client has already redacted every password;
 * the row links to the reseller account and, when known, to our order (by explicit id or by
 * the foreignOrderNumber the call carried).
 */
export function apiCallRecorder(db: PrismaClient, link: { resellerAccountId: string; orderId?: string; actorId?: string | null }) {
  return async (call: RecordedCall): Promise<void> => {
    let orderId = link.orderId;
    const foreign = call.orderContext?.foreignOrderNumber;
    if (!orderId && foreign) {
      orderId = (await db.order.findUnique({ where: { foreignOrderNumber: foreign }, select: { id: true } }))?.id;
    }
    // createMany: an insert without reading the row back (create returns it, response text and all).
    await db.apiCall.createMany({
      data: {
        resellerAccountId: link.resellerAccountId,
        orderId,
        actorId: link.actorId ?? null,
        endpoint: call.endpoint,
        method: call.method,
        request: storable(JSON.stringify(call.request)),
        httpStatus: call.httpStatus,
        response: call.response === null || call.response === undefined ? call.response : storable(call.response),
        durationMs: Math.round(call.durationMs),
        outcome: call.outcome,
        errorCode: call.errorCode,
      },
    });
  };
}

/**
 * PostgreSQL's text refuses the NUL character (22021): a malformed answer carrying one lost its
 * whole ApiCall row, so the order's story missed the very call that went wrong. Shown as U+FFFD.
 */
export function storable(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
}
