import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { COUNT_CAP, escapeLike, loadPage, SEARCH_CAP, tableQuerySchema } from "@/lib/pagination";
import { Prisma } from "@/lib/generated/prisma/client";
import { licenseStatusWhere } from "@/lib/licenses/rules/status";
import { domainLabelCondition } from "@/lib/search/domain-search";

/** The sortable columns of the licenses list, with the header label the page shows. */
export const LICENSE_SORTS = {
  domainName: { label: "Domain", kind: "text" },
  productName: { label: "Product", kind: "text" },
  expiresAt: { label: "Expires", kind: "date" },
} as const;

export const licensesQuerySchema = tableQuerySchema(["expiresAt", "domainName", "productName"] as const, "expiresAt", "asc").extend({
  window: z.enum(["all", "open", "not-yet", "expired", "pending"]).catch("all").default("all"),
});
export type LicensesQuery = z.output<typeof licensesQuerySchema>;

/** The window filter, from the one status rule (lib/licenses/rules/status.ts). */
function windowFilter(window: LicensesQuery["window"], now: Date): Prisma.LicenseWhereInput {
  switch (window) {
    case "open":
      return licenseStatusWhere("RENEWABLE", now);
    case "not-yet":
      return licenseStatusWhere("ACTIVE", now);
    case "expired":
      return licenseStatusWhere("EXPIRED", now);
    case "pending":
      return licenseStatusWhere("PENDING", now);
    default:
      return {};
  }
}

/**
 * The licenses a search matches: one indexed query per kind, UNION ALL, stopped at the cap (never
 * an OR across a join, never a leading-wildcard scan): the order number; the domain whole, by its
 * start (text_pattern_ops) or by its labels (lib/search/domain-search.ts); the customer's e-mail by
 * its start and name by any part (pg_trgm, three characters at least, else by its start). A
 * fragment from inside one label ("cme" in "acme") goes through pg_trgm only when nothing else matched.
 */
async function searchLicenseIds(q: string): Promise<string[]> {
  const lower = q.toLowerCase();
  const like = escapeLike(lower);
  const labels = domainLabelCondition(Prisma.raw(`l."domainName"`), lower);
  const customersMatching =
    q.length >= 3
      ? Prisma.sql`SELECT c.id FROM "Customer" c WHERE c.email LIKE ${`${like}%`} OR c.name ILIKE ${`%${escapeLike(q)}%`}`
      : Prisma.sql`SELECT c.id FROM "Customer" c WHERE c.email LIKE ${`${like}%`} OR lower(c.name) LIKE ${`${like}%`}`;
  const direct = Prisma.sql`
      SELECT id FROM "License" WHERE "currentOrderNumber" = ${q}
      UNION ALL SELECT l.id FROM "License" l WHERE l."domainName" LIKE ${`${like}%`}
      ${labels ? Prisma.sql`UNION ALL SELECT l.id FROM "License" l WHERE ${labels}` : Prisma.empty}
      UNION ALL SELECT l.id FROM "License" l WHERE l."customerId" IN (${customersMatching})`;
  const first = async (sql: Prisma.Sql) => (await prisma.$queryRaw<Array<{ id: string }>>`SELECT id FROM (${sql}) m LIMIT ${SEARCH_CAP + 1}`).map((r) => r.id);
  const found = await first(direct);
  if (found.length || lower.length < 3) return [...new Set(found)];
  return first(Prisma.sql`SELECT l.id FROM "License" l WHERE l."domainName" LIKE ${`%${like}%`}`);
}

/** `nulls` is accepted only on a nullable column: Prisma refuses it on domainName/productName. */
function orderByFor(query: LicensesQuery): Prisma.LicenseOrderByWithRelationInput {
  if (query.sort === "expiresAt") return { expiresAt: { sort: query.dir, nulls: "last" } };
  return { [query.sort]: query.dir };
}

/**
 * Licenses by expiry, with renewal-window filters computed in the database. Fast at 1,000,000
 * licenses: a search is a capped id list from indexes, the count stops at COUNT_CAP ("1,000+"),
 * and each sort walks its index ((expiresAt, id), (domainName), (productName, id)).
 */
export async function listLicenses(actor: Actor, query: LicensesQuery, now = new Date()) {
  assertCan(actor, "viewLicenses");
  const ids = query.q ? await searchLicenseIds(query.q) : undefined;
  const where: Prisma.LicenseWhereInput = { ...windowFilter(query.window, now), ...(ids ? { id: { in: ids } } : {}) };
  const page = await loadPage(
    query.page,
    (skip, take) =>
      prisma.license.findMany({
        where,
        orderBy: [orderByFor(query), { id: "asc" }],
        skip,
        take,
        select: {
          id: true,
          domainName: true,
          productName: true,
          productCode: true,
          status: true,
          termDays: true,
          expiresAt: true,
          autoRenew: true,
          currentOrderNumber: true,
          customer: { select: { id: true, name: true } },
          addOns: { where: { status: "ACTIVE" }, select: { productName: true } },
        },
      }),
    () => prisma.license.count({ where, take: COUNT_CAP + 1 }),
    COUNT_CAP,
  );
  return page;
}
