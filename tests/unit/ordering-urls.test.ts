import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PCI_CVC_COMPANION_CODES, PRODUCTS, SHIPPING, ETOKEN_PPP, productByKey } from "@/lib/catalog";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { escapeHtml, generateOrderingUrl, orderingFieldsFor, orderingTermOptions, orderingUrlProducts, type OrderingUrl } from "@/lib/ordering-urls/generate";
import type { OrderingUrlSettingsInput } from "@/lib/ordering-urls/settings-schema";

const BASE = "https://secure.trust-provider.com/products/";
const settings = (productKey: string, term: string, over: Partial<OrderingUrlSettingsInput> = {}): OrderingUrlSettingsInput => ({
  productKey,
  term,
  brand: "acme",
  resellerPays: true,
  successUrl: "https://shop.example/ok.html",
  errorUrl: "https://shop.example/error.html",
  prefill: {},
  ...over,
});

function ok(input: OrderingUrlSettingsInput, base = BASE): OrderingUrl {
  const result = generateOrderingUrl(base, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] as string);

/** The hidden inputs as a browser would read them: name and value attributes, unescaped. */
function hiddenInputs(snippet: string): [string, string][] {
  return [...snippet.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [decode(m[1] as string), decode(m[2] as string)]);
}

const products = orderingUrlProducts(PRODUCTS);

describe("ordering URL for every catalog product and term", () => {
  it("covers every orderable product that has a PlaceOrder code", () => {
    expect(products.length).toBeGreaterThan(50);
    expect(products.map((p) => p.family)).toEqual(expect.arrayContaining(["sitelock", "sectigossl", "code-signing", "hackerguardian", "eidas", "qwac"]));
  });

  it.each(products.map((p) => [p.key, p] as const))("%s: each term's code is 1_PPP, brand, reseller and URLs are hidden", (_key, product) => {
    for (const term of orderingTermOptions(product)) {
      const out = ok(settings(product.key, term.value, { resellerPays: false }));
      const query = new URL(out.url).searchParams;
      expect(out.url.startsWith(`${BASE}!PlaceOrder?ap=acme&reseller=N&`)).toBe(true);
      expect(query.get("1_PPP")).toBe(term.value);
      expect(query.get("successURL")).toBe("https://shop.example/ok.html");
      expect(query.get("errorURL")).toBe("https://shop.example/error.html");
      // The form posts exactly what the URL carries (plus what the customer types).
      expect(hiddenInputs(out.snippet)).toEqual([...query.entries()]);
      expect(out.snippet).toContain(`action="${BASE}!PlaceOrder"`);
    }
  });
});

describe("never the reseller's credentials", () => {
  const secrets = { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password };

  it.each(products.map((p) => [p.key] as const))("%s: the reseller's login cannot be prefilled, nor appear", (key) => {
    const product = productByKey(key)!;
    const term = orderingTermOptions(product)[0]!.value;
    const refused = generateOrderingUrl(BASE, settings(key, term, { prefill: secrets }));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(Object.keys(refused.errors).sort()).toEqual(["prefill.loginName", "prefill.loginPassword"]);
    const out = ok(settings(key, term));
    for (const text of [out.url, out.snippet]) {
      expect(text).not.toContain(DEMO_RESELLER.password);
      expect(text).not.toContain(DEMO_RESELLER.loginName);
      expect(text).not.toMatch(/loginPassword=|name="loginPassword" value=/);
    }
  });

  it("an account product asks the END CUSTOMER for their own login, as a password input", () => {
    const out = ok(settings("code-signing", "1511"));
    expect(out.visible.map((f) => f.name)).toEqual(expect.arrayContaining(["loginName", "loginPassword"]));
    expect(out.snippet).toMatch(/<input type="password" id="od-loginPassword" name="loginPassword" required maxlength="128" autocomplete="new-password">/);
    expect(new URL(out.url).searchParams.has("loginPassword")).toBe(false);
  });

  it("a product without an account has no login fields at all", () => {
    const out = ok(settings("positivessl-ov", orderingTermOptions(productByKey("positivessl-ov")!)[0]!.value));
    expect(out.snippet).not.toContain("login");
  });
});

describe("escaping", () => {
  const nasty = `a"><script>alert('x')</script>&`;
  it("brand, URLs and prefilled values cannot break out of the HTML", () => {
    const out = ok(
      settings("code-signing", "1511", {
        brand: nasty.slice(0, 40),
        successUrl: `https://shop.example/ok?a="><img src=x onerror=alert(1)>&b='`,
        errorUrl: `https://shop.example/e?<b>`,
        prefill: { organizationName: `Fred's "Bar" <&> Co` },
      }),
    );
    expect(out.snippet).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/);
    // Only the form's own tags remain: every '<' starts a known tag.
    expect([...out.snippet.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1])).toEqual(expect.not.arrayContaining(["script", "img", "b"]));
    const hidden = new Map(hiddenInputs(out.snippet));
    expect(hidden.get("ap")).toBe(nasty.slice(0, 40));
    expect(hidden.get("successURL")).toBe(`https://shop.example/ok?a="><img src=x onerror=alert(1)>&b='`);
    expect(hidden.get("organizationName")).toBe(`Fred's "Bar" <&> Co`);
    expect(new URL(out.url).searchParams.get("ap")).toBe(nasty.slice(0, 40));
  });

  it("labels and options are escaped too", () => {
    expect(escapeHtml(`<"&'>`)).toBe("&lt;&quot;&amp;&#39;&gt;");
    const out = ok(settings("document-signing-organization", "6053"));
    expect(out.snippet).toMatch(/<option value="496">Standard shipping<\/option>/);
  });
});

describe("companions as the catalog says", () => {
  it("HackerGuardian PCI: the invisible free CVC rides as item 2", () => {
    const pci = productByKey("hackerguardian-pci")!;
    const term = pci.terms[0]!;
    const query = new URL(ok(settings(pci.key, String(term.ppp))).url).searchParams;
    expect(query.get("2_PPP")).toBe(String(term.companions![0]!.ppp));
    expect(PCI_CVC_COMPANION_CODES).toContain(Number(query.get("2_PPP")));
    expect(query.get("2_visibility")).toBe("0");
  });

  it("EV Code Signing: eToken hidden, the customer picks the shipping", () => {
    const out = ok(settings("ev-code-signing", "1535"));
    const query = new URL(out.url).searchParams;
    expect(query.get("2_PPP")).toBe(String(ETOKEN_PPP));
    const shipping = out.visible.find((f) => f.name === "3_PPP")!;
    expect(shipping.options!.map((o) => o.value)).toEqual(Object.values(SHIPPING).map((s) => String(s.ppp)));
    expect(shipping.required).toBe(true);
  });

  it("eIDAS (token optional): eToken and shipping only when the reseller chooses token delivery", () => {
    const product = productByKey("eidas-citizen")!;
    const without = ok(settings(product.key, "6501"));
    expect(new URL(without.url).searchParams.has("2_PPP")).toBe(false);
    expect(without.visible.some((f) => f.key === "shipping" || f.key === "smartCardBased")).toBe(false);
    const withToken = new URL(ok(settings(product.key, "6501", { smartCard: true })).url).searchParams;
    expect(withToken.get("1_smartCardBased")).toBe("Y");
    expect(withToken.get("2_PPP")).toBe(String(ETOKEN_PPP));
  });

  it("an IP pack carries its fixed item parameter", () => {
    const pack = productByKey("hackerguardian-ip-pack")!;
    const term = pack.terms[0]!;
    const query = new URL(ok(settings(pack.key, String(term.ppp))).url).searchParams;
    for (const [name, value] of Object.entries(term.itemParams ?? {})) expect(query.get(`1_${name}`)).toBe(value);
    expect(Object.keys(term.itemParams ?? {}).length).toBeGreaterThan(0);
  });

  it("per-item fields go on item 1 (1_csr), SiteLock asks for email and domain", () => {
    const ssl = productByKey("positivessl-ov")!;
    expect(orderingFieldsFor(ssl).find((f) => f.key === "csr")?.name).toBe("1_csr");
    const basic = products.find((p) => p.family === "sitelock")!;
    expect(orderingFieldsFor(basic).map((f) => f.name)).toEqual(["emailAddress", "domainName"]);
  });

  it("a prefilled field is hidden and leaves the visible ones", () => {
    const out = ok(settings("positivessl-ov", orderingTermOptions(productByKey("positivessl-ov")!)[0]!.value, { prefill: { emailAddress: "it@buyer.example" } }));
    expect(new URL(out.url).searchParams.get("emailAddress")).toBe("it@buyer.example");
    expect(out.visible.some((f) => f.key === "emailAddress")).toBe(false);
  });
});

describe("bad input comes back as field errors", () => {
  it.each([
    ["successUrl", "javascript:alert(1)"],
    ["successUrl", "ftp://shop.example/ok"],
    ["errorUrl", "shop.example/error"],
    ["errorUrl", "https://user:pw@shop.example/"],
    ["errorUrl", ""],
  ])("%s = %s", (field, value) => {
    const result = generateOrderingUrl(BASE, settings("code-signing", "1511", { [field]: value }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toMatch(/URL|address/);
  });

  it("an unknown product, a term of another product, a value outside a select", () => {
    const r1 = generateOrderingUrl(BASE, settings("nope", "1511"));
    const r2 = generateOrderingUrl(BASE, settings("code-signing", "1535"));
    const r3 = generateOrderingUrl(BASE, settings("code-signing", "1511", { prefill: { countryName: "XX" } }));
    expect([r1, r2, r3].map((r) => (r.ok ? null : Object.keys(r.errors)))).toEqual([["productKey"], ["term"], ["prefill.countryName"]]);
  });

  it("an API base URL without its trailing slash still points at /products/!PlaceOrder", () => {
    expect(ok(settings("code-signing", "1511"), "http://127.0.0.1:4681/products").url).toMatch(/^http:\/\/127\.0\.0\.1:4681\/products\/!PlaceOrder\?/);
  });
});

describe("the vendor stays behind its client", () => {
  it("no Sectigo parameter name is built outside lib/sectigo (the encoding is the client's encodeOrderingUrl)", () => {
    const dirs = ["lib/ordering-urls", "components/ordering-urls"];
    const files = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => /\.tsx?$/.test(f)).map((f) => path.join(d, f)));
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      // Code only: comments may name parameters.
      const code = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      expect(code, file).not.toMatch(/["'`](successURL|errorURL|!PlaceOrder|ap|reseller|\d+_\w+)["'`]/);
      expect(code, file).not.toMatch(/`[^`]*\$\{[^}]*\}_/); // `${n}_PPP`
      expect(code, file).not.toMatch(/`\d+_/); // `1_${name}`
    }
  });
});
