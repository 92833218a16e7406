import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { licenceIdSchema } from "@/lib/licenses/get-license";
import { mergeStory } from "./merge-story";
import { addOnEntry, licenceEntry } from "./story-rows";
import { apiCallsSource, auditSource, eventsSource, orderStorySelect, ordersSource, refOf } from "./story-queries";
import type { Story, StoryDirection } from "./types";

/**
 * A licence's story: the order that created it and every order that acted on it since
 * (renewals, add-ons, upgrades, downgrades, cancellations, refunds: Order(targetLicenseId,
 * createdAt)), their events and calls to Sectigo, its start and its add-ons, and the audit
 * entries that name the licence or one of those orders. The creating order's events about its
 * *other* licences (an auto-renew switch names its licence) are left out.
 */
export async function loadLicenceStory(actor: Actor, id: string, opts: { direction: StoryDirection; limit: number }): Promise<Story | null> {
  assertCan(actor, "viewLicenses");
  const parsed = licenceIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const licence = await prisma.license.findUnique({ where: { id: parsed.data } });
  if (!licence) return null;
  const [created, acting, addOns] = await Promise.all([
    prisma.order.findUnique({ where: { id: licence.orderId }, select: orderStorySelect }),
    prisma.order.findMany({ where: { targetLicenseId: licence.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: opts.limit + 1, select: orderStorySelect }),
    prisma.addOn.findMany({ where: { licenseId: licence.id }, orderBy: { createdAt: "desc" }, take: opts.limit + 1 }),
  ]);
  const actingKept = acting.slice(0, opts.limit);
  const orders = [...(created ? [created] : []), ...actingKept];
  const refs = orders.map(refOf);
  const refById = new Map(refs.map((r) => [r.id, r]));
  const aboutThisLicence = (e: { kind: string; data: unknown }) =>
    !(e.kind.startsWith("AUTO_RENEW") && e.data && typeof e.data === "object" && "licenceId" in e.data && (e.data as { licenceId: unknown }).licenceId !== licence.id);
  const [events, calls, audit] = await Promise.all([
    eventsSource(refs, opts.limit, aboutThisLicence),
    apiCallsSource(refs, opts.limit),
    auditSource([`License:${licence.id}`, ...refs.map((r) => `Order:${r.id}`)], opts.limit),
  ]);
  const me = { id: licence.id, label: licence.domainName };
  return mergeStory(
    [
      ordersSource(orders, acting.length > opts.limit),
      { entries: [licenceEntry(licence, refById.get(licence.orderId))], capped: false },
      { entries: addOns.slice(0, opts.limit).map((a) => addOnEntry(a, me, a.orderId ? refById.get(a.orderId) : undefined)), capped: addOns.length > opts.limit },
      events,
      calls,
      audit,
    ],
    opts.direction,
    opts.limit,
  );
}
