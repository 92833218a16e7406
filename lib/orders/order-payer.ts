/**
 * Who pays Sectigo for an order, read from the request we stored (Order.request): PlaceOrder's `reseller`
 * (the PlaceOrder document "SiteLock license": Y = we charge the customer and Sectigo debits our funds once we authorize; N = Sectigo charges
 * the customer) or AutoApplyOrder (our funds, debited when Sectigo accepts). Shown on the placed order.
 * What the money columns then mean: `totalCost` is what Sectigo debits us (0 for reseller=N), `sellTotal`
 * what we charge the customer (null for reseller=N: Sectigo bills the customer at its own price).
 */
export type OrderPayer = "RESELLER" | "RESELLER_AFTER_AUTHORIZATION" | "CUSTOMER_VIA_SECTIGO";

export const PAYER_LABELS: Record<OrderPayer, string> = {
  RESELLER: "Our account (debited when Sectigo accepted the order)",
  RESELLER_AFTER_AUTHORIZATION: "Our account, once we authorize the order (reseller=Y)",
  CUSTOMER_VIA_SECTIGO: "Sectigo charges the customer (reseller=N); our account is not debited",
};

export function orderPayer(request: unknown): OrderPayer | null {
  if (typeof request !== "object" || request === null) return null;
  const { operation, input } = request as { operation?: unknown; input?: { resellerPays?: unknown } };
  if (operation === "autoApplyOrder") return "RESELLER";
  if (operation !== "placeOrder" || typeof input?.resellerPays !== "boolean") return null;
  return input.resellerPays ? "RESELLER_AFTER_AUTHORIZATION" : "CUSTOMER_VIA_SECTIGO";
}
