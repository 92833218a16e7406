import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { blankIsAbsent, isCursorInstant } from "@/lib/pagination";

export const awaitingQuerySchema = z.object({
  /** Keyset cursor: the createdAt|id of the last row of the previous page. */
  after: blankIsAbsent(z.string().max(80).optional().catch(undefined)),
});

const PAGE = 50;

/**
 * The cursor as the page wrote it (`createdAt.toISOString()|id`), else null (the list starts over):
 * a forged date or an id with a NUL or other stray character from the URL never reaches PostgreSQL
 * (it answered 500).
 */
export function awaitingCursor(after: string | undefined): { createdAt: Date; id: string } | null {
  const m = /^([^|]+)\|([A-Za-z0-9_-]{1,64})$/.exec(after ?? "");
  return m && isCursorInstant(m[1]!) ? { createdAt: new Date(m[1]!), id: m[2]! } : null;
}

/** reseller=Y orders waiting for authorization, oldest first (keyset paging: no count, no offset). */
export async function listAwaitingOrders(actor: Actor, query: z.output<typeof awaitingQuerySchema>) {
  assertCan(actor, "viewOrders");
  const cursor = awaitingCursor(query.after);
  const rows = await prisma.order.findMany({
    where: {
      status: "AWAITING_AUTHORIZATION",
      ...(cursor ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: PAGE + 1,
    select: {
      id: true,
      orderNumber: true,
      foreignOrderNumber: true,
      createdAt: true,
      sellTotal: true,
      currency: true,
      pendingAction: true,
      customer: { select: { name: true, email: true } },
      items: { select: { productName: true, domainName: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const more = rows.length > PAGE;
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return { rows: page, next: more && last ? `${last.createdAt.toISOString()}|${last.id}` : null };
}
