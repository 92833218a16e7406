/**
 * Where a reseller account's password may go (issue 16 item 5): LIVE only to Sectigo's documented
 * host over https, SANDBOX only to a configured sandbox URL, exactly. The cases are the addresses
 * an attacker tried (metadata service, other loopback ports, the sandbox's admin routes) and the
 * spellings that could smuggle one past a string comparison.
 */
import { describe, expect, it } from "vitest";
import { checkSectigoBaseUrl, normalizeBaseUrl } from "@/lib/sectigo/client/allowed-urls";

const SANDBOX = ["http://127.0.0.1:4010/products/"];

describe("LIVE accounts", () => {
  it.each(["https://secure.trust-provider.com/products/", "https://secure.trust-provider.com/products", "HTTPS://SECURE.Trust-Provider.com:443/products/"])("may use %s", (url) => {
    expect(checkSectigoBaseUrl(url, "LIVE", SANDBOX)).toBeUndefined();
  });

  it.each([
    ["plain http to Sectigo", "http://secure.trust-provider.com/products/"],
    ["another port", "https://secure.trust-provider.com:8443/products/"],
    ["another path", "https://secure.trust-provider.com/other/"],
    ["a look-alike host", "https://secure.trust-provider.com.evil.example/products/"],
    ["a trailing-dot host", "https://secure.trust-provider.com./products/"],
    ["the client-certificate host (needs a certificate, not a password)", "https://private.trust-provider.com/products/"],
    ["the retired Comodo host", "https://secure.comodo.net/products/"],
    ["the cloud metadata service", "https://169.254.169.254/products/"],
    ["the configured sandbox", "http://127.0.0.1:4010/products/"],
  ])("may not use %s", (_case, url) => {
    expect(checkSectigoBaseUrl(url, "LIVE", SANDBOX)).toBe("live-not-sectigo");
  });
});

describe("SANDBOX accounts", () => {
  it.each(["http://127.0.0.1:4010/products/", "http://127.0.0.1:4010/products", "http://127.1:4010/products/", "http://127.0.0.1:4010/x/../products/"])("may use the configured sandbox, spelled %s", (url) => {
    expect(checkSectigoBaseUrl(url, "SANDBOX", SANDBOX)).toBeUndefined();
  });

  it.each([
    ["the cloud metadata service", "http://169.254.169.254/latest/meta-data/"],
    ["another loopback port", "http://127.0.0.1:54329/products/"],
    ["the sandbox's admin routes", "http://127.0.0.1:4010/__sandbox/"],
    ["the sandbox's admin routes by dot segments", "http://127.0.0.1:4010/products/../__sandbox/"],
    ["the same, percent-encoded", "http://127.0.0.1:4010/products/%2e%2e/__sandbox/"],
    ["localhost for 127.0.0.1", "http://localhost:4010/products/"],
    ["https for http", "https://127.0.0.1:4010/products/"],
    ["Sectigo's live host", "https://secure.trust-provider.com/products/"],
  ])("may not use %s", (_case, url) => {
    expect(checkSectigoBaseUrl(url, "SANDBOX", SANDBOX)).toBe("sandbox-not-configured");
  });

  it("may use a URL of the configured allow-list", () => {
    expect(checkSectigoBaseUrl("http://10.0.0.5:4010/products/", "SANDBOX", [...SANDBOX, "http://10.0.0.5:4010/products/"])).toBeUndefined();
  });

  it.each(["http://127.0.0.1:4010/products/?x=1", "http://127.0.0.1:4010/products/?", "http://127.0.0.1:4010/products/#f", "http://u:p@127.0.0.1:4010/products/", "ftp://127.0.0.1/products/", "not a url"])(
    "refuses %s whatever the mode",
    (url) => {
      expect(checkSectigoBaseUrl(url, "SANDBOX", [url])).toBe("invalid");
      expect(checkSectigoBaseUrl(url, "LIVE", [])).toBe("invalid");
    },
  );

  it("normalizes as the client resolves endpoints", () => {
    expect(normalizeBaseUrl(" http://127.0.0.1:4010/products ")).toBe("http://127.0.0.1:4010/products/");
    expect(new URL("!getAccountBalance", normalizeBaseUrl("http://127.0.0.1:4010/a/../products")).href).toBe("http://127.0.0.1:4010/products/!getAccountBalance");
  });
});
