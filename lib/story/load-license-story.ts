import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { licenseIdSchema } from "@/lib/licenses/queries/get-license";
import { mergeStory } from "./merge-story";
import { addOnEntry, licenseEntry } from "./story-rows";
import { apiCallsSource, auditSource, eventsSource, orderStorySelect, ordersSource, refOf } from "./story-queries";
import type { Story, StoryDirection } from "./types";

/**
 * A license's story: the order that created it and every order that acted on it since
 * (renewals, add-ons, upgrades, downgrades, cancellations, refunds: Order(targetLicenseId,
 * createdAt)), their events and calls to Sectigo, its start and its add-ons, and the audit
 * entries that name the license or one of those orders. The creating order's events about its
 * *other* licenses (an auto-renew switch names its license) are left out.
 */
export async function loadLicenseStory(actor: Actor, id: string, opts: { direction: StoryDirection; limit: number }): Promise<Story | null> {
  assertCan(actor, "viewLicenses");
  const parsed = licenseIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const license = await prisma.license.findUnique({ where: { id: parsed.data } });
  if (!license) return null;
  const [created, acting, addOns] = await Promise.all([
    prisma.order.findUnique({ where: { id: license.orderId }, select: orderStorySelect }),
    prisma.order.findMany({ where: { targetLicenseId: license.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: opts.limit + 1, select: orderStorySelect }),
    prisma.addOn.findMany({ where: { licenseId: license.id }, orderBy: { createdAt: "desc" }, take: opts.limit + 1 }),
  ]);
  const actingKept = acting.slice(0, opts.limit);
  const orders = [...(created ? [created] : []), ...actingKept];
  const refs = orders.map(refOf);
  const refById = new Map(refs.map((r) => [r.id, r]));
  const aboutThisLicense = (e: { kind: string; data: unknown }) =>
    !(e.kind.startsWith("AUTO_RENEW") && e.data && typeof e.data === "object" && "licenseId" in e.data && (e.data as { licenseId: unknown }).licenseId !== license.id);
  const [events, calls, audit] = await Promise.all([
    eventsSource(refs, opts.limit, aboutThisLicense),
    apiCallsSource(refs, opts.limit),
    auditSource([`License:${license.id}`, ...refs.map((r) => `Order:${r.id}`)], opts.limit),
  ]);
  const me = { id: license.id, label: license.domainName };
  return mergeStory(
    [
      ordersSource(orders, acting.length > opts.limit),
      { entries: [licenseEntry(license, refById.get(license.orderId))], capped: false },
      { entries: addOns.slice(0, opts.limit).map((a) => addOnEntry(a, me, a.orderId ? refById.get(a.orderId) : undefined)), capped: addOns.length > opts.limit },
      events,
      calls,
      audit,
    ],
    opts.direction,
    opts.limit,
  );
}
