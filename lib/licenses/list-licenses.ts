import { z } from "zod";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { PAGE_SIZE, tableQuerySchema, toPage } from "@/lib/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { RENEWAL_WINDOW_DAYS } from "@/lib/licenses/renewal-window";

const DAY_MS = 86_400_000;

export const licensesQuerySchema = tableQuerySchema(["expiresAt", "domainName", "productName"] as const, "expiresAt", "asc").extend({
  window: z.enum(["all", "open", "not-yet", "expired", "pending"]).catch("all").default("all"),
});
export type LicensesQuery = z.output<typeof licensesQuerySchema>;

function windowFilter(window: LicensesQuery["window"], now: Date): Prisma.LicenseWhereInput {
  const opens = new Date(now.getTime() + RENEWAL_WINDOW_DAYS * DAY_MS);
  switch (window) {
    case "open":
      return { status: "ACTIVE", expiresAt: { gt: now, lte: opens } };
    case "not-yet":
      return { status: "ACTIVE", expiresAt: { gt: opens } };
    case "expired":
      return { status: { in: ["ACTIVE", "EXPIRED"] }, expiresAt: { lte: now } };
    case "pending":
      return { status: "PENDING" };
    default:
      return {};
  }
}

/** Licenses by expiry, with renewal-window filters computed in the database. */
export async function listLicenses(_actor: Actor, query: LicensesQuery, now = new Date()) {
  const q = query.q.toLowerCase();
  const where: Prisma.LicenseWhereInput = {
    ...windowFilter(query.window, now),
    ...(q
      ? {
          OR: [
            { domainName: { contains: q } },
            { currentOrderNumber: q },
            { customer: { name: { contains: query.q, mode: "insensitive" } } },
            { customer: { email: { contains: q } } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.license.findMany({
      where,
      orderBy: [{ [query.sort]: { sort: query.dir, nulls: "last" } }, { id: "asc" }],
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
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
    prisma.license.count({ where }),
  ]);
  return toPage(rows, total, query.page);
}
