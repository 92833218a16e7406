/**
 * Who pays for what is done to a license afterwards (renewal, auto-renew, add-ons, plan changes) is
 * decided by the order that created it (License.orderId → Order.request, read by orderPayer): a
 * SiteLock license ordered with "Sectigo charges the customer" (reseller=N) is billed by Sectigo to
 * the customer, and the form promised it does not renew from our funds. Every such later order
 * from Order Desk is an AutoApplyOrder, which Sectigo debits from OUR funds: so none is offered or
 * sent for it; the customer orders them through Sectigo. Switching auto-renew OFF stays allowed
 * (it spends nothing). No column of its own: the creating order already records it. Pure (the
 * page's components read the sentences); the reads are in license-payer-query.ts.
 */
import { orderPayer } from "@/lib/orders/order-payer";

/** THE rule: given the creating order's stored request, whether Sectigo bills this license's customer. */
export function sectigoBillsCustomer(creatingOrderRequest: unknown): boolean {
  return orderPayer(creatingOrderRequest) === "CUSTOMER_VIA_SECTIGO";
}

/** What the license page says about who pays. */
export const SECTIGO_BILLS_CUSTOMER_NOTE =
  "Sectigo bills the customer for this license (reseller=N): renewals, add-ons and plan changes are ordered by the customer through Sectigo, never from our funds.";

/** The refusal of each action that would debit our funds, as a sentence for the person. */
export const SECTIGO_BILLS_CUSTOMER_REFUSALS = {
  renewal: "Sectigo bills the customer for this license (reseller=N): the customer renews it through Sectigo. Order Desk does not renew it from our funds.",
  autoRenew: "Sectigo bills the customer for this license (reseller=N): auto-renew would renew it from our funds, so it cannot be switched on here. The customer renews it through Sectigo.",
  addOn: "Sectigo bills the customer for this license (reseller=N): the customer orders add-ons through Sectigo. Order Desk does not buy them from our funds.",
  planChange: "Sectigo bills the customer for this license (reseller=N): the customer changes its plan through Sectigo. Order Desk does not change it from our funds.",
} as const;
