import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { cleanSearchText, escapeLike, searchTextSchema } from "@/lib/pagination";
import { orderSummarySelect } from "@/lib/orders/order-summary";
import { licenseSummarySelect } from "@/lib/licenses/license-summary";

export const lookupSchema = z.object({ q: searchTextSchema });

export type LookupKind = "order-number" | "email" | "domain";

/** Guess what support typed: digits are an order number, an @ is an email, else a domain. */
export function classifyLookup(q: string): LookupKind {
  if (/^(OD-)?[0-9A-Z-]+$/i.test(q) && /\d/.test(q) && !q.includes(".")) return "order-number";
  if (q.includes("@")) return "email";
  return "domain";
}

/**
 * Support's lookup: an order number, a domain or an email, to the orders, licenses and
 * customers it concerns. Exact matches use the indexes; partial matches are capped.
 */
export async function lookup(actor: Actor, rawQ: string) {
  assertCan(actor, "lookup");
  const q = cleanSearchText(rawQ);
  if (!q) return null;
  const kind = classifyLookup(q);
  const needle = q.toLowerCase();
  const [orders, licenses, customers] = await Promise.all([
    prisma.order.findMany({
      where:
        kind === "order-number"
          ? { OR: [{ orderNumber: q }, { foreignOrderNumber: q.toUpperCase() }] }
          : kind === "email"
            ? { customer: { email: needle } }
            : { items: { some: { domainName: needle } } },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: orderSummarySelect,
    }),
    prisma.license.findMany({
      where:
        kind === "order-number"
          ? { OR: [{ currentOrderNumber: q }, { order: { orderNumber: q } }] }
          : kind === "email"
            ? { customer: { email: needle } }
            : { OR: [{ domainName: needle }, { domainName: { endsWith: `.${escapeLike(needle)}` } }] },
      orderBy: { expiresAt: "asc" },
      take: 50,
      select: licenseSummarySelect,
    }),
    kind === "email"
      ? prisma.customer.findMany({ where: { email: { contains: escapeLike(needle) } }, take: 20, select: { id: true, name: true, email: true } })
      : Promise.resolve([]),
  ]);
  return { q, kind, orders, licenses, customers };
}
