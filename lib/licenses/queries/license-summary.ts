import type { Prisma } from "@/lib/generated/prisma/client";

/** What a one-line license summary shows (home page, lookup). */
export const licenseSummarySelect = {
  id: true,
  domainName: true,
  productName: true,
  status: true,
  expiresAt: true,
  autoRenew: true,
  customer: { select: { name: true } },
  addOns: { where: { status: "ACTIVE" }, select: { productName: true } },
} satisfies Prisma.LicenseSelect;

export type LicenseSummary = Prisma.LicenseGetPayload<{ select: typeof licenseSummarySelect }>;
