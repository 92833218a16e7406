import type pg from "pg";

export interface LookupQuery {
  kind: "order number" | "domain" | "e-mail";
  q: string;
}

/**
 * What support pastes into the search box, taken from the world itself: order numbers, licensed
 * domains and customers' e-mails of licenses spread over the whole table (a 1% block sample, so
 * not the first rows the planner would hand back), in equal thirds, interleaved.
 */
export async function lookupQueries(db: pg.Client, count: number): Promise<LookupQuery[]> {
  const perKind = Math.max(1, Math.ceil(count / 3));
  const { rows } = await db.query<{ orderNumber: string; domainName: string; email: string }>(
    `SELECT o."orderNumber", l."domainName", c.email
       FROM "License" l TABLESAMPLE SYSTEM (1)
       JOIN "Order" o ON o.id = l."orderId" JOIN "Customer" c ON c.id = l."customerId"
      WHERE o."orderNumber" IS NOT NULL
      LIMIT $1`,
    [perKind],
  );
  if (rows.length === 0) throw new Error("No licenses to sample: the world is empty.");
  return rows.flatMap((r) => [
    { kind: "order number" as const, q: r.orderNumber },
    { kind: "domain" as const, q: r.domainName },
    { kind: "e-mail" as const, q: r.email },
  ]);
}
