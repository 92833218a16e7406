/**
 * Reviewer probe (issue 18, independent review): a refusal from Sectigo names a parameter
 * ('xxxx' in its message, map-error.ts quotedName) and the order form puts the refusal on the form
 * field that parameter belongs to (place-order-from-form.ts -> formFieldOf). The name is Sectigo's
 * text, i.e. input: a name that is no field of ours must simply match no field. Names that are
 * properties of every JavaScript object (`constructor`, `__proto__`) hit READ_ALIASES' prototype and
 * throw, so the placed-and-refused order answers with a crash instead of Sectigo's refusal.
 * FAILED on main at review time.
 */
import { describe, expect, it } from "vitest";
import { formFieldOf, productByKey } from "@/lib/catalog";
import { apiError } from "@/lib/sectigo/client/errors/map-error";

const products = ["sitelock-basic", "code-signing"].map((k) => productByKey(k)!);

describe("review i18: a parameter name Sectigo sends back", () => {
  for (const name of ["constructor", "__proto__", "1_constructor", "x___proto__", "hasOwnProperty", "toString"]) {
    it(`'${name}' matches no form field and does not throw`, () => {
      for (const operation of ["placeOrder", "autoApplyOrder"] as const) {
        expect(() => formFieldOf(products, operation, name)).not.toThrow();
        expect(formFieldOf(products, operation, name)).toBeUndefined();
      }
    });
  }

  it("a refusal quoting such a name maps to a plain error, naming it only as Sectigo's text", () => {
    const error = apiError({ code: -2, message: "'constructor' is not a valid parameter" } as never, { operation: "autoApplyOrder", mutating: true });
    expect(error).toMatchObject({ kind: "api", mayHavePlaced: false, parameters: ["constructor"] });
    expect(typeof error.userMessage).toBe("string");
  });
});
