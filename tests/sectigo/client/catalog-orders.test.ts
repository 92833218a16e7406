/**
 * One product of EVERY catalog family ordered through the typed client against the sandbox: valid values
 * generated from the catalog's field specs give an order number that WebHostReport shows with its PPP
 * (SiteLock: its product ID); the same order without one required field gives the error naming that
 * parameter as Sectigo spells it, which the catalog's one map (lib/catalog/wire-parameters.ts) turns back
 * into the catalog field key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD_SPECS, fieldRequirements, formFieldOf, orderOperationFor, orderableByFamily, type FieldKey, type Product } from "@/lib/catalog";
import type { PlaceOrderInput, SectigoClient } from "@/lib/sectigo/client";
import { parsedValues, placeOrderInputFor, siteLockInputFor } from "../catalog-values";
import { startTestSandbox, uniqueName, type TestSandbox } from "./sandbox-helpers";

let sb: TestSandbox;
let client: SectigoClient;
beforeAll(async () => {
  sb = await startTestSandbox();
  client = sb.client(await sb.createAccount()).client;
});
afterAll(() => sb.close());

const picks = orderableByFamily().map(({ family, products }) => [family.key, products[0]!] as const);

function orderFor(product: Product): PlaceOrderInput {
  const unique = uniqueName(product.key);
  return product.api === "PlaceOrder" ? placeOrderInputFor(product, parsedValues(product, unique)) : siteLockInputFor(product, unique);
}

const NOT_DROPPED: ReadonlySet<FieldKey> = new Set(["emailAddress", "loginName", "loginPassword", "shipping", "accountServicingRole", "paymentInitiationRole", "accountInformationRole", "paymentServiceRole"]);

/** The required field to leave out: the CSR when there is one, else another required field, else the e-mail. */
function fieldToDrop(product: Product): FieldKey {
  if (product.api === "AutoApplyOrder") return "domainName";
  const required = fieldRequirements(product).filter(([, r]) => r === "required").map(([k]) => k);
  return required.includes("csr") ? "csr" : (required.find((k) => !NOT_DROPPED.has(k)) ?? "emailAddress");
}

function without(input: PlaceOrderInput, key: FieldKey): PlaceOrderInput {
  if (key === "emailAddress") return { ...input, customer: { kind: "returning" } };
  if (key === "domainName") return { ...input, domainName: undefined };
  const param = FIELD_SPECS[key].param;
  const drop = (params: Readonly<Record<string, string>> | undefined, name: string) =>
    Object.fromEntries(Object.entries(params ?? {}).filter(([k]) => k.toLowerCase() !== name.toLowerCase()));
  if (!param.startsWith("x_")) return { ...input, params: drop(input.params, param) };
  const [first, ...rest] = input.items;
  return { ...input, items: [{ ...first, params: drop(first.params, param.slice(2)) }, ...rest] };
}

describe("every catalog family through PlaceOrder", () => {
  it("picks one product in each of the catalog's orderable families", () => {
    expect(picks.length).toBeGreaterThanOrEqual(16);
  });

  it.each(picks)("%s: valid fields -> an order number, in WebHostReport with its code", async (_family, product) => {
    const input = orderFor(product);
    const placed = await client.placeOrder(input);
    if (!placed.ok) throw new Error(`${product.key}: ${placed.error.code} ${placed.error.vendorMessage} (${placed.error.parameters?.join(",")})`);
    const report = await client.webHostReport({ orderNumbers: [placed.value.orderNumber] });
    expect(report.ok).toBe(true);
    const row = report.ok ? report.value.rows[0] : undefined;
    expect(row?.orderNumber).toBe(placed.value.orderNumber);
    expect(row?.orderStatus).toBe("awaiting");
    const first = row?.items[0];
    const expectedCode = product.api === "PlaceOrder" ? input.items[0].pricingCode : (input.items.length > 1 ? undefined : product.productId);
    if (expectedCode !== undefined) expect(first?.productCode).toBe(expectedCode);
    expect(row?.items.map((i) => i.productCode)).toEqual(expect.arrayContaining([product.api === "PlaceOrder" ? input.items[0].pricingCode : product.productId]));
    expect(row?.items.length).toBe(input.items.length);
    if (product.api === "PlaceOrder") expect(first?.type).toBe(product.name);
  });

  it.each(picks)("%s: a required field missing -> the error names its parameter, on the catalog field", async (_family, product) => {
    const key = fieldToDrop(product);
    const failed = await client.placeOrder(without(orderFor(product), key));
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.code).toBe(-3);
    const named = /'([^']+)'/.exec(failed.error.vendorMessage ?? "")?.[1] ?? "";
    expect(failed.error.parameters).toEqual([named]);
    expect(formFieldOf([product], orderOperationFor(product, { sectigoChargesCustomer: true }), named)).toBe(key);
    if (FIELD_SPECS[key].param.startsWith("x_")) expect(named).toBe(`1_${FIELD_SPECS[key].param.slice(2)}`);
  });
});
