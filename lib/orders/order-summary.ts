import type { Prisma } from "@/lib/generated/prisma/client";

/** What a one-line order summary shows (home page, lookup). */
export const orderSummarySelect = {
  id: true,
  orderNumber: true,
  foreignOrderNumber: true,
  status: true,
  createdAt: true,
  totalCost: true,
  currency: true,
  customer: { select: { name: true } },
  items: { select: { productName: true, domainName: true, isAddOn: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.OrderSelect;

export type OrderSummary = Prisma.OrderGetPayload<{ select: typeof orderSummarySelect }>;
