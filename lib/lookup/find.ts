// STUB by i10-ui (reverted when i10-search's contract is merged): findAnything over the old lookup.
import "server-only";
import type { Actor } from "@/lib/auth/session";
import { lookup } from "@/lib/lookup/lookup";
import type { FindHit, FindResult } from "@/lib/lookup/find-types";

export async function findAnything(actor: Actor, rawQ: string, opts?: { limit?: number }): Promise<FindResult | null> {
  const r = await lookup(actor, rawQ);
  if (!r) return null;
  const limit = opts?.limit ?? 8;
  const orders: FindHit[] = r.orders.map((o) => ({
    kind: "order",
    id: o.id,
    href: `/orders/${o.id}`,
    title: `Order ${o.orderNumber}`,
    subtitle: `${o.customer.name} · ${o.items[0]?.domainName ?? ""}`,
    matchedOn: r.kind === "order-number" ? (o.orderNumber === r.q ? "orderNumber" : "foreignOrderNumber") : r.kind === "email" ? "email" : "domain",
  }));
  const licences: FindHit[] = r.licenses.map((l) => ({
    kind: "licence",
    id: l.id,
    href: `/licenses/${l.id}`,
    title: l.domainName,
    subtitle: `${l.productName} · ${l.customer.name}`,
    matchedOn: r.kind === "email" ? "email" : l.domainName === r.q.toLowerCase() ? "domain" : "subdomain",
  }));
  const customers: FindHit[] = r.customers.map((c) => ({ kind: "customer", id: c.id, href: `/customers/${c.id}`, title: c.name, subtitle: c.email, matchedOn: "email" }));
  const exact = r.kind === "order-number" && orders.length === 1 ? orders[0]! : null;
  const groups = [
    { kind: "order" as const, label: "Orders", hits: orders },
    { kind: "licence" as const, label: "Licences", hits: licences },
    { kind: "customer" as const, label: "Customers", hits: customers },
  ]
    .filter((g) => g.hits.length > 0)
    .map((g) => ({ ...g, hits: g.hits.slice(0, limit), more: g.hits.length > limit }));
  return { q: r.q, exact, groups };
}
