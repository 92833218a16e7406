import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { escapeLike } from "@/lib/pagination";
import { pickerSearchSchema } from "@/lib/search/picker-search-schema";
import type { z } from "zod";

/** The order form's license picker (add-ons): a few active SiteLock licenses of the account by domain prefix. */
export async function searchLicenses(actor: Actor, input: z.input<typeof pickerSearchSchema>) {
  assertCan(actor, "placeOrders");
  const { resellerAccountId, q } = pickerSearchSchema.parse(input);
  if (q.length < 2) return [];
  return prisma.license.findMany({
    where: { status: "ACTIVE", domainName: { startsWith: escapeLike(q.toLowerCase()) }, customer: { resellerAccountId }, productCode: { in: [1060, 1061, 1062] } },
    orderBy: { domainName: "asc" },
    take: 8,
    select: {
      id: true,
      domainName: true,
      productCode: true,
      productName: true,
      currentOrderNumber: true,
      expiresAt: true,
      customer: { select: { id: true, name: true, email: true } },
      addOns: { where: { status: "ACTIVE" }, select: { productCode: true, productName: true } },
    },
  });
}
