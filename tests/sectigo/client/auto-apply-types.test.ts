/**
 * The client's AutoApplyOrder input types are the catalog's schemas (no hand-written twin), and the
 * catalog's SiteLock/bundle fields, the client's fields and the wire table name the same parameters.
 * The `expectTypeOf` checks fail under `tsc --noEmit` (tests are type-checked) when the two drift.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { FIELD_SPECS, PRODUCTS, wireParameterOf } from "@/lib/catalog";
import {
  CATALOG_FIELD_OF,
  addOnOrderSchema,
  autoApplyOrderSchema,
  existingCustomerOrderSchema,
  newCustomerOrderSchema,
  planChangeOrderSchema,
  renewalOrderSchema,
  siteLock911OrderSchema,
  sslBundleOrderSchema,
} from "@/lib/catalog/auto-apply-order";
import type {
  AddOnOrder,
  AutoApplyOrderInput,
  ExistingCustomerOrder,
  NewCustomerOrder,
  PlanChangeOrder,
  RenewalOrder,
  SiteLock911Order,
  SslBundleOrder,
} from "@/lib/sectigo/client";
import { WIRE_FIELDS } from "@/lib/sectigo/client/wire/fields";

/** Client fields that are not order-form fields: set by Order Desk or derived (product lists, terms). */
type ClientOwned = "kind" | "productCode" | "addOnCodes" | "days" | "foreignOrderNumber" | "testMode" | "responseFormat" | "siteLockLoginName" | "siteLockLoginPassword" | "disableSiteLock";
type AllKeys<T> = T extends unknown ? keyof T : never;


describe("AutoApplyOrder input types derive from the catalog", () => {
  it("each variant is its catalog schema, inferred", () => {
    expectTypeOf<NewCustomerOrder>().toEqualTypeOf<z.infer<typeof newCustomerOrderSchema>>();
    expectTypeOf<ExistingCustomerOrder>().toEqualTypeOf<z.infer<typeof existingCustomerOrderSchema>>();
    expectTypeOf<AddOnOrder>().toEqualTypeOf<z.infer<typeof addOnOrderSchema>>();
    expectTypeOf<RenewalOrder>().toEqualTypeOf<z.infer<typeof renewalOrderSchema>>();
    expectTypeOf<PlanChangeOrder>().toEqualTypeOf<z.infer<typeof planChangeOrderSchema>>();
    expectTypeOf<SiteLock911Order>().toEqualTypeOf<z.infer<typeof siteLock911OrderSchema>>();
    expectTypeOf<SslBundleOrder>().toEqualTypeOf<z.infer<typeof sslBundleOrderSchema>>();
    expectTypeOf<AutoApplyOrderInput>().toEqualTypeOf<z.infer<typeof autoApplyOrderSchema>>();
    // Every client field is a catalog field or one Order Desk sets itself: a new field has a home on both sides.
    expectTypeOf<Exclude<AllKeys<AutoApplyOrderInput>, keyof typeof CATALOG_FIELD_OF | ClientOwned>>().toEqualTypeOf<never>();
    expect(autoApplyOrderSchema.options.map((o) => o.shape.kind.value)).toEqual(["newCustomer", "existingCustomer", "addOn", "renewal", "planChange", "siteLock911", "sslBundle"]);
  });

  // The client's encoder table and the catalog's one map (lib/catalog/wire-parameters.ts) agree on every field.
  it.each(Object.entries(CATALOG_FIELD_OF))("client field %s is catalog field %s, under the same Sectigo parameter", (client, catalogKey) => {
    const wire = (WIRE_FIELDS.autoApplyOrder as Record<string, string>)[client];
    expect(wire, `WIRE_FIELDS.autoApplyOrder.${client}`).toBeDefined();
    const product = PRODUCTS.find((p) => p.api === "AutoApplyOrder" && catalogKey in p.fields)!;
    expect(wireParameterOf(product, "autoApplyOrder", catalogKey)).toBe(wire);
  });

  it("every field of every AutoApplyOrder product reaches a client field", () => {
    // Add-ons travel as addOnCodes; "Sectigo charges the customer" sends the order through PlaceOrder as its
    // `reseller=N` (lib/catalog/sitelock-place-order.ts), the client's resellerPays.
    expect(FIELD_SPECS.sectigoChargesCustomer.param).toBe(WIRE_FIELDS.placeOrder.resellerPays);
    const reached = new Set<string>([...Object.values(CATALOG_FIELD_OF), "addOns", "sectigoChargesCustomer"]);
    for (const product of PRODUCTS.filter((p) => p.api === "AutoApplyOrder")) {
      for (const key of Object.keys(product.fields)) expect(reached.has(key), `${product.key}: ${key} has no client field`).toBe(true);
    }
  });

  it("every client field has a wire name", () => {
    const own = new Set(["kind", "productCode", "addOnCodes"]); // all three go into `product`
    for (const option of autoApplyOrderSchema.options) {
      for (const key of Object.keys(option.shape)) if (!own.has(key)) expect((WIRE_FIELDS.autoApplyOrder as Record<string, string>)[key], `${option.shape.kind.value}.${key}`).toBeDefined();
    }
  });
});
