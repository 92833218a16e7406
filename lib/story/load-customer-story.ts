import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { mergeStory } from "./merge-story";
import { licenseEntry } from "./story-rows";
import { apiCallsSource, auditSource, eventsSource, orderStorySelect, ordersSource, refOf } from "./story-queries";
import type { Story, StoryDirection } from "./types";

export const customerIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);

/**
 * A customer's story. A customer may have thousands of orders: the story reads their newest
 * `limit` orders (Order(customerId, createdAt)) and licenses, the events and calls of those
 * orders, and the audit entries naming the customer, those orders or those licenses, each capped
 * at `limit`; "show more" raises the cap.
 */
export async function loadCustomerStory(actor: Actor, id: string, opts: { direction: StoryDirection; limit: number }): Promise<Story | null> {
  assertCan(actor, "viewCustomers");
  const parsed = customerIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const customer = await prisma.customer.findUnique({ where: { id: parsed.data }, select: { id: true } });
  if (!customer) return null;
  const [orders, licenses] = await Promise.all([
    prisma.order.findMany({ where: { customerId: customer.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: opts.limit + 1, select: orderStorySelect }),
    prisma.license.findMany({ where: { customerId: customer.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: opts.limit + 1 }),
  ]);
  const orderRows = orders.slice(0, opts.limit);
  const licenseRows = licenses.slice(0, opts.limit);
  const refs = orderRows.map(refOf);
  const refById = new Map(refs.map((r) => [r.id, r]));
  const [events, calls, audit] = await Promise.all([
    eventsSource(refs, opts.limit),
    apiCallsSource(refs, opts.limit),
    auditSource([`Customer:${customer.id}`, ...refs.map((r) => `Order:${r.id}`), ...licenseRows.map((l) => `License:${l.id}`)], opts.limit),
  ]);
  return mergeStory(
    [
      ordersSource(orderRows, orders.length > opts.limit),
      { entries: licenseRows.map((l) => licenseEntry(l, refById.get(l.orderId))), capped: licenses.length > opts.limit },
      events,
      calls,
      audit,
    ],
    opts.direction,
    opts.limit,
  );
}
