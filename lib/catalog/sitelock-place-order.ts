/**
 * SiteLock through PlaceOrder with reseller=N ("Sectigo charges the customer", "SiteLock license", the SiteLock
 * PlaceOrder page): the plan's `x_PPP` for the chosen term, each add-on's `x_PPP` for the same term as a
 * further item, the order-level `domainName` ("All SiteLock customers must supply domainName") and the
 * customer's `emailAddress` (required). The SiteLock form's contact fields are AutoApplyOrder's (`appRep*`):
 * here they become PlaceOrder's customer and company details. Not sent: `enableAutoRenew` and
 * `previousOrderNumber` (PlaceOrder has neither; the schema refuses them with this choice). The request
 * itself is built in lib/orders/sitelock-place-order-input.ts (it names the client's input type).
 */
import { productById, termByValue } from "./catalog";
import type { OrderFormValues } from "./schema";
import type { Product, Term } from "./types";

/** Whether the form chose "Sectigo charges the customer" for a product that offers it. */
export function chargesCustomer(product: Product, values: Pick<OrderFormValues, "sectigoChargesCustomer">): boolean {
  return product.rules?.includes("sitelock-place-order") === true && values.sectigoChargesCustomer === true;
}

/**
 * Whether Sectigo bills the customer at its own price, so we set no sell price and pay Sectigo nothing:
 * SiteLock's "Sectigo charges the customer" choice, or any PlaceOrder product sent with reseller=N (the
 * form's "we collect the customer's payment (reseller=Y)" unticked: `resellerPays === false`). The one
 * test the price panel, the unpriced question and the recorded prices share.
 */
export function sectigoBillsCustomer(product: Product, values: Pick<OrderFormValues, "sectigoChargesCustomer">, resellerPays?: boolean): boolean {
  return chargesCustomer(product, values) || (product.api === "PlaceOrder" && resellerPays === false);
}

/** The add-on's PlaceOrder term for a plan term of `days` ("SiteLock license" sells most add-ons for 30 days only). */
export function addOnPlaceOrderTerm(addOn: Product, days: number | null): Term | undefined {
  return addOn.terms.find((t) => t.days === days && t.ppp !== undefined);
}

export interface SiteLockPlaceOrderLine {
  product: Product;
  ppp: number;
  days: number | null;
  isAddOn: boolean;
}

/** The plan and its add-ons, each with the PPP it is ordered by. Throws on values the schema refuses. */
export function siteLockPlaceOrderLines(product: Product, values: OrderFormValues): SiteLockPlaceOrderLine[] {
  const term = termByValue(product, values.term);
  if (!term?.ppp) throw new Error(`${product.key}: term ${values.term} has no PlaceOrder code`);
  const addOns = (Array.isArray(values.addOns) ? values.addOns : []).map((id) => productById(Number(id)));
  return [
    { product, ppp: term.ppp, days: term.days, isAddOn: false },
    ...addOns.map((addOn) => {
      const addOnTerm = addOn ? addOnPlaceOrderTerm(addOn, term.days) : undefined;
      if (!addOn || !addOnTerm?.ppp) throw new Error(`${product.key}: add-on without a PlaceOrder code for ${term.label}`);
      return { product: addOn, ppp: addOnTerm.ppp, days: addOnTerm.days, isAddOn: true };
    }),
  ];
}
