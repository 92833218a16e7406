import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { PAGE_SIZE, tableQuerySchema, toPage } from "@/lib/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { z } from "zod";

export const customersQuerySchema = tableQuerySchema(["name", "email", "createdAt"] as const, "name", "asc");
export type CustomersQuery = z.output<typeof customersQuerySchema>;

export async function listCustomers(_actor: Actor, query: CustomersQuery) {
  const where: Prisma.CustomerWhereInput = query.q
    ? { OR: [{ name: { contains: query.q, mode: "insensitive" } }, { email: { contains: query.q.toLowerCase() } }] }
    : {};
  const [rows, total] = await Promise.all([
    prisma.customer.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        country: true,
        createdAt: true,
        _count: { select: { licenses: true, orders: true } },
      },
    }),
    prisma.customer.count({ where }),
  ]);
  return toPage(rows, total, query.page);
}
