import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { redactText } from "@/lib/orders/redact";
import type { Candidate } from "@/lib/orders/reconcile-order";

/** Our order ids: cuids, or the demo seed's readable ids (demo-license-…-order). */
export const orderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);

/**
 * One order's whole story for its page: items, customer, licenses and add-ons, every event with
 * who did it, and every call to Sectigo (passwords were redacted when recorded; redacted again here
 * in case an old row was not). What the viewer may do next comes with it.
 */
export async function getOrder(actor: Actor, id: string) {
  assertCan(actor, "viewOrders");
  const parsed = orderIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const order = await prisma.order.findUnique({
    where: { id: parsed.data },
    include: {
      customer: { select: { id: true, name: true, email: true } },
      resellerAccount: { select: { label: true, loginName: true, mode: true } },
      placedBy: { select: { name: true, email: true } },
      items: { orderBy: { createdAt: "asc" }, include: { domains: { select: { domainName: true, source: true }, orderBy: { id: "asc" } } } },
      licenses: { include: { addOns: { orderBy: { createdAt: "asc" } } }, orderBy: { createdAt: "asc" } },
      addOns: { include: { license: { select: { id: true, domainName: true } } } },
      targetLicense: { select: { id: true, domainName: true, productName: true, expiresAt: true } },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      apiCalls: { orderBy: { createdAt: "asc" }, take: 50 },
    },
  });
  if (!order) return null;
  const candidates =
    order.status === "UNKNOWN"
      ? (([...order.events].reverse().find((e) => e.kind === "CANDIDATES")?.data as { candidates?: Candidate[] } | null)?.candidates ?? null)
      : null;
  return {
    ...order,
    apiCalls: order.apiCalls.map((c) => ({ ...c, request: redactText(c.request), response: c.response ? redactText(c.response) : null })),
    candidates,
    can: {
      reconcile: can(actor.role, "placeOrders") && (order.status === "UNKNOWN" || order.status === "SUBMITTING") && !candidates,
      settle: can(actor.role, "placeOrders") && order.status === "UNKNOWN" && Boolean(candidates),
      decide: can(actor.role, "authorizeOrders") && order.status === "AWAITING_AUTHORIZATION" && !order.pendingAction,
    },
  };
}

export type OrderStory = NonNullable<Awaited<ReturnType<typeof getOrder>>>;
