/**
 * The rows an order's items are written as (both paths of submit-order.ts): the items, each known
 * by its domain field or else its CSR's first name, and the names each certificate item covers
 * (OrderItemDomain, issue 17 item 8), so the lookup and the orders list find it by any of them.
 */
import { newRowId } from "@/lib/db/ids";
import { itemDomains, primaryDomain } from "./certificate-domains";
import type { OrderSubmission } from "./submission";

export function itemRows(submission: Pick<OrderSubmission, "items" | "sectigo">) {
  const names = itemDomains(submission.sectigo, submission.items);
  const items = submission.items.map((i, k) => ({
    id: newRowId(), productCode: i.productCode, productName: i.productName, days: i.days ?? null, domainName: primaryDomain(i, names[k]!), isAddOn: i.isAddOn, cost: i.sellPrice ?? null,
  }));
  // Only items whose names come from a CSR: an item's own domain field is OrderItem.domainName,
  // already indexed, and a million SiteLock orders need no second copy of it.
  const domains = items.flatMap((item, k) =>
    names[k]!.some((n) => n.source !== "FIELD") ? names[k]!.map((n) => ({ id: newRowId(), orderItemId: item.id, domainName: n.domainName, source: n.source })) : [],
  );
  return { items, domains };
}
