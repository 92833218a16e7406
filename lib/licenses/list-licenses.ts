import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { escapeLike, loadPage, tableQuerySchema } from "@/lib/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { expiredExpiries, renewableExpiries } from "@/lib/licenses/renewal-window";

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

function windowFilter(window: LicensesQuery["window"], now: Date): Prisma.LicenseWhereInput {
  const renewable = renewableExpiries(now);
  switch (window) {
    case "open":
      return { status: "ACTIVE", expiresAt: renewable };
    case "not-yet":
      return { status: "ACTIVE", expiresAt: { gt: renewable.lte } };
    case "expired":
      return { status: { in: ["ACTIVE", "EXPIRED"] }, expiresAt: expiredExpiries(now) };
    case "pending":
      return { status: "PENDING" };
    default:
      return {};
  }
}

/** `nulls` is accepted only on a nullable column: Prisma refuses it on domainName/productName. */
function orderByFor(query: LicensesQuery): Prisma.LicenseOrderByWithRelationInput {
  if (query.sort === "expiresAt") return { expiresAt: { sort: query.dir, nulls: "last" } };
  return { [query.sort]: query.dir };
}

/** Licenses by expiry, with renewal-window filters computed in the database. */
export async function listLicenses(actor: Actor, query: LicensesQuery, now = new Date()) {
  assertCan(actor, "viewLicenses");
  const q = query.q.toLowerCase();
  const like = escapeLike(q);
  const where: Prisma.LicenseWhereInput = {
    ...windowFilter(query.window, now),
    ...(q
      ? {
          OR: [
            { domainName: { contains: like } },
            { currentOrderNumber: query.q },
            { customer: { name: { contains: escapeLike(query.q), mode: "insensitive" } } },
            { customer: { email: { contains: like } } },
          ],
        }
      : {}),
  };
  return loadPage(
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
    () => prisma.license.count({ where }),
  );
}
