/** Who pays Sectigo, read from the stored request (issue 17 #6): the placed order's "Who pays Sectigo" row. */
import { describe, expect, it } from "vitest";
import { orderPayer } from "@/lib/orders/order-payer";

describe("orderPayer", () => {
  it.each([
    [{ operation: "autoApplyOrder", input: { kind: "newCustomer" } }, "RESELLER"],
    [{ operation: "placeOrder", input: { resellerPays: true, items: [] } }, "RESELLER_AFTER_AUTHORIZATION"],
    [{ operation: "placeOrder", input: { resellerPays: false, items: [] } }, "CUSTOMER_VIA_SECTIGO"],
    [{ operation: "placeOrder", input: {} }, null],
    [{ operation: "cancel" }, null],
    [null, null],
    ["placeOrder", null],
  ])("%j -> %s", (request, payer) => {
    expect(orderPayer(request)).toBe(payer);
  });
});
