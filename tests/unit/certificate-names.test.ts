/**
 * Issue 17 items 2 and 8, the pure parts: what a pasted text names (lib/lookup/pasted-text.ts) and
 * the names a certificate request covers (lib/orders/csr-names.ts, certificate-domains.ts).
 * The CSRs were made with openssl (their names listed by `openssl req -noout -text`), so the
 * expected names come from openssl, not from the code under test.
 */
import { describe, expect, it } from "vitest";
import { pastedValue } from "@/lib/lookup/pasted-text";
import { csrNames } from "@/lib/orders/csr-names";
import { itemDomains } from "@/lib/orders/certificate-domains";
import { EC256W, RSA2048, SAN_CSR } from "../sectigo/fixtures/csrs";

describe("csrNames", () => {
  it("reads the common name and the DNS names of the SAN extension, not its IP address or e-mail", () => {
    expect(csrNames(SAN_CSR)).toEqual({
      commonName: "shop.findable-sans.example",
      altNames: ["shop.findable-sans.example", "findable-sans.example", "www.findable-sans.example", "api.findable-other.example"],
    });
  });

  it("a CSR without SANs gives its common name (RSA and EC); unreadable text gives nothing, never an error", () => {
    expect(csrNames(RSA2048)).toEqual({ commonName: "www.example.com", altNames: [] });
    expect(csrNames(EC256W)).toEqual({ commonName: "*.example.com", altNames: [] });
    for (const bad of ["", "not a csr", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----", SAN_CSR.slice(0, 400) + "\n-----END CERTIFICATE REQUEST-----"]) {
      expect(csrNames(bad)).toEqual({ altNames: [] });
    }
  });
});

describe("itemDomains", () => {
  it("PlaceOrder: the item with the sent item's code gets its CSR's names, each once, the domain field first", () => {
    const request = { operation: "placeOrder", input: { items: [{ pricingCode: 1071 }, { pricingCode: 9852, params: { csr: SAN_CSR } }] } };
    const names = itemDomains(request, [
      { productCode: 1071, domainName: null, isAddOn: true },
      { productCode: 9852, domainName: "Findable-Sans.example.", isAddOn: false },
    ]);
    expect(names[0]).toEqual([]);
    expect(names[1]).toEqual([
      { domainName: "findable-sans.example", source: "FIELD" },
      { domainName: "shop.findable-sans.example", source: "CN" },
      { domainName: "www.findable-sans.example", source: "SAN" },
      { domainName: "api.findable-other.example", source: "SAN" },
    ]);
  });

  it("an SSL + SiteLock bundle: the certificate's item; a wildcard name is kept as written", () => {
    const request = { operation: "autoApplyOrder", input: { kind: "sslBundle", productCodes: [9401], csr: EC256W } };
    const names = itemDomains(request, [
      { productCode: 1072, domainName: "example.com", isAddOn: false },
      { productCode: 9401, domainName: "example.com", isAddOn: false },
    ]);
    expect(names[0]).toEqual([{ domainName: "example.com", source: "FIELD" }]);
    expect(names[1]).toEqual([{ domainName: "example.com", source: "FIELD" }, { domainName: "*.example.com", source: "CN" }]);
  });
});

describe("pastedValue", () => {
  it.each([
    ["https://www.acme-hosting.example/path", "acme-hosting.example"],
    ["HTTP://user:pw@Shop.Acme.example:8443/a?b=c#d", "shop.acme.example"],
    ["acme.example/cart?x=1", "acme.example"],
    [" acme.example. ", "acme.example"],
    ["www.example", "www.example"],
    ['"Jane Doe" <Jane@Acme.example>', "jane@acme.example"],
    ["mailto:jane@acme.example?subject=Hi", "jane@acme.example"],
    ["<9100002>", "9100002"],
    ["'OD-261207-ABC'", "OD-261207-ABC"],
    ["Bluebird Bakery", "Bluebird Bakery"],
    ["J. Smith", "J. Smith"],
    ["acme", "acme"],
    ["9100001.", "9100001"],
    ["OD-DEMO-0001.", "OD-DEMO-0001"],
    ["(order 9100001)", "order 9100001"],
  ])("%j names %j", (pasted, value) => {
    expect(pastedValue(pasted)).toBe(value);
  });
});
