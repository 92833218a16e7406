/**
 * Item 3 of issue 17: switching product keeps the fields that mean the same thing, and switching back
 * restores what was typed. Generated from the catalog: every ordered pair of orderable products with
 * values typed for every field of the first, and a fast-check sample of pairs with random values.
 *
 * The oracle does not use the code under test: two fields are "the same" when they have the same key,
 * or are one of AutoApplyOrder's contact fields and its PlaceOrder twin (the pairs below, read from the
 * two documents' field tables); a select or check list keeps only the options the target lists.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRODUCTS, formFieldsFor, type FieldKey, type Product } from "@/lib/catalog";
import { meaningOf, switchProduct, type FormValues } from "@/lib/orders/form-carry-over";

const TWINS: Partial<Record<FieldKey, FieldKey>> = {
  appRepEmailAddress: "emailAddress",
  appRepForename: "forename",
  appRepSurname: "surname",
  appRepTelephone: "telephoneNumber",
};
const canonical = (k: FieldKey): FieldKey => TWINS[k] ?? k;

const orderable = PRODUCTS.filter((p) => p.orderable);
type Field = ReturnType<typeof formFieldsFor>[number];

/** What a user might type into `field`; `pick` chooses among a list's options. */
function typed(field: Field, text: string, pick: (n: number) => number): unknown {
  const options = (field.options ?? []).map((o) => o.value);
  switch (field.input) {
    case "checkbox":
      return pick(2) === 1;
    case "checkboxes":
      return options.filter((_, i) => (pick(1 << Math.min(options.length, 20)) >> i) & 1);
    case "select":
      return options.length > 0 ? options[pick(options.length)] : "";
    case "email":
      return `${text}@example.com`;
    default:
      return text;
  }
}

function valuesFor(product: Product, text: (f: Field) => string, pick: (n: number) => number): FormValues {
  const values: FormValues = { term: `term-of-${product.key}` };
  for (const f of formFieldsFor(product)) values[f.key] = typed(f, text(f), pick);
  return values;
}

/** What B should show after leaving A with `a` typed (B visited for the first time). */
function expectedIn(b: Product, a: FormValues, aFields: Field[]): FormValues {
  const out: FormValues = {};
  for (const f of formFieldsFor(b)) {
    const source = aFields.find((s) => canonical(s.key) === canonical(f.key));
    if (!source) continue;
    const value = a[source.key];
    if (f.input === "checkboxes") out[f.key] = (value as string[]).filter((v) => (f.options ?? []).some((o) => o.value === v));
    else if (f.input === "select" && value !== "" && !(f.options ?? []).some((o) => o.value === value)) continue;
    else out[f.key] = value;
  }
  return out;
}

function checkPair(a: Product, b: Product, va: FormValues) {
  const aFields = formFieldsFor(a);
  const inB = switchProduct({ productKey: a.key, values: va }, b.key);
  // Everything B shares with A survives; nothing B does not ask for comes along (not even A's term).
  expect(inB.values, `${a.key} -> ${b.key}`).toEqual(expectedIn(b, va, aFields));
  // Back to A: every value A had, as typed.
  const back = switchProduct(inB, a.key);
  expect(back.values, `${a.key} -> ${b.key} -> ${a.key}`).toEqual(va);
}

describe("switching product in the order form", () => {
  it("no product has two fields that the catalog says mean the same thing", () => {
    for (const p of orderable) {
      const meanings = formFieldsFor(p).map((f) => meaningOf(f.key));
      expect(new Set(meanings).size, p.key).toBe(meanings.length);
    }
  });

  it("the catalog's meanings are the oracle's: same key, or an AutoApplyOrder contact field and its PlaceOrder twin", () => {
    const keys = [...new Set(orderable.flatMap((p) => formFieldsFor(p).map((f) => f.key)))];
    for (const x of keys) for (const y of keys) expect(meaningOf(x) === meaningOf(y), `${x} ~ ${y}`).toBe(canonical(x) === canonical(y));
  });

  it(`every ordered pair of the ${orderable.length} orderable products: shared fields carry over, the rest stays behind and comes back`, () => {
    let n = 0;
    for (const a of orderable) {
      const va = valuesFor(a, (f) => `${a.key}:${f.key}`, (k) => (n++ * 7919) % k);
      for (const b of orderable) if (a !== b) checkPair(a, b, va);
    }
  });

  it("random values and pairs (fast-check), including a value changed in B going back to A", () => {
    const product = fc.constantFrom(...orderable);
    fc.assert(
      fc.property(product, product, fc.string({ maxLength: 12 }), fc.infiniteStream(fc.nat()), fc.string({ minLength: 1, maxLength: 8 }), (a, b, text, stream, changed) => {
        fc.pre(a !== b);
        const it = stream[Symbol.iterator]();
        const va = valuesFor(a, (f) => `${text}${f.key.length}`, (k) => (it.next().value as number) % k);
        checkPair(a, b, va);
        // A text field B shares, changed in B, reaches A changed.
        const inB = switchProduct({ productKey: a.key, values: va }, b.key);
        const shared = formFieldsFor(b).find((f) => ["text", "email", "tel", "textarea"].includes(f.input) && f.key in inB.values);
        if (!shared) return;
        const back = switchProduct({ ...inB, values: { ...inB.values, [shared.key]: changed } }, a.key);
        const aKey = formFieldsFor(a).find((f) => canonical(f.key) === canonical(shared.key))!.key;
        expect(back.values[aKey]).toBe(changed);
      }),
      { numRuns: 300 },
    );
  });

  it("SiteLock Basic -> Pro -> Basic: domain, e-mail and names carry, the add-on and term come back", () => {
    const basic = { term: "30", domainName: "shop.example", appRepEmailAddress: "a@shop.example", appRepForename: "Ada", addOns: ["1071"] };
    const pro = switchProduct({ productKey: "sitelock-basic", values: basic }, "sitelock-pro");
    expect(pro.values).toMatchObject({ domainName: "shop.example", appRepEmailAddress: "a@shop.example", appRepForename: "Ada" });
    expect(pro.values.term).toBeUndefined();
    expect(switchProduct(pro, "sitelock-basic").values).toEqual(basic);
  });
});
