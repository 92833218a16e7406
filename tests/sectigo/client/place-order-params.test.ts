/** PlaceOrder catalog params: how they are encoded, and what the client refuses before sending anything. */
import { describe, expect, it } from "vitest";
import type { PlaceOrderInput } from "@/lib/sectigo/client";
import { stubClient, stubFetch } from "./helpers";

function setup() {
  const stub = stubFetch("errorCode=0&orderNumber=9551164");
  const { client } = stubClient(stub.fetch);
  return { client, calls: stub.calls };
}

const base: PlaceOrderInput = {
  brand: "brand",
  resellerPays: true,
  customer: { kind: "new", contactEmail: "it@acme.example" },
  items: [{ pricingCode: 3461 }],
};

describe("PlaceOrder params", () => {
  it("order params by name, item params as n_name, companions as invisible further items", async () => {
    const { client, calls } = setup();
    const result = await client.placeOrder({
      ...base,
      params: { organizationName: "Acme", accountServicingRole: "Y" },
      items: [{ pricingCode: 3483, params: { "IP Addresses": "5", csr: "PEM" } }, { pricingCode: 3450, visible: false }],
    });
    expect(result.ok).toBe(true);
    const body = Object.fromEntries(calls.at(-1)!.body);
    expect(body).toMatchObject({ organizationName: "Acme", accountServicingRole: "Y", "1_PPP": "3483", "1_IP Addresses": "5", "1_csr": "PEM", "2_PPP": "3450", "2_visibility": "0" });
  });

  it.each([
    ["loginName", { params: { loginName: "someone" } }],
    ["loginPassword", { params: { LOGINPASSWORD: "x" } }],
    ["ap", { params: { ap: "other" } }],
    ["reseller", { params: { reseller: "N" } }],
    ["isReturningCustomer", { params: { isReturningCustomer: "Y" } }],
    ["a numbered item key", { params: { "2_PPP": "9401" } }],
    ["a name with password", { params: { customerPassword: "x" } }],
    ["an item name with password", { items: [{ pricingCode: 3461, params: { appRepLoginPassword: "x" } }] }],
    ["a typed field given again", { params: { emailAddress: "other@acme.example" } }],
    ["an item's typed field given again", { items: [{ pricingCode: 3461, params: { PPP: "9401" } }] }],
    ["a name that is no parameter", { params: { "a=b&c": "x" } }],
  ] as const)("refuses %s: validation error, nothing sent", async (_what, change) => {
    const { client, calls } = setup();
    const result = await client.placeOrder({ ...base, ...(change as Partial<PlaceOrderInput>) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect([result.error.kind, result.error.domainCode]).toEqual(["validation", "INVALID_FIELD"]);
    expect(calls).toHaveLength(0);
  });
});
