/**
 * The sandbox's product table (tools/sandbox/core/products/, written from Sectigo's documents) against the
 * app's catalog (lib/catalog, written from the same documents by other hands), product by product: code,
 * name, family, terms, required parameters, rules, add-on relations, whatever both express. Neither side
 * imports the other, so a reading mistake on one side shows here as a disagreement.
 *
 * Every disagreement found is listed in ACCEPTED with the decision recorded in tools/sandbox/README.md and
 * lib/catalog/README.md ("Sandbox and catalog: accepted differences"). A new disagreement fails the test, and
 * so does an accepted one that has gone away (the list stays true).
 */
import { describe, expect, it } from "vitest";
import { BUNDLE_LICENSE_NAME, FIELD_SPECS, PRODUCTS as CATALOG, addOnsFor, fieldRequirements, type FieldKey, type Product } from "@/lib/catalog";
import { PLACE_ORDER_ROWS, PPP, PRODUCTS as SANDBOX, placeOrderRow } from "@/tools/sandbox/core/catalog";
import { FROM_RETURNING_CUSTOMER, paramsOf } from "@/tools/sandbox/core/products/parameters";
import type { Line, PlaceOrderProduct } from "@/tools/sandbox/core/products/place-order-table";
import { SCALED_PRODUCTS } from "@/tools/demo-world/scaled-world";

/** Each entry: "<code> <what>: <app> | <sandbox>", and its decision in both READMEs. */
const ACCEPTED: readonly string[] = [
  // Decision S1: the app names the order choice, the sandbox the license (the app's license is BUNDLE_LICENSE_NAME).
  "1072 name: SSL with the SSL PLUS SiteLock Bundle | SSL PLUS SiteLock Bundle",
  // Decision S2: the shipping product's name: the app's picker label against the table's heading "Shipping Cost".
  "496 name: eToken shipping | Shipping Cost",
  "497 name: eToken shipping | Shipping Cost",
  "498 name: eToken shipping | Shipping Cost",
];

/** The app's family -> the sandbox's line (the documents print no family column; each side names its groups). */
const LINE_OF_FAMILY: Readonly<Record<string, Line>> = {
  sectigossl: "ssl",
  enterprisessl: "ssl",
  positivessl: "ssl",
  "code-signing": "code-signing",
  "document-signing": "document-signing",
  "pdf-signing": "pdf-signing",
  "personal-authentication": "personal-authentication",
  hackerguardian: "hackerguardian",
  hackerproof: "hackerproof",
  "payment-credential-cvc": "payment-credential-cvc",
  "sectigo-web": "web-security",
  "web-dns": "web-dns",
  eidas: "eidas",
  qwac: "qwac",
  etoken: "etoken",
};

/** A catalog field as the wire names it, lower case, `x_` dropped (what the sandbox's table names). */
function wire(key: FieldKey): string {
  return FIELD_SPECS[key].param.replace(/^x_/, "").toLowerCase();
}

/** Sorted, without repeats (the catalog's dcvMethod and dcvEmailAddress are both x_dcvEmailAddress on the wire). */
const sorted = (values: Iterable<string | number>) => [...new Set([...values].map(String))].sort();
const show = (values: Iterable<string | number>) => sorted(values).join(",");

function siteLockDisagreements(found: string[]): void {
  const siteLock = CATALOG.filter((p) => p.api === "AutoApplyOrder");
  for (const p of siteLock) {
    const id = p.productId as number;
    const s = SANDBOX.get(id);
    const at = (what: string, app: unknown, sandbox: unknown) => {
      if (JSON.stringify(app) !== JSON.stringify(sandbox)) found.push(`${id} ${what}: ${String(app)} | ${String(sandbox)}`);
    };
    if (!s) {
      found.push(`${id} missing in the sandbox: ${p.name} | -`);
      continue;
    }
    at("name", p.name, s.name);
    at("kind", p.sitelock?.kind, s.kind);
    at("tier", p.sitelock?.tier, s.tier);
    at("add-on family", p.sitelock?.addOnFamily, s.family);
    at("capacity", p.sitelock?.capacity, s.capacity);
    at("terms", show(p.terms.map((t) => t.days ?? 0)), show(Object.keys(s.prices)));
    if (p.sitelock?.kind !== "addon") at("add-ons", show(addOnsFor(p).map((a) => a.productId as number)), show(s.addOns ?? []));
    for (const t of p.terms) {
      const row = t.ppp === undefined ? undefined : PPP.get(t.ppp);
      at(`PlaceOrder code of ${t.days ?? 0} days`, t.ppp, row && row.code === id && row.days === (t.days ?? 0) ? t.ppp : undefined);
    }
  }
  const catalogIds = new Set(siteLock.map((p) => p.productId));
  for (const [code, s] of SANDBOX) if (s.kind !== "ssl" && !catalogIds.has(code)) found.push(`${code} missing in the catalog: - | ${s.name}`);
  const catalogPpp = new Set(siteLock.flatMap((p) => p.terms.map((t) => t.ppp)));
  for (const [ppp, row] of PPP) if (!catalogPpp.has(ppp)) found.push(`${ppp} SiteLock PlaceOrder code missing in the catalog: - | ${row.code}/${row.days}`);
}

/** Required parameter names of a catalog product for the staff channel (`shipping` is the eToken rule, below). */
function catalogRequired(p: Product, returningCustomer: boolean): string[] {
  return fieldRequirements(p, { returningCustomer })
    .filter(([key, req]) => req === "required" && key !== "shipping")
    .map(([key]) => wire(key));
}

function sandboxRequired(s: PlaceOrderProduct, returningCustomer: boolean): string[] {
  const fromRecords = returningCustomer && s.needs.includes("login");
  return paramsOf(s.needs)
    .filter((r) => r.required && !(fromRecords && FROM_RETURNING_CUSTOMER.has(r.name)))
    .map((r) => r.name.toLowerCase());
}

function catalogOptional(p: Product): string[] {
  return fieldRequirements(p, {})
    .filter(([key, req]) => req === "optional" && key !== "shipping")
    .map(([key]) => wire(key));
}

function sandboxOptional(s: PlaceOrderProduct): string[] {
  return paramsOf(s.needs)
    .filter((r) => !r.required)
    .map((r) => r.name.toLowerCase());
}

function etokenRule(p: Product): string {
  if (p.rules?.includes("etoken-always")) return "always";
  return p.rules?.includes("etoken-if-smartcard") ? "on request" : "never";
}

function sandboxEtoken(s: PlaceOrderProduct): string {
  if (s.needs.includes("etoken")) return "always";
  return s.needs.includes("etoken-on-request") ? "on request" : "never";
}

function placeOrderDisagreements(found: string[]): void {
  const seen = new Set<number>();
  for (const p of CATALOG.filter((c) => c.api === "PlaceOrder")) {
    for (const t of p.terms) {
      if (t.ppp === undefined) continue;
      seen.add(t.ppp);
      const row = placeOrderRow(t.ppp);
      const at = (what: string, app: unknown, sandbox: unknown) => {
        if (JSON.stringify(app) !== JSON.stringify(sandbox)) found.push(`${t.ppp} ${what}: ${String(app)} | ${String(sandbox)}`);
      };
      if (!row || row.label === undefined) {
        found.push(`${t.ppp} missing in the sandbox: ${p.name} | -`);
        continue;
      }
      const s = row.product;
      at("name", p.placeOrderName ?? p.name, row.name);
      at("family", LINE_OF_FAMILY[p.family], s.line);
      at("days", t.days ?? 0, row.days);
      at("IP addresses", t.itemParams?.["IP Addresses"], row.ipAddresses === undefined ? undefined : String(row.ipAddresses));
      at("companions", show((t.companions ?? []).map((c) => c.ppp)), show(sorted(t.companions === undefined ? [] : [...PLACE_ORDER_ROWS.values()].filter((r) => r.companionOf?.includes(t.ppp as number)).map((r) => r.ppp))));
      at("orderable alone", p.orderable, !s.companionOnly);
      if (!p.orderable) continue;
      at("wildcard", p.wildcard === true, s.wildcard === true);
      at("required", show(catalogRequired(p, false)), show(sandboxRequired(s, false)));
      at("required for a returning customer", show(catalogRequired(p, true)), show(sandboxRequired(s, true)));
      at("optional", show(catalogOptional(p)), show(sandboxOptional(s)));
      at("eToken", etokenRule(p), sandboxEtoken(s));
      at("locality-or-state rule", p.rules?.includes("address-locality-or-state") === true, s.needs.includes("company-address"));
      at("PSD2 rule", p.rules?.includes("psd2") === true, s.needs.includes("psd2"));
      at("replace/renew rule", p.rules?.includes("order-number-for-replace-or-renew") === true, s.needs.includes("pac-options"));
      at("no HTTP DCV for wildcards", p.rules?.includes("wildcard-no-http-dcv") === true, s.wildcard === true && s.needs.includes("tls-options"));
      if (p.fields.csr === "required") at("smallest RSA key", p.csr?.minRsaBits, s.line === "code-signing" ? 3072 : 2048);
    }
    for (const c of p.terms.flatMap((t) => t.companions ?? [])) seen.add(c.ppp);
  }
  for (const [ppp, row] of PLACE_ORDER_ROWS) if (!seen.has(ppp)) found.push(`${ppp} missing in the catalog: - | ${row.name}`);
}

describe("the sandbox's product table and lib/catalog", () => {
  it("disagree only where a decision in both READMEs says so", () => {
    const found: string[] = [];
    siteLockDisagreements(found);
    placeOrderDisagreements(found);
    expect(found).toEqual(ACCEPTED);
  });

  it("decision S1: the bundle's license carries the sandbox's name in the app too", () => {
    expect(SANDBOX.get(1072)?.name).toBe(BUNDLE_LICENSE_NAME);
  });

  it("the tables are not empty (the comparison above compares something)", () => {
    expect(CATALOG.filter((p) => p.api === "PlaceOrder").length).toBeGreaterThan(50);
    expect(PLACE_ORDER_ROWS.size).toBeGreaterThan(250);
    expect(PPP.size).toBe(13);
  });
});

describe("the demo world's SiteLock list and the sandbox", () => {
  it.each([...SCALED_PRODUCTS.values()].map((p) => [p.code, p] as const))("product %i: name, costs, add-on family and add-ons", (code, p) => {
    const s = SANDBOX.get(code);
    expect(s?.name).toBe(p.name);
    expect(s?.prices).toEqual(p.prices);
    expect(s?.family).toBe(p.family);
    expect(sorted(s?.addOns ?? [])).toEqual(sorted(p.addOns ?? []));
  });
});
