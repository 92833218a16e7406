import "server-only";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { COUNT_CAP, escapeLike, loadPage, SEARCH_CAP, tableQuerySchema } from "@/lib/pagination";
import { Prisma } from "@/lib/generated/prisma/client";

/** The sortable columns of the customers list, with the header label the page shows. */
export const CUSTOMER_SORTS = {
  name: { label: "Name", kind: "text" },
  email: { label: "Email", kind: "text" },
} as const;

export const customersQuerySchema = tableQuerySchema(["name", "email"] as const, "name", "asc");
export type CustomersQuery = z.output<typeof customersQuerySchema>;

/**
 * The customers a search matches, from indexes only: the e-mail by its start (text_pattern_ops),
 * the name by its start in any case (lower(name) text_pattern_ops) and, from three characters, by
 * any part (pg_trgm). Never an infix scan of e-mails or a whole-table OR.
 */
async function searchCustomerIds(q: string): Promise<string[]> {
  const like = escapeLike(q.toLowerCase());
  const byName =
    q.length >= 3 ? Prisma.sql`SELECT id FROM "Customer" WHERE name ILIKE ${`%${escapeLike(q)}%`}` : Prisma.sql`SELECT id FROM "Customer" WHERE lower(name) LIKE ${`${like}%`}`;
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM (SELECT id FROM "Customer" WHERE email LIKE ${`${like}%`} UNION ALL ${byName}) m LIMIT ${SEARCH_CAP + 1}`;
  return [...new Set(rows.map((r) => r.id))];
}

/**
 * Customers, paged in the database. Their order and license counts and first order date are
 * computed for the rows on the page only (grouped on the indexed customerId), never by
 * aggregating whole tables; the total stops at COUNT_CAP ("1,000+").
 */
export async function listCustomers(actor: Actor, query: CustomersQuery) {
  assertCan(actor, "viewCustomers");
  const where: Prisma.CustomerWhereInput = query.q ? { id: { in: await searchCustomerIds(query.q) } } : {};
  const page = await loadPage(
    query.page,
    (skip, take) =>
      prisma.customer.findMany({
        where,
        orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
        skip,
        take,
        select: { id: true, name: true, email: true, country: true },
      }),
    () => prisma.customer.count({ where, take: COUNT_CAP + 1 }),
    COUNT_CAP,
  );
  const ids = page.rows.map((c) => c.id);
  const [orders, licenses] = ids.length
    ? await Promise.all([
        prisma.order.groupBy({ by: ["customerId"], where: { customerId: { in: ids } }, _count: { _all: true }, _min: { createdAt: true } }),
        prisma.license.groupBy({ by: ["customerId"], where: { customerId: { in: ids } }, _count: { _all: true } }),
      ])
    : [[], []];
  const orderStats = new Map(orders.map((o) => [o.customerId, o]));
  const licenseCounts = new Map(licenses.map((l) => [l.customerId, l._count._all]));
  return {
    ...page,
    rows: page.rows.map((c) => ({
      ...c,
      orderCount: orderStats.get(c.id)?._count._all ?? 0,
      licenseCount: licenseCounts.get(c.id) ?? 0,
      /** When they became a customer: their first order (null until they order). */
      firstOrderAt: orderStats.get(c.id)?._min.createdAt ?? null,
    })),
  };
}
