import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { orderIdSchema } from "@/lib/orders/get-order";
import { mergeStory } from "./merge-story";
import { addOnEntry, licenseEntry } from "./story-rows";
import { apiCallsSource, auditSource, eventsSource, orderStorySelect, ordersSource, refOf } from "./story-queries";
import type { Story, StoryDirection } from "./types";

/**
 * An order's story: its creation, every event (status changes, authorization, reconciliation,
 * auto-renew switches), every call to Sectigo, the licenses and add-ons it started, and the audit
 * entries that name it. Each read is indexed on the order's id and capped at `limit`.
 */
export async function loadOrderStory(actor: Actor, id: string, opts: { direction: StoryDirection; limit: number }): Promise<Story | null> {
  assertCan(actor, "viewOrders");
  const parsed = orderIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const order = await prisma.order.findUnique({ where: { id: parsed.data }, select: orderStorySelect });
  if (!order) return null;
  const ref = refOf(order);
  const [licenses, addOns, events, calls, audit] = await Promise.all([
    prisma.license.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "desc" }, take: opts.limit + 1 }),
    prisma.addOn.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "desc" }, take: opts.limit + 1, include: { license: { select: { id: true, domainName: true } } } }),
    eventsSource([ref], opts.limit),
    apiCallsSource([ref], opts.limit),
    auditSource([`Order:${order.id}`], opts.limit),
  ]);
  return mergeStory(
    [
      ordersSource([order], false),
      { entries: licenses.slice(0, opts.limit).map((l) => licenseEntry(l, ref)), capped: licenses.length > opts.limit },
      { entries: addOns.slice(0, opts.limit).map((a) => addOnEntry(a, { id: a.license.id, label: a.license.domainName }, ref)), capped: addOns.length > opts.limit },
      events,
      calls,
      audit,
    ],
    opts.direction,
    opts.limit,
  );
}
