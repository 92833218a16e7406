/**
 * Names for orders recorded before certificate names were (issue 17 item 8): each order whose
 * recorded request carries a CSR and whose items have no names yet gets them, as a new order does
 * (lib/orders/order-item-rows.ts): the CSR's common name and SANs beside the item, and the common
 * name on an item that had no domain.
 *
 * DECISION: a one-off use case, not SQL in the migration: SQL cannot read a CSR (DER inside
 * Base-64), and a migration that parsed a million requests in Node would hold the deploy. It runs
 * in batches by id (keyset), each batch one transaction, so it can be stopped and started again;
 * `npm run orders:backfill-domains` runs it (as Order Desk itself). Safe to repeat: a name already
 * recorded is skipped (unique per item and name), an item's domain is set only where it is empty.
 */
import "server-only";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { newRowId } from "@/lib/db/ids";
import { itemDomains, primaryDomain } from "./certificate-domains";

export interface BackfillResult {
  /** Orders given names in this run. */
  orders: number;
  /** Names written. */
  names: number;
}

export async function backfillOrderDomains(actor: Actor | null, opts: { batchSize?: number; onBatch?: (done: BackfillResult) => void } = {}): Promise<BackfillResult> {
  assertCan(actor, "placeOrders");
  const batchSize = Math.min(Math.max(opts.batchSize ?? 500, 1), 5_000);
  const done: BackfillResult = { orders: 0, names: 0 };
  let after = "";
  for (;;) {
    // Orders with a CSR in their request and no names yet, in id order from where the last batch stopped.
    const batch = await prisma.$queryRaw<Array<{ id: string; request: unknown }>>`
      SELECT o.id, o.request FROM "Order" o
      WHERE o.id > ${after} AND o.request IS NOT NULL AND strpos(o.request::text, 'CERTIFICATE REQUEST') > 0
        AND NOT EXISTS (SELECT 1 FROM "OrderItemDomain" d WHERE d."orderId" = o.id)
      ORDER BY o.id LIMIT ${batchSize}`;
    if (batch.length === 0) return done;
    after = batch.at(-1)!.id;
    const items = await prisma.orderItem.findMany({
      where: { orderId: { in: batch.map((o) => o.id) } },
      select: { id: true, orderId: true, productCode: true, domainName: true, isAddOn: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const rows: Array<{ id: string; orderItemId: string; orderId: string; domainName: string; source: string }> = [];
    const primaries: Array<{ id: string; domainName: string }> = [];
    for (const order of batch) {
      const own = items.filter((i) => i.orderId === order.id);
      const names = itemDomains(order.request, own);
      let any = false;
      own.forEach((item, k) => {
        const list = names[k]!;
        if (!list.some((n) => n.source !== "FIELD")) return;
        any = true;
        for (const n of list) rows.push({ id: newRowId(), orderItemId: item.id, orderId: order.id, domainName: n.domainName, source: n.source });
        const primary = primaryDomain(item, list);
        if (item.domainName === null && primary) primaries.push({ id: item.id, domainName: primary });
      });
      if (any) done.orders++;
    }
    await prisma.$transaction([
      prisma.orderItemDomain.createMany({ data: rows, skipDuplicates: true }),
      ...primaries.map((p) => prisma.orderItem.updateMany({ where: { id: p.id, domainName: null }, data: { domainName: p.domainName } })),
    ]);
    done.names += rows.length;
    opts.onBatch?.({ ...done });
  }
}
