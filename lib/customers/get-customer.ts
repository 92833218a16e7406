import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { customerIdSchema } from "@/lib/story/load-customer-story";
import { licenseStatus } from "@/lib/licenses/rules/status";

/** How many licenses and orders the customer page lists (newest first); the lists link to the full, filtered lists. */
export const CUSTOMER_PAGE_ROWS = 25;
/** Counts stop here: a customer with thousands of orders reads "1,000+" instead of a full count. */
const COUNT_CAP = 1000;

/**
 * One customer for their page: details, their newest licenses and orders (Order(customerId,
 * createdAt), License(customerId)), and capped counts.
 */
export async function getCustomer(actor: Actor, id: string, now: Date = new Date()) {
  assertCan(actor, "viewCustomers");
  const parsed = customerIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const customer = await prisma.customer.findUnique({
    where: { id: parsed.data },
    include: { resellerAccount: { select: { label: true } }, accountManager: { select: { name: true } } },
  });
  if (!customer) return null;
  const [licenses, orders, licenseIds, orderIds] = await Promise.all([
    prisma.license.findMany({
      where: { customerId: customer.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CUSTOMER_PAGE_ROWS,
      select: { id: true, domainName: true, productName: true, status: true, startsAt: true, expiresAt: true, autoRenew: true, currentOrderNumber: true },
    }),
    prisma.order.findMany({
      where: { customerId: customer.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CUSTOMER_PAGE_ROWS,
      select: { id: true, kind: true, status: true, orderNumber: true, foreignOrderNumber: true, createdAt: true, currency: true, sellTotal: true, placedBy: { select: { name: true } } },
    }),
    prisma.license.findMany({ where: { customerId: customer.id }, take: COUNT_CAP + 1, select: { id: true } }),
    prisma.order.findMany({ where: { customerId: customer.id }, take: COUNT_CAP + 1, select: { id: true } }),
  ]);
  const capped = (n: number) => (n > COUNT_CAP ? `${COUNT_CAP.toLocaleString("en-US")}+` : String(n));
  return {
    ...customer,
    licenses: licenses.map((l) => ({ ...l, derivedStatus: licenseStatus(l, now) })),
    orders,
    licenseCount: capped(licenseIds.length),
    orderCount: capped(orderIds.length),
  };
}

export type CustomerStory = NonNullable<Awaited<ReturnType<typeof getCustomer>>>;
