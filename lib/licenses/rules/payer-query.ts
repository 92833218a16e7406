/**
 * The reads behind license-payer.ts: the creating order's payer, as small as it can be asked for.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { PAYER_REQUEST } from "@/lib/orders/order-payer-query";
import { sectigoBillsCustomer } from "./payer";

/** The payer part of the request of the order `orderId` (a column expression for a statement of the caller's). */
export function payerRequestOf(orderId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT ${PAYER_REQUEST} FROM "Order" o WHERE o.id = ${orderId})`;
}

/** Whether Sectigo bills the customer of the license created by `orderId`: one small select. */
export async function licenseBilledBySectigo(db: PrismaClient, orderId: string): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ request: unknown }>>`SELECT ${PAYER_REQUEST} AS request FROM "Order" o WHERE o.id = ${orderId}`;
  return sectigoBillsCustomer(rows[0]?.request);
}

/** Of these creating orders, those whose licenses Sectigo bills to the customer: one select for a whole bulk preview. */
export async function ordersBillingCustomer(db: PrismaClient, orderIds: string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ id: string; request: unknown }>>`
    SELECT o.id, ${PAYER_REQUEST} AS request FROM "Order" o
    WHERE o.id = ANY(${[...new Set(orderIds)]}::text[]) AND o.request->'input'->>'resellerPays' = 'false'`;
  return new Set(rows.filter((r) => sectigoBillsCustomer(r.request)).map((r) => r.id));
}
