/**
 * Parsed form values of a PlaceOrder product -> the typed client's PlaceOrder input: each field goes
 * under its Sectigo parameter name (order level, or on the product's own item for `x_` fields),
 * the items and companions come from placeOrderItemsFor. The parameter names are the catalog's one
 * map (lib/catalog/wire-parameters.ts), the same that reads a Sectigo error's parameter back to its field.
 * Here, where orders are built, not in lib/catalog: it joins the catalog to the client's input type,
 * and the client's AutoApplyOrder types are inferred from the catalog, so the catalog cannot import
 * the client back.
 */
import { placeOrderItemsFor, wireParameterOf, type FieldKey, type OrderFormValues, type Product } from "@/lib/catalog";
import type { PlaceOrderInput, PlaceOrderItem } from "@/lib/sectigo/client";

/**
 * Sent otherwise: the e-mail as the client's typed customer contact (still `emailAddress` on the
 * wire), and `dcvMethod`, which shares `x_dcvEmailAddress` with the approver e-mail (below).
 */
const SENT_OTHERWISE: ReadonlySet<FieldKey> = new Set(["emailAddress", "dcvMethod"]);

const wire = (value: string | boolean | string[]) => (typeof value === "boolean" ? (value ? "Y" : "N") : Array.isArray(value) ? value.join(",") : String(value));

export function placeOrderInputFor(
  product: Product,
  values: OrderFormValues,
  opts: { brand: string; resellerPays: boolean },
): PlaceOrderInput {
  const items = placeOrderItemsFor(product, values);
  if (!items) throw new Error(`${product.key} is not ordered through PlaceOrder`);
  const params: Record<string, string> = {};
  const itemParams: Record<string, string> = {};
  for (const [key, value] of Object.entries(values) as [FieldKey | "term", string | boolean | string[] | undefined][]) {
    if (key === "term" || value === undefined || value === "" || SENT_OTHERWISE.has(key)) continue;
    const param = wireParameterOf(product, "placeOrder", key);
    if (!param) continue;
    if (param.startsWith("x_")) itemParams[param.slice(2)] = wire(value);
    else params[param] = wire(value);
  }
  // x_dcvEmailAddress is the approver address for email validation, or the method's name otherwise.
  const method = typeof values.dcvMethod === "string" ? values.dcvMethod : undefined;
  if (method && method !== "EMAIL") itemParams.dcvEmailAddress = method;
  const clientItems = items.map((item): PlaceOrderItem => {
    const merged = { ...(item.params ?? {}), ...(item.role === "product" ? itemParams : {}) };
    return {
      pricingCode: item.ppp,
      ...(Object.keys(merged).length > 0 ? { params: merged } : {}),
      ...(item.visibility === 0 ? { visible: false } : {}),
    };
  });
  const email = typeof values.emailAddress === "string" && values.emailAddress !== "" ? values.emailAddress : undefined;
  return {
    brand: opts.brand,
    resellerPays: opts.resellerPays,
    customer: email ? { kind: "new", contactEmail: email } : { kind: "returning" },
    items: clientItems as PlaceOrderInput["items"],
    ...(Object.keys(params).length > 0 ? { params } : {}),
  };
}
