/** The rule "Sectigo bills this license's customer" (lib/licenses/rules/payer.ts), from the creating order's stored request. */
import { describe, expect, it } from "vitest";
import { sectigoBillsCustomer } from "@/lib/licenses/rules/payer";
import { renewalEligibility } from "@/lib/licenses/rules/renewal-eligibility";

describe("sectigoBillsCustomer", () => {
  it.each([
    ["PlaceOrder reseller=N (Sectigo charges the customer)", { operation: "placeOrder", input: { resellerPays: false, domainName: "a.example" } }, true],
    ["PlaceOrder reseller=Y (we pay once we authorize)", { operation: "placeOrder", input: { resellerPays: true } }, false],
    ["AutoApplyOrder (our funds)", { operation: "autoApplyOrder", input: { kind: "new" } }, false],
    ["the payer part only, as the queries build it", { operation: "placeOrder", input: { resellerPays: false } }, true],
    ["a request without a payer (a PlaceOrder missing resellerPays)", { operation: "placeOrder", input: {} }, false],
    ["resellerPays as text is not a payer", { operation: "placeOrder", input: { resellerPays: "false" } }, false],
    ["no request stored (an imported license)", null, false],
    ["not an object", "placeOrder", false],
  ])("%s → %s", (_label, request, expected) => {
    expect(sectigoBillsCustomer(request)).toBe(expected);
  });

  it("refuses the renewal of such a license inside the window, with who pays in the sentence", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    const base = { status: "ACTIVE" as const, expiresAt: new Date("2026-12-01T00:00:00Z"), autoRenew: false, productCode: 1060 };
    expect(renewalEligibility({ ...base, sectigoBillsCustomer: false }, now)).toEqual({ ok: true });
    const r = renewalEligibility({ ...base, sectigoBillsCustomer: sectigoBillsCustomer({ operation: "placeOrder", input: { resellerPays: false } }) }, now);
    expect(r).toMatchObject({ ok: false, code: "SECTIGO_BILLS_CUSTOMER" });
    expect(!r.ok && r.message).toMatch(/Sectigo bills the customer.*reseller=N.*not renew it from our funds/);
  });
});
