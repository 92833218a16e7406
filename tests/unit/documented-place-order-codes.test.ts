/**
 * Issue 17 item 5, second part: every PlaceOrder code the documents list is orderable by staff, or named
 * in lib/catalog/README.md with the reason it is not. The oracle is the documents' own product tables
 * (verbatim copies in tests/fixtures/sectigo/documents: seed 003 §7 "Product-Specific Parameters" and
 * seed 002's SiteLock table), parsed here without lib/catalog. "Orderable by staff" is what the order
 * form can send: every product, term, add-on, eToken shipping and payment choice the form offers, checked
 * by the product's schema and built by build-submission as the server action does; the codes collected
 * are the `x_PPP` items of the PlaceOrder requests it makes.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formFieldsFor, orderableByFamily, orderSchemaFor, termOptionsFor, type OrderFormInput, type Product } from "@/lib/catalog";
import { buildSubmission } from "@/lib/orders/build-submission";
import { validInput } from "../fixtures/catalog-input";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** `x_PPP=1535`, `x PPP=1511`, `x_PPP= 10050`, `x_PPPP=5040`, companions `y_PPP=3450`: every code printed in a table. */
export function documentedCodes(text: string): Set<number> {
  return new Set([...text.matchAll(/\b[xy][ _]?PPPP?=\s*(\d+)/g)].map((m) => Number(m[1])));
}

/** The codes lib/catalog/README.md lists as not orderable by staff, from its "## Documented PlaceOrder codes ..." table. */
function readmeExceptions(): Map<number, string> {
  const readme = read("lib/catalog/README.md");
  const start = readme.indexOf("## Documented PlaceOrder codes staff do not order");
  if (start < 0) return new Map();
  const end = readme.indexOf("\n## ", start + 3);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return new Map([...section.matchAll(/^\|\s*(\d+)\s*\|[^|]*\|\s*([^|]+?)\s*\|/gm)].map((m) => [Number(m[1]), m[2]!]));
}

const context = {
  submissionKey: randomUUID(),
  account: { id: "acct", apBrand: "orderdesk", autoRenewDefault: false },
  customer: null,
  priceOf: () => null,
  resellerPays: true,
};

/** Every form the staff can fill for a product: each term, and each choice that adds items (shipping, eToken, add-ons, who pays). */
function formsFor(product: Product): OrderFormInput[] {
  const fields = formFieldsFor(product);
  const shipping = fields.find((f) => f.key === "shipping")?.options?.map((o) => o.value) ?? [];
  const addOns = fields.find((f) => f.key === "addOns")?.options?.map((o) => o.value) ?? [];
  const extras: Array<Partial<OrderFormInput>> = [{}];
  for (const method of shipping) extras.push({ shipping: method, ...(product.fields.smartCardBased ? { smartCardBased: true } : {}) });
  if (product.fields.sectigoChargesCustomer) {
    extras.push({ sectigoChargesCustomer: true });
    for (const id of addOns) extras.push({ sectigoChargesCustomer: true, addOns: [id] });
  }
  return termOptionsFor(product).flatMap((term) => extras.map((extra) => ({ ...validInput(product), term: term.value, ...extra })));
}

/** The x_PPP codes of every PlaceOrder request the order form can make, by product. */
function staffCodes(): Map<number, string> {
  const codes = new Map<number, string>();
  for (const product of orderableByFamily().flatMap((g) => g.products)) {
    for (const input of formsFor(product)) {
      const parsed = orderSchemaFor(product).safeParse(input);
      if (!parsed.success) continue; // a combination the form refuses (e.g. an add-on PlaceOrder does not sell for that term)
      if (product.sitelock?.kind === "addon") continue; // needs a license; PlaceOrder add-ons ride with their plan (above)
      const submission = buildSubmission(product, parsed.data, context);
      if (submission.sectigo.operation !== "placeOrder") continue;
      for (const item of submission.sectigo.input.items) if (item.pricingCode !== undefined) codes.set(item.pricingCode, product.key);
    }
  }
  return codes;
}

const seed003 = documentedCodes(read("tests/fixtures/sectigo/documents/seed-003-product-table.txt"));
const seed002 = documentedCodes(read("tests/fixtures/sectigo/documents/seed-002-sitelock-product-table.txt"));
const staff = staffCodes();
const exceptions = readmeExceptions();

describe("every documented PlaceOrder code is orderable by staff or listed with its reason", () => {
  it("reads the documents' tables (not the catalog)", () => {
    expect(seed003.size).toBeGreaterThan(250);
    // Seed 002 is the SiteLock page: plans 10047-10053 and the add-ons.
    expect([...seed002].sort()).toEqual(expect.arrayContaining([10047, 10048, 10049, 10050, 10051, 10052, 10053, 10064, 10065, 10067, 10082, 10085]));
    expect(seed003).toContain(10066); // DECISION D1: seed 002 prints 10065 twice; seed 003 has 10066
  });

  it.each([
    ["seed 003 §7", seed003],
    ["seed 002 (SiteLock PlaceOrder)", seed002],
  ] as const)("%s: each code is in a request the order form makes, or in lib/catalog/README.md", (_doc, codes) => {
    const missing = [...codes].filter((code) => !staff.has(code) && !exceptions.has(code)).sort((a, b) => a - b);
    expect(missing).toEqual([]);
  });

  it("the README lists only documented codes that staff really cannot order, each with a reason", () => {
    expect(read("lib/catalog/README.md")).toContain("## Documented PlaceOrder codes staff do not order");
    for (const [code, reason] of exceptions) {
      expect(seed003.has(code) || seed002.has(code), `${code} is not in the documents`).toBe(true);
      expect(staff.has(code), `${code} is orderable by staff (${staff.get(code)}): remove it from the README list`).toBe(false);
      expect(reason.length, `${code} needs a reason`).toBeGreaterThan(10);
    }
  });

  it("SiteLock's PlaceOrder codes are orderable by staff (issue 17 #6), plans and add-ons", () => {
    for (const code of [10047, 10048, 10049, 10050, 10051, 10052, 10053, 10064, 10065, 10066, 10067, 10082, 10085]) expect(staff.get(code), String(code)).toMatch(/^sitelock-/);
  });
});
