import "server-only";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { escapeLike } from "@/lib/pagination";
import { pickerSearchSchema } from "@/lib/search/picker-search-schema";

/** The order form's customer picker: a few customers of the account by e-mail or name prefix. */
export async function searchCustomers(actor: Actor, input: z.input<typeof pickerSearchSchema>) {
  assertCan(actor, "placeOrders");
  const { resellerAccountId, q } = pickerSearchSchema.parse(input);
  if (q.length < 2) return [];
  const prefix = escapeLike(q.toLowerCase());
  return prisma.customer.findMany({
    where: { resellerAccountId, OR: [{ email: { startsWith: prefix } }, { name: { startsWith: escapeLike(q), mode: "insensitive" } }] },
    orderBy: { name: "asc" },
    take: 8,
    select: {
      id: true, name: true, email: true, foreName: true, surName: true, telephone: true, country: true,
      // Their latest order Sectigo knows: a SiteLock order for an existing customer names it.
      orders: { where: { orderNumber: { not: null } }, orderBy: { createdAt: "desc" }, take: 1, select: { orderNumber: true } },
    },
  });
}
