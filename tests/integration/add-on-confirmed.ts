/**
 * An add-on ordered as the license page does it (issue 18 item 4): the first request is answered
 * with the question (price, term end), nothing written or sent; the same request again with its
 * keys places it. For tests about what happens after the confirmation (races, lost answers).
 */
import type { Actor } from "@/lib/auth/session";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { orderAddOn, type OrderAddOnInput, type OrderAddOnResult } from "@/lib/licenses/actions/order-add-on";

export async function confirmedAddOn(actor: Actor, input: OrderAddOnInput, deps: OrderDeps): Promise<OrderAddOnResult> {
  const asked = await orderAddOn(actor, input, deps);
  if (asked.ok || asked.code !== "NEEDS_CONFIRMATION") return asked;
  return orderAddOn(actor, { ...input, confirmed: asked.confirmations.map((c) => c.key) }, deps);
}
