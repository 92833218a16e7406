import "server-only";
/**
 * The bounded, indexed reads the story loaders share. Each takes a cap and reads newest first
 * (so a cut only drops the oldest rows) and reports whether it hit the cap.
 */
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { apiCallEntry, auditEntry, eventEntry, orderEntry, orderLabel, type OrderRow } from "./story-rows";
import type { StorySource } from "./merge-story";

export const orderStorySelect = {
  id: true,
  kind: true,
  status: true,
  orderNumber: true,
  foreignOrderNumber: true,
  createdAt: true,
  currency: true,
  sellTotal: true,
  totalCost: true,
  errorMessage: true,
  placedBy: { select: { name: true } },
  targetLicense: { select: { id: true, domainName: true } },
  items: { select: { productName: true, domainName: true }, orderBy: { createdAt: "asc" }, take: 10 },
} as const satisfies Prisma.OrderSelect;

/** Reads `take + 1` rows to know whether more exist; returns at most `take`. */
function capped<T>(rows: T[], take: number): { rows: T[]; capped: boolean } {
  return { rows: rows.slice(0, take), capped: rows.length > take };
}

export function ordersSource(orders: OrderRow[], isCapped: boolean): StorySource {
  return { entries: orders.map(orderEntry), capped: isCapped };
}

export type OrderRef = { id: string; label: string };
export const refOf = (o: { id: string; orderNumber: string | null; foreignOrderNumber: string }): OrderRef => ({ id: o.id, label: orderLabel(o) });

/** Events of these orders (OrderEvent(orderId, createdAt)), newest first, capped. */
export async function eventsSource(orders: OrderRef[], take: number, keep: (e: { kind: string; data: unknown }) => boolean = () => true): Promise<StorySource> {
  if (!orders.length) return { entries: [], capped: false };
  const refs = new Map(orders.map((o) => [o.id, o]));
  const rows = await prisma.orderEvent.findMany({
    where: { orderId: { in: [...refs.keys()] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, orderId: true, createdAt: true, actorLabel: true, kind: true, fromStatus: true, toStatus: true, message: true, data: true },
  });
  const { rows: kept, capped: more } = capped(rows, take);
  return { entries: kept.filter(keep).map((e) => eventEntry(e, refs.get(e.orderId))), capped: more };
}

/** Calls to Sectigo made for these orders (ApiCall(orderId)), newest first, capped; who from the users. */
export async function apiCallsSource(orders: OrderRef[], take: number): Promise<StorySource> {
  if (!orders.length) return { entries: [], capped: false };
  const refs = new Map(orders.map((o) => [o.id, o]));
  const rows = await prisma.apiCall.findMany({
    where: { orderId: { in: [...refs.keys()] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, orderId: true, actorId: true, endpoint: true, method: true, request: true, httpStatus: true, response: true, durationMs: true, outcome: true, errorCode: true, createdAt: true },
  });
  const { rows: kept, capped: more } = capped(rows, take);
  const actorIds = [...new Set(kept.flatMap((c) => (c.actorId ? [c.actorId] : [])))];
  const users = actorIds.length ? await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    entries: kept.map((c) => apiCallEntry(c, c.actorId ? (names.get(c.actorId) ?? "a removed user") : "Order Desk", c.orderId ? refs.get(c.orderId) : undefined)),
    capped: more,
  };
}

/**
 * Audit entries whose recorded changes name one of these targets ("Order:<id>", "License:<id>",
 * "Customer:<id>"), through the GIN index on AuditEntry.changes (jsonb_path_ops, containment),
 * newest first, capped.
 */
export async function auditSource(targets: string[], take: number): Promise<StorySource> {
  if (!targets.length) return { entries: [], capped: false };
  const rows = await prisma.auditEntry.findMany({
    where: { OR: targets.map((target) => ({ changes: { array_contains: [{ target }] } })) },
    orderBy: { id: "desc" },
    take: take + 1,
    select: { id: true, createdAt: true, actorLabel: true, action: true, outcome: true, input: true, changes: true },
  });
  const { rows: kept, capped: more } = capped(rows, take);
  return { entries: kept.map(auditEntry), capped: more };
}
