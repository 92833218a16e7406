/**
 * eToken and its shipping: companions of EV Code Signing, Document Signing (Organization) and
 * token-based eIDAS certificates. DECISION D10: the block is printed three times (495-498); it is one pair
 * of products here.
 */
import type { Product } from "../types";

export const ETOKEN_PPP = 495;

export const SHIPPING = {
  standard: { label: "Standard shipping", ppp: 496 },
  expedited: { label: "Expedited shipping", ppp: 497 },
  international: { label: "International shipping", ppp: 498 },
} as const;

export type ShippingMethod = keyof typeof SHIPPING;
export const SHIPPING_METHODS = Object.keys(SHIPPING) as ShippingMethod[];

export const ETOKEN_PRODUCTS: readonly Product[] = [
  {
    key: "etoken",
    name: "eToken",
    family: "etoken",
    api: "PlaceOrder",
    terms: [{ label: "eToken", days: null, ppp: ETOKEN_PPP }],
    fields: {},
    orderable: false,
    note: "Added automatically to orders for token-based certificates.",
  },
  {
    key: "etoken-shipping",
    name: "eToken shipping",
    family: "etoken",
    api: "PlaceOrder",
    terms: SHIPPING_METHODS.map((m) => ({ label: SHIPPING[m].label, days: null, ppp: SHIPPING[m].ppp })),
    fields: {},
    orderable: false,
    note: "Added automatically with an eToken.",
  },
];
