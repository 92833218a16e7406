import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { escapeLike, loadPage, tableQuerySchema } from "@/lib/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { OrderStatus } from "@/lib/generated/prisma/enums";

/** The sortable columns of the orders list, with the header label the page shows. */
export const ORDER_SORTS = {
  orderNumber: { label: "Order", kind: "text" },
  status: { label: "Status", kind: "status" },
  createdAt: { label: "Placed", kind: "date" },
} as const;

export const ordersQuerySchema = tableQuerySchema(["createdAt", "orderNumber", "status"] as const, "createdAt", "desc").extend({
  status: z.enum(Object.values(OrderStatus) as [OrderStatus, ...OrderStatus[]]).optional().catch(undefined),
});
export type OrdersQuery = z.output<typeof ordersQuerySchema>;

/** Orders, paged, sorted and filtered in the database. `q` matches order numbers, customers and domains. */
export async function listOrders(actor: Actor, query: OrdersQuery) {
  assertCan(actor, "viewOrders");
  const q = query.q;
  const like = escapeLike(q.toLowerCase());
  const where: Prisma.OrderWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(q
      ? {
          OR: [
            { orderNumber: q },
            { foreignOrderNumber: q },
            { customer: { name: { contains: escapeLike(q), mode: "insensitive" } } },
            { customer: { email: { contains: like } } },
            { items: { some: { domainName: { contains: like } } } },
          ],
        }
      : {}),
  };
  return loadPage(
    query.page,
    (skip, take) =>
      prisma.order.findMany({
        where,
        orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
        skip,
        take,
        select: {
          id: true,
          orderNumber: true,
          foreignOrderNumber: true,
          kind: true,
          status: true,
          createdAt: true,
          totalCost: true,
          currency: true,
          customer: { select: { id: true, name: true } },
          items: { select: { productName: true, domainName: true, isAddOn: true }, orderBy: { createdAt: "asc" } },
        },
      }),
    () => prisma.order.count({ where }),
  );
}
