/**
 * The part of a stored request orderPayer reads (lib/orders/order-payer.ts), built in SQL from the
 * Order row aliased `o`: a request can carry a whole form and a CSR, and the orders list and a bulk
 * renewal preview read many of them. Shared by every read of who pays (license-payer-query.ts too).
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

export const PAYER_REQUEST = Prisma.sql`json_build_object('operation', o.request->'operation', 'input', json_build_object('resellerPays', o.request->'input'->'resellerPays'))`;

/** The payer part of the requests of these orders, by order id: one select. */
export async function payerRequestsOf(db: PrismaClient, orderIds: string[]): Promise<Map<string, unknown>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ id: string; request: unknown }>>`
    SELECT o.id, ${PAYER_REQUEST} AS request FROM "Order" o WHERE o.id = ANY(${orderIds}::text[])`;
  return new Map(rows.map((r) => [r.id, r.request]));
}
