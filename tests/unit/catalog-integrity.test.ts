import { describe, expect, it } from "vitest";
import { PRODUCTS as SANDBOX } from "@/tools/sandbox/core/catalog";
import {
  BUNDLE_CERTIFICATES,
  FAMILIES,
  FIELD_SPECS,
  NCAS,
  PCI_CVC_COMPANION_CODES,
  PRODUCTS,
  addOnsFor,
  isCountryCode,
  formFieldOf,
  orderableByFamily,
  productByKey,
  productById,
  productByPpp,
  searchProducts,
  type FieldKey,
  type ProductRule,
} from "@/lib/catalog";

const placeOrder = PRODUCTS.filter((p) => p.api === "PlaceOrder");
const autoApply = PRODUCTS.filter((p) => p.api === "AutoApplyOrder");
const pppCodes = PRODUCTS.flatMap((p) => p.terms.flatMap((t) => (t.ppp === undefined ? [] : [t.ppp])));

describe("catalog integrity", () => {
  it("gives every PlaceOrder code to exactly one term, and companion codes to none", () => {
    const seen = new Map<number, number>();
    for (const code of [...pppCodes, ...PCI_CVC_COMPANION_CODES]) seen.set(code, (seen.get(code) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    for (const code of pppCodes) expect(Number.isInteger(code) && code > 0, String(code)).toBe(true);
  });

  it("gives every PlaceOrder term a code and every AutoApplyOrder product an ID and documented days", () => {
    for (const p of placeOrder) {
      expect(p.productId, p.key).toBeUndefined();
      expect(p.terms.length, p.key).toBeGreaterThan(0);
      for (const t of p.terms) expect(t.ppp, `${p.key} ${t.label}`).toBeTypeOf("number");
    }
    for (const p of autoApply) {
      expect(p.productId, p.key).toBeTypeOf("number");
      const documented = p.sitelock?.kind === "bundle" ? [...new Set(BUNDLE_CERTIFICATES.flatMap((c) => c.days))] : [30, 365, ...(p.sitelock?.kind === "service" ? [null] : [])];
      for (const t of p.terms) expect(documented, `${p.key} ${t.label}`).toContain(t.days);
    }
    const ids = autoApply.map((p) => p.productId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([1059, 1060, 1061, 1062, 1068, 1069, 1070, 1071, 1072, 1076, 1078, 1082]);
  });

  it("gives each product a unique key, a known family, distinct term labels and only known fields", () => {
    expect(new Set(PRODUCTS.map((p) => p.key)).size).toBe(PRODUCTS.length);
    const families = new Set(FAMILIES.map((f) => f.key));
    for (const p of PRODUCTS) {
      expect(families, p.key).toContain(p.family);
      const labels = p.terms.map((t) => t.label);
      expect(new Set(labels).size, p.key).toBe(labels.length);
      for (const key of Object.keys(p.fields)) expect(FIELD_SPECS[key as FieldKey], `${p.key}.${key}`).toBeDefined();
    }
    for (const f of FAMILIES) expect(PRODUCTS.some((p) => p.family === f.key), f.key).toBe(true);
  });

  it("gives every field a type, an input kind, a parameter name and, for selects, options", () => {
    for (const spec of Object.values(FIELD_SPECS)) {
      expect(spec.input, spec.key).toMatch(/^(text|email|password|tel|date|textarea|select|checkbox|checkboxes)$/);
      expect(spec.param, spec.key).toMatch(/^(x_)?[A-Za-z][A-Za-z0-9]*$/);
      expect(spec.label.length, spec.key).toBeGreaterThan(0);
      if (spec.input === "select") expect(spec.options?.length, spec.key).toBeGreaterThan(0);
    }
  });

  it("lets add-on rules name existing add-ons, on paid plans only", () => {
    for (const p of PRODUCTS) {
      const ids = p.sitelock?.addOns ?? [];
      for (const id of ids) expect(productById(id)?.sitelock?.kind, `${p.key} -> ${id}`).toBe("addon");
      if (ids.length > 0) {
        expect(p.sitelock?.kind).toBe("base");
        expect(p.sitelock?.tier).toBeGreaterThan(0);
        expect(p.fields.addOns).toBe("optional");
      }
    }
    expect(addOnsFor(productById(1059)!)).toEqual([]);
    expect(addOnsFor(productById(1072)!)).toEqual([]);
    // Pro includes 5 GB backup and DNS Pro features: only bigger add-ons (sitelock-products.md §2).
    expect(addOnsFor(productById(1061)!).map((a) => a.productId)).toEqual([1069, 1070, 1071, 1076]);
  });

  it("attaches each rule only to products that have its fields", () => {
    const needs: Record<ProductRule, FieldKey[]> = {
      "address-locality-or-state": ["localityName", "stateOrProvinceName"],
      "etoken-always": ["shipping"],
      "etoken-if-smartcard": ["smartCardBased", "shipping"],
      "wildcard-no-http-dcv": ["dcvMethod"],
      "order-number-for-replace-or-renew": ["replaceOrder", "renewOrder", "orderNumber"],
      psd2: ["organizationIdentifier", "ncaIdentifier", "accountServicingRole", "paymentInitiationRole", "accountInformationRole", "paymentServiceRole"],
      "sitelock-addons": ["addOns"],
      "ssl-bundle": ["sslProductId", "domainName"],
      "sitelock-place-order": ["sectigoChargesCustomer", "domainName", "appRepEmailAddress"],
    };
    for (const p of PRODUCTS) {
      for (const rule of p.rules ?? []) for (const key of needs[rule]) expect(p.fields[key], `${p.key}: ${rule} needs ${key}`).toBeDefined();
      if (p.rules?.includes("wildcard-no-http-dcv")) expect(p.wildcard).toBe(true);
      if (p.fields.csr) expect(p.csr?.minRsaBits, p.key).toBeGreaterThanOrEqual(2048);
    }
  });

  it("D28/D29 sells the bundle for its certificates' terms, the certificates the sandbox sells", () => {
    const bundle = productById(1072)!;
    expect(bundle.orderable).toBe(true);
    expect(bundle.terms.map((t) => t.days).sort()).toEqual([...new Set(BUNDLE_CERTIFICATES.flatMap((c) => c.days))].sort());
    for (const c of BUNDLE_CERTIFICATES) {
      const s = SANDBOX.get(c.productId);
      expect(s?.kind, String(c.productId)).toBe("ssl");
      expect(Object.keys(s?.prices ?? {}).map(Number).sort()).toEqual([...c.days].sort());
      expect(Boolean(s?.wildcard)).toBe(c.wildcard);
    }
  });

  // Each scanning-error decision of lib/catalog/README.md, pinned.
  it.each([
    ["D1 25 GB backup add-on", 10066, "sitelock-backup-25gb", 30],
    ["D1 10 GB backup add-on", 10065, "sitelock-backup-10gb", 30],
    ["D2 SiteLock Pro 30 days (printed 'x_PPP= 10050')", 10050, "sitelock-pro", 30],
    ["D3 Code Signing 1 year (printed 'x PPP=1511')", 1511, "code-signing", 365],
    ["D4 Code Signing 3 years", 1509, "code-signing", 1095],
    ["D5 Personal Authentication 1 year", 5029, "personal-authentication", 365],
    ["D5 Personal Authentication 3 years", 5031, "personal-authentication", 1095],
    ["D6 PDF-Signing 3 years (printed 'x_PPPP=5040')", 5040, "pdf-signing", 1095],
    ["D7 Premium Wildcard DV 5 years (printed '3-year')", 9488, "sectigossl-premium-wildcard-dv", 1825],
    ["D8 first Enterprise DV block", 9533, "sectigossl-enterprise-dv", 365],
    ["D8 second block is EnterpriseSSL DV", 9741, "enterprisessl-dv", 365],
    ["D8 EnterpriseSSL Wildcard DV", 9750, "enterprisessl-wildcard-dv", 1825],
    ["D10 eToken", 495, "etoken", null],
    ["D13 DNS Pro add-on", 10085, "sitelock-dns-pro", 30],
    ["D18 IP pack of 1000", 3488, "hackerguardian-ip-pack", null],
    ["QWAC Natural 90 days", 1249, "qwac-natural", 90],
  ])("%s: %i", (_name, ppp, key, days) => {
    const hit = productByPpp(ppp);
    expect(hit?.product.key).toBe(key);
    expect(hit?.term.days).toBe(days);
  });

  it("offers every orderable product in the picker, grouped by family, and finds it by name", () => {
    const offered = orderableByFamily().flatMap((g) => g.products.map((p) => p.key));
    expect(offered.sort()).toEqual(PRODUCTS.filter((p) => p.orderable).map((p) => p.key).sort());
    expect(offered).not.toContain("etoken");
    const wildcardDv = ["sectigossl-pro-wildcard-dv", "sectigossl-premium-wildcard-dv", "sectigossl-enterprise-wildcard-dv", "enterprisessl-wildcard-dv"];
    expect(searchProducts(" Wildcard dv ").map((p) => p.key)).toEqual(wildcardDv);
    expect(searchProducts("premium wildcard").map((p) => p.key)).toEqual(["sectigossl-premium-wildcard-dv", "sectigossl-premium-ov-wildcard"]);
    expect(searchProducts("trueshield").map((p) => p.productId)).toEqual([1071]);
  });

  it("lists NCAs whose identifiers name their own country", () => {
    expect(new Set(NCAS.map((n) => n.id)).size).toBe(NCAS.length);
    for (const n of NCAS) {
      expect(n.id, n.id).toMatch(/^[A-Z]{2}-[A-Z]{2,8}$/);
      expect(n.id.slice(0, 2)).toBe(n.country);
      expect(isCountryCode(n.country), n.id).toBe(true);
    }
  });

  it.each([
    ["2_csr", "csr"],
    ["_1_dcvEmailAddress", "dcvEmailAddress"],
    ["x_webserverSoftwareID", "webserverSoftwareId"],
    ["EMAILADDRESS", "emailAddress"],
    ["country", "countryName"],
    ["businesscategory", "businessCategory"],
    ["1_PPP", "term"],
    ["loginName", undefined],
    ["nonsense", undefined],
  ])("maps the Sectigo parameter %s to its field of an EV certificate's form", (param, key) => {
    expect(formFieldOf([productByKey("sectigossl-pro-ev")!], "placeOrder", param)).toBe(key);
  });

  it("maps x_dcvEmailAddress to the method when the form sent a method, else to the approver e-mail", () => {
    const ev = productByKey("sectigossl-pro-ev")!;
    expect(formFieldOf([ev], "placeOrder", "1_dcvEmailAddress", { dcvMethod: "CNAMECSRHASH" })).toBe("dcvMethod");
    expect(formFieldOf([ev], "placeOrder", "1_dcvEmailAddress", { dcvMethod: "EMAIL" })).toBe("dcvEmailAddress");
  });
});
