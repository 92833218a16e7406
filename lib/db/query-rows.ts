import type { Prisma } from "@/lib/generated/prisma/client";

/** What a raw query needs of a node-postgres connection (pg.Client, pg.PoolClient). */
export interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Runs a `Prisma.sql` statement on a plain node-postgres connection (an export's own connection,
 * lib/exports/export-slots.ts). Dates go as ISO 8601 in UTC: node-postgres would send them in the
 * process's local zone, which `::timestamp` (UTC wall time, as Prisma stores it) would then misread.
 */
export async function queryRows<R extends object>(db: Queryable, sql: Prisma.Sql): Promise<R[]> {
  const values = sql.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return (await db.query<R>(sql.text, values)).rows;
}
