import { z } from "zod";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { PAGE_SIZE, tableQuerySchema, toPage } from "@/lib/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { OrderStatus } from "@/lib/generated/prisma/enums";

export const ordersQuerySchema = tableQuerySchema(["createdAt", "orderNumber", "status"] as const, "createdAt", "desc").extend({
  status: z.enum(Object.values(OrderStatus) as [OrderStatus, ...OrderStatus[]]).optional().catch(undefined),
});
export type OrdersQuery = z.output<typeof ordersQuerySchema>;

/** Orders, paged, sorted and filtered in the database. `q` matches order numbers, customers and domains. */
export async function listOrders(_actor: Actor, query: OrdersQuery) {
  const q = query.q;
  const where: Prisma.OrderWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(q
      ? {
          OR: [
            { orderNumber: q },
            { foreignOrderNumber: q },
            { customer: { name: { contains: q, mode: "insensitive" } } },
            { customer: { email: { contains: q.toLowerCase() } } },
            { items: { some: { domainName: { contains: q.toLowerCase() } } } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.order.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
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
    prisma.order.count({ where }),
  ]);
  return toPage(rows, total, query.page);
}
