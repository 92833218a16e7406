import { describe, expect, it } from "vitest";
import {
  PRODUCTS,
  checkCsrKey,
  formFieldsFor,
  orderSchemaFor,
  parseCsr,
  placeOrderItemsFor,
  productByKey,
  type FieldKey,
  type OrderFormInput,
  type Product,
  type SchemaOptions,
} from "@/lib/catalog";
import { EC256W, RSA1024, RSA2048, RSA2048W, RSA3072 } from "../sectigo/fixtures/csrs";
import { validInput } from "../fixtures/catalog-input";

/* CSRs made with `openssl req -new -newkey …` (RSA 2048/3072/1024, EC P-256 wildcard, EC P-521). */
const EC521 = `-----BEGIN CERTIFICATE REQUEST-----
MIIBXTCBvwIBADAaMRgwFgYDVQQDDA9iaWcuZXhhbXBsZS5jb20wgZswEAYHKoZI
zj0CAQYFK4EEACMDgYYABADG/OTLJPUCUNwAdRouiw5tyAikW+sK6DG1dArkRh2f
kfdbTlAbk7euYP8i5u3EvHUmFHNomh1JSxec6KPUdYOkmgFaRGHyX5BzKOEH9g+X
O+LMZWC/XWN2CD7C5GJkF64ldznDsuU4arOY7XzklL4g8FCKrG4y+Lv2JpWgWrj3
NKQHJqAAMAoGCCqGSM49BAMCA4GMADCBiAJCAKRsk6lR6d1Gc2xVS7Z5THDxJwz+
0CP3hy47nmD98c4s5nfaxzfFk2+ec7AszZE4fYiJfAFx0xYu+SLK2492rX7yAkIB
M7U3ZN3Sd+jgwXX53bHEtV+VTiMFpukK9bqUMW5JbzhmDPIeiX5+FuR36Co+wJD9
9W1Md/q5WwaNDpcQNm+LJQY=
-----END CERTIFICATE REQUEST-----`;

const orderable = PRODUCTS.filter((p) => p.orderable);

describe("orderSchemaFor: every orderable product", () => {
  it.each(orderable.map((p) => [p.key, p] as const))("%s accepts its required fields and refuses an empty form", (_key, product) => {
    const schema = orderSchemaFor(product);
    const ok = schema.safeParse(validInput(product));
    expect(ok.error?.issues ?? []).toEqual([]);
    const required = formFieldsFor(product).filter((f) => f.required && f.input !== "checkbox").map((f) => f.key);
    const empty = schema.safeParse({});
    const paths = new Set((empty.error?.issues ?? []).map((i) => String(i.path[0])));
    for (const key of ["term", ...required]) expect(paths, key).toContain(key);
  });

  it("gives the city the 'city or state' help only where that rule applies", () => {
    const help = (key: string) => formFieldsFor(productByKey(key) as Product).find((f) => f.key === "localityName")?.help;
    expect(help("sitelock-ssl-bundle")).toBeUndefined();
    const ruled = PRODUCTS.find((p) => p.orderable && p.rules?.includes("address-locality-or-state") && p.fields.localityName)!;
    expect(help(ruled.key)).toMatch(/at least one/);
  });

  it("refuses products that are only ordered alongside another", () => {
    for (const key of ["etoken", "etoken-shipping"]) expect(() => orderSchemaFor(productByKey(key) as Product)).toThrow();
  });
});

type Case = {
  name: string;
  product: string;
  change: Partial<OrderFormInput> | ((input: OrderFormInput) => OrderFormInput);
  options?: SchemaOptions;
} & ({ ok: true; expect?: Partial<Record<FieldKey, unknown>> } | { ok: false; field: FieldKey | "term"; message: RegExp });

/** One table for every family: a change to the valid form, and what must happen. */
const CASES: Case[] = [
  // SiteLock plans (AutoApplyOrder) and add-ons
  { name: "SiteLock: domain is normalised", product: "sitelock-basic", change: { domainName: " Shop.Example.COM " }, ok: true, expect: { domainName: "shop.example.com" } },
  { name: "SiteLock: a URL is not a domain", product: "sitelock-basic", change: { domainName: "https://shop.example.com/" }, ok: false, field: "domainName", message: /domain name such as/ },
  { name: "SiteLock: domain longer than 64", product: "sitelock-pro", change: { domainName: `${"a".repeat(60)}.example.com` }, ok: false, field: "domainName", message: /at most 64/ },
  { name: "SiteLock Basic: TrueShield + 10 GB", product: "sitelock-basic", change: { addOns: ["1071", "1069"] }, ok: true, expect: { addOns: ["1071", "1069"] } },
  // What a browser form gives for a checkbox group: false when none is ticked, a string for one box.
  { name: "SiteLock Basic: no add-on ticked (false)", product: "sitelock-basic", change: { addOns: false }, ok: true, expect: { addOns: [] } },
  { name: "SiteLock Basic: one add-on as a string", product: "sitelock-basic", change: { addOns: "1071" as never }, ok: true, expect: { addOns: ["1071"] } },
  { name: "SiteLock Pro: no 5 GB backup", product: "sitelock-pro", change: { addOns: ["1068"] }, ok: false, field: "addOns", message: /cannot be added to SiteLock Pro/ },
  { name: "SiteLock Basic: two backups", product: "sitelock-basic", change: { addOns: ["1068", "1070"] }, ok: false, field: "addOns", message: /one backup add-on/ },
  { name: "SiteLock: unknown term", product: "sitelock-monitor", change: { term: "30" }, ok: false, field: "term", message: /listed terms/ },
  { name: "SiteLock 911: ordered without days", product: "sitelock-911", change: { term: "0" }, ok: true },
  { name: "SiteLock add-on: email required", product: "sitelock-trueshield", change: { appRepEmailAddress: "" }, ok: false, field: "appRepEmailAddress", message: /is required/ },
  { name: "SiteLock: existing customer's order number", product: "sitelock-basic", change: { previousOrderNumber: "12a" }, ok: false, field: "previousOrderNumber", message: /digits only/ },
  // SSL with the SSL PLUS SiteLock Bundle (AutoApplyOrder)
  { name: "SSL bundle: PositiveSSL, 1 year", product: "sitelock-ssl-bundle", change: { sslProductId: "287", term: "365", csrPriority: "fields" }, ok: true, expect: { sslProductId: "287", csrPriority: "fields" } },
  { name: "SSL bundle: the certificate is required", product: "sitelock-ssl-bundle", change: { sslProductId: "" }, ok: false, field: "sslProductId", message: /SSL certificate is required/ },
  { name: "SSL bundle: only the listed certificates", product: "sitelock-ssl-bundle", change: { sslProductId: "1061" }, ok: false, field: "sslProductId", message: /listed values/ },
  { name: "SSL bundle: no 90-day wildcard", product: "sitelock-ssl-bundle", change: { sslProductId: "289", term: "90", domainName: "*.shop.example" }, ok: false, field: "term", message: /not sold for this term: choose 1 year or 2 years/ },
  { name: "SSL bundle: wildcard certificate for *.domain", product: "sitelock-ssl-bundle", change: { sslProductId: "289", term: "730", domainName: "*.shop.example" }, ok: true, expect: { domainName: "*.shop.example" } },
  { name: "SSL bundle: wildcard needs a *. name", product: "sitelock-ssl-bundle", change: { sslProductId: "289", term: "365" }, ok: false, field: "domainName", message: /wildcard certificate is for \*\./ },
  { name: "SSL bundle: *. name needs a wildcard certificate", product: "sitelock-ssl-bundle", change: { domainName: "*.shop.example" }, ok: false, field: "domainName", message: /needs a wildcard certificate/ },
  { name: "SSL bundle: the e-mail is required (no bundle without it)", product: "sitelock-ssl-bundle", change: { appRepEmailAddress: "" }, ok: false, field: "appRepEmailAddress", message: /is required/ },
  { name: "SSL bundle: a CSR is checked", product: "sitelock-ssl-bundle", change: { csr: RSA1024 }, ok: false, field: "csr", message: /at least 2048/ },
  // SectigoSSL / EnterpriseSSL / PositiveSSL
  { name: "SSL DV: a 1024-bit key", product: "sectigossl-pro-dv", change: { csr: RSA1024 }, ok: false, field: "csr", message: /1024 bits; at least 2048/ },
  { name: "SSL DV: P-521", product: "sectigossl-premium-dv", change: { csr: EC521 }, ok: false, field: "csr", message: /P-521/ },
  { name: "SSL DV: not a CSR", product: "sectigossl-pro-dv", change: { csr: "hello" }, ok: false, field: "csr", message: /BEGIN CERTIFICATE REQUEST/ },
  { name: "SSL DV: damaged CSR", product: "sectigossl-pro-dv", change: { csr: RSA2048.replace("MIIC", "MIID") }, ok: false, field: "csr", message: /not a readable certificate request/ },
  { name: "SSL DV: wildcard CSR on a single-name product", product: "sectigossl-pro-dv", change: { csr: RSA2048W }, ok: false, field: "csr", message: /choose a wildcard product/ },
  { name: "SSL wildcard: needs a *. CSR", product: "sectigossl-pro-wildcard-dv", change: { csr: RSA2048 }, ok: false, field: "csr", message: /wildcard certificate needs/ },
  { name: "SSL wildcard: no HTTP file DCV", product: "enterprisessl-wildcard-dv", change: { dcvMethod: "HTTPSCSRHASH" }, ok: false, field: "dcvMethod", message: /HTTP\(S\) file/ },
  { name: "SSL wildcard: CNAME DCV is fine", product: "positivessl-ov-wildcard", change: { dcvMethod: "CNAMECSRHASH" }, ok: true },
  { name: "SSL: approver email only with email DCV", product: "sectigossl-pro-dv", change: { dcvMethod: "CNAMECSRHASH", dcvEmailAddress: "admin@example.com" }, ok: false, field: "dcvEmailAddress", message: /only used with email/ },
  { name: "SSL: web server software from the list", product: "sectigossl-pro-dv", change: { webserverSoftwareId: "99" }, ok: false, field: "webserverSoftwareId", message: /listed values/ },
  { name: "SSL OV: needs city or state", product: "sectigossl-pro-ov", change: { localityName: "" }, ok: false, field: "localityName", message: /city or the state/ },
  { name: "SSL OV: state alone is enough", product: "positivessl-ov", change: { localityName: "", stateOrProvinceName: "Brabant" }, ok: true },
  { name: "SSL OV: country must be ISO alpha-2", product: "enterprisessl-ov", change: { countryName: "UK" }, ok: false, field: "countryName", message: /listed values|from the list/ },
  { name: "SSL EV: incorporation date in the past", product: "sectigossl-premium-ev", change: { dateOfIncorporation: "2999-01-01" }, ok: false, field: "dateOfIncorporation", message: /past date/ },
  { name: "SSL EV: business category b/c/d", product: "enterprisessl-ev", change: { businessCategory: "x" }, ok: false, field: "businessCategory", message: /listed values/ },
  { name: "SSL: a field of another product is dropped", product: "sectigossl-pro-dv", change: { domainName: "x.example.com" }, ok: true, expect: { domainName: undefined } },
  // Code Signing and EV Code Signing
  { name: "Code Signing: RSA 2048 is too small", product: "code-signing", change: { csr: RSA2048 }, ok: false, field: "csr", message: /at least 3072/ },
  { name: "Code Signing (ordering URL): login required", product: "code-signing", options: { channel: "orderingUrl" }, change: { loginName: "" }, ok: false, field: "loginName", message: /is required/ },
  { name: "Code Signing: company address required", product: "code-signing", change: { streetAddress1: "" }, ok: false, field: "streetAddress1", message: /is required/ },
  { name: "Code Signing: returning customer's address comes from the account", product: "code-signing", options: { returningCustomer: true }, change: (i) => ({ ...i, organizationName: "", streetAddress1: "", localityName: "", postalCode: "", countryName: "" }), ok: true },
  { name: "Code Signing (ordering URL): the password is kept verbatim", product: "code-signing", options: { channel: "orderingUrl" }, change: {}, ok: true, expect: { loginPassword: "  s3cret with spaces " } },
  { name: "Code Signing (staff form): no customer login or password is asked or kept", product: "code-signing", change: { loginName: "", loginPassword: "" }, ok: true, expect: { loginName: undefined, loginPassword: undefined } },
  { name: "EV Code Signing: shipping required", product: "ev-code-signing", change: { shipping: "" }, ok: false, field: "shipping", message: /is required/ },
  { name: "EV Code Signing: shipping from the list", product: "ev-code-signing", change: { shipping: "pigeon" }, ok: false, field: "shipping", message: /listed values/ },
  // Document Signing, PDF-Signing
  { name: "Document Signing (Organization): eToken shipping", product: "document-signing-organization", change: { shipping: "international" }, ok: true },
  { name: "Document Signing on Azure: company name", product: "document-signing-azure", change: { organizationName: "x".repeat(65) }, ok: false, field: "organizationName", message: /at most 64/ },
  { name: "PDF-Signing: email format", product: "pdf-signing", change: { emailAddress: "jo@" }, ok: false, field: "emailAddress", message: /valid email/ },
  // Personal Authentication: title/forename/surname rules
  { name: "PAC: email only", product: "personal-authentication", change: {}, ok: true },
  { name: "PAC Pro: surname required", product: "personal-authentication-pro", change: { surname: "" }, ok: false, field: "surname", message: /is required/ },
  { name: "PAC Enterprise: title required", product: "personal-authentication-enterprise", change: { title: "" }, ok: false, field: "title", message: /is required/ },
  { name: "PAC: renewal needs the order number", product: "personal-authentication", change: { renewOrder: true }, ok: false, field: "orderNumber", message: /being replaced or renewed/ },
  { name: "PAC: replacement with its order number", product: "personal-authentication-pro", change: { replaceOrder: true, orderNumber: "1234567" }, ok: true, expect: { replaceOrder: true, renewOrder: false } },
  // HackerGuardian, IP packs, HackerProof, Payment Credential CVC
  { name: "HackerGuardian: city required (not state)", product: "hackerguardian-pci", change: { localityName: "", stateOrProvinceName: "Brabant" }, ok: false, field: "localityName", message: /is required/ },
  { name: "HackerGuardian: forename required", product: "hackerguardian-trial", change: { forename: "" }, ok: false, field: "forename", message: /is required/ },
  { name: "HackerGuardian IP pack: 50 addresses", product: "hackerguardian-ip-pack", change: { term: "3485" }, ok: true },
  { name: "HackerGuardian IP pack: a PCI code is not a pack", product: "hackerguardian-ip-pack", change: { term: "3461" }, ok: false, field: "term", message: /listed terms/ },
  { name: "HackerProof (ordering URL): password required", product: "hackerproof", options: { channel: "orderingUrl" }, change: { loginPassword: "" }, ok: false, field: "loginPassword", message: /is required/ },
  { name: "CVC (ordering URL): password longer than 128", product: "payment-credential-cvc", options: { channel: "orderingUrl" }, change: { loginPassword: "p".repeat(129) }, ok: false, field: "loginPassword", message: /at most 128/ },
  // Sectigo Web (+ Partner, One Time Remediate), Web DNS Pro
  { name: "Sectigo Web Monitor: 45-day trial", product: "sectigo-web-monitor", change: { term: "9686" }, ok: true },
  { name: "Sectigo Web Complete Partner: email required", product: "sectigo-web-complete-partner", change: { emailAddress: "  " }, ok: false, field: "emailAddress", message: /is required/ },
  { name: "One Time Remediate: only 1 year", product: "sectigo-web-one-time-remediate", change: { term: "9893" }, ok: false, field: "term", message: /listed terms/ },
  { name: "Web DNS Pro: email format", product: "web-dns-pro", change: { emailAddress: "not an email" }, ok: false, field: "emailAddress", message: /valid email/ },
  // eIDAS and QWAC
  { name: "eIDAS Citizen: semantics identifier structure", product: "eidas-citizen", change: { semanticsIdentifier: "12345678" }, ok: false, field: "semanticsIdentifier", message: /PAS, IDC, PNO or TIN/ },
  { name: "eIDAS Citizen: identifier country must exist", product: "eidas-citizen", change: { semanticsIdentifier: "PNOZZ-1" }, ok: false, field: "semanticsIdentifier", message: /ZZ is not an ISO 3166/ },
  { name: "eIDAS Citizen: token delivery needs shipping", product: "eidas-citizen", change: { smartCardBased: true }, ok: false, field: "shipping", message: /eToken is shipped/ },
  { name: "eIDAS Citizen: token delivery with shipping", product: "eidas-citizen", change: { smartCardBased: true, shipping: "expedited" }, ok: true },
  { name: "eIDAS Employee QSCD: organisation identifier", product: "eidas-employee-qscd", change: { organizationIdentifier: "VAT-BE0876866" }, ok: false, field: "organizationIdentifier", message: /VATBE-0876866/ },
  { name: "eIDAS Seal: LEI with XG", product: "eidas-seal", change: { organizationIdentifier: "LEIXG-5493001KJTIIGC8Y1R12" }, ok: true },
  { name: "eIDAS Seal for PSD2: non-PSD identifier", product: "eidas-seal-psd2", change: { organizationIdentifier: "VATBE-0876866" }, ok: false, field: "organizationIdentifier", message: /PSD2 certificate needs/ },
  { name: "eIDAS Seal for PSD2: NCA must match", product: "eidas-seal-psd2-qscd", change: { ncaIdentifier: "DE-BAFIN" }, ok: false, field: "organizationIdentifier", message: /names FI-FINFSA, but the authority chosen is DE-BAFIN/ },
  { name: "eIDAS Seal for PSD2: at least one role", product: "eidas-seal-psd2", change: { accountServicingRole: false }, ok: false, field: "accountServicingRole", message: /at least one PSD2 role/ },
  { name: "eIDAS Seal for PSD2: NCA from the list", product: "eidas-seal-psd2", change: { ncaIdentifier: "XX-NOPE" }, ok: false, field: "ncaIdentifier", message: /listed values/ },
  { name: "QWAC Legal for PSD2: 90 days", product: "qwac-legal-psd2", change: { term: "1248" }, ok: true },
  { name: "QWAC Natural: CSR required", product: "qwac-natural", change: { csr: "" }, ok: false, field: "csr", message: /CSR is required/ },
  { name: "QWAC Legal Multi-Domain: PSD prefix needs the PSD2 structure", product: "qwac-legal-multi-domain", change: { organizationIdentifier: "PSDFI-1234" }, ok: false, field: "organizationIdentifier", message: /PSD identifier reads/ },
];

describe("orderSchemaFor: valid and invalid input per family", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const product = productByKey(c.product);
    if (!product) throw new Error(`no product ${c.product}`);
    const base = validInput(product, c.options);
    const input = typeof c.change === "function" ? c.change(base) : ({ ...base, ...c.change } as OrderFormInput);
    const result = orderSchemaFor(product, c.options).safeParse(input);
    if (c.ok) {
      expect(result.error?.issues ?? []).toEqual([]);
      for (const [key, value] of Object.entries(c.expect ?? {})) expect(result.data?.[key as FieldKey]).toEqual(value);
    } else {
      expect(result.success).toBe(false);
      const issue = result.error?.issues.find((i) => i.path[0] === c.field);
      expect(issue?.message, JSON.stringify(result.error?.issues)).toMatch(c.message);
    }
  });

  it("covers every family that has orderable products", () => {
    const families = new Set(CASES.map((c) => productByKey(c.product)?.family));
    for (const p of orderable) expect(families, p.family).toContain(p.family);
  });
});

describe("parseCsr (DER walker)", () => {
  it.each([
    ["RSA 2048", RSA2048, { algorithm: "RSA", bits: 2048 }, "www.example.com"],
    ["RSA 3072", RSA3072, { algorithm: "RSA", bits: 3072 }, "Example Code Signing"],
    ["RSA 1024", RSA1024, { algorithm: "RSA", bits: 1024 }, "small.example.com"],
    ["EC P-256", EC256W, { algorithm: "EC", curve: "P-256", bits: 256 }, "*.example.com"],
    ["EC P-521", EC521, { algorithm: "EC", curve: "P-521", bits: 521 }, "big.example.com"],
  ])("reads the key and common name of %s", (_name, pem, key, cn) => {
    expect(parseCsr(pem)).toEqual({ ok: true, key, commonName: cn });
  });

  it("accepts NEW CERTIFICATE REQUEST armour and CRLF line ends", () => {
    const legacy = RSA2048.replaceAll("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST").replaceAll("\n", "\r\n");
    expect(parseCsr(legacy).ok).toBe(true);
  });

  it.each([
    ["a certificate", RSA2048.replaceAll("CERTIFICATE REQUEST", "CERTIFICATE")],
    ["bad Base-64", RSA2048.replace("MIIC", "M!IC")],
    ["a truncated body", RSA2048.replace(/\n[^\n]*\n-----END/, "\n-----END")],
    ["trailing garbage", RSA2048.replace("\n-----END", "AAAA\n-----END")],
  ])("refuses %s with a sentence", (_name, pem) => {
    const parsed = parseCsr(pem);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/\.$/);
  });

  it("applies the key policy", () => {
    expect(checkCsrKey({ algorithm: "RSA", bits: 2048 }, 2048)).toBeUndefined();
    expect(checkCsrKey({ algorithm: "RSA", bits: 16384 }, 2048)).toMatch(/at most 8192/);
    expect(checkCsrKey({ algorithm: "EC", curve: "P-384", bits: 384 }, 3072)).toBeUndefined();
    expect(checkCsrKey({ algorithm: "other", oid: "1.3.101.112" }, 2048)).toMatch(/not supported/);
  });
});

describe("placeOrderItemsFor: the product and its companions", () => {
  const parse = (key: string, change: Partial<OrderFormInput>) => {
    const product = productByKey(key) as Product;
    return { product, values: orderSchemaFor(product).parse({ ...validInput(product), ...change }) };
  };
  it.each([
    ["sectigossl-pro-dv", { term: "9406" }, [{ ppp: 9406, role: "product" }]],
    ["ev-code-signing", { term: "1536", shipping: "expedited" }, [{ ppp: 1536, role: "product" }, { ppp: 495, role: "etoken" }, { ppp: 497, role: "shipping" }]],
    ["eidas-citizen", { smartCardBased: false }, [{ ppp: 6501, role: "product" }]],
    ["eidas-citizen", { smartCardBased: true, shipping: "international" }, [{ ppp: 6501, role: "product" }, { ppp: 495, role: "etoken" }, { ppp: 498, role: "shipping" }]],
    ["hackerguardian-pci", { term: "3462" }, [{ ppp: 3462, role: "product" }, { ppp: 3452, visibility: 0, role: "companion" }]],
    ["hackerguardian-ip-pack", { term: "3484" }, [{ ppp: 3484, role: "product", params: { "IP Addresses": "10" } }]],
  ] as const)("%s %j", (key, change, items) => {
    const { product, values } = parse(key, change as Partial<OrderFormInput>);
    expect(placeOrderItemsFor(product, values)).toEqual(items);
  });

  it("leaves AutoApplyOrder products to their product ID", () => {
    const { product, values } = parse("sitelock-basic", {});
    expect(placeOrderItemsFor(product, values)).toBeUndefined();
  });
});

describe("a CSR is at most 32 KB (issue 17 review: a 636 KB CSR with 20,000 SANs was accepted and stored)", () => {
  it.each(PRODUCTS.filter((p) => p.orderable !== false && typeof validInput(p).csr === "string").map((p) => [p.key, p] as const))("%s: an oversized CSR is refused on its field", (_key, product) => {
    const input = validInput(product);
    const csr = String(input.csr);
    const huge = csr.replace("-----END", `${"A".repeat(33_000)}\n-----END`);
    const result = orderSchemaFor(product).safeParse({ ...input, csr: huge });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === "csr")?.message).toBe("CSR can be at most 32768 characters.");
  });
});
