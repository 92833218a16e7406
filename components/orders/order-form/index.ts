/** The new-order form (app/(app)/orders/new): one component or hook per file in this folder. */
export { OrderForm } from "./order-form";
export type { AccountOption } from "./types";
export type { PriceInfo } from "../order-price-panel";
