import { describe, expect, it } from "vitest";
import type { NextConfig } from "next";
// @ts-expect-error -- next.config.mjs is plain ESM without a declaration file
import rawConfig from "../../next.config.mjs";
import { STATIC_FILES_CSP, STATIC_SECURITY_HEADERS, contentSecurityPolicy } from "@/lib/http/security-headers";

const nextConfig = rawConfig as NextConfig;

describe("security headers", () => {
  it("next.config.mjs sends the static headers on every path", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*");
    expect(all?.headers).toEqual(STATIC_SECURITY_HEADERS);
    expect(all?.headers).toContainEqual({ key: "X-Frame-Options", value: "DENY" });
  });

  it("static files, which proxy.ts does not see, get a strict CSP of their own", async () => {
    const rules = await nextConfig.headers!();
    for (const source of ["/_next/static/:path*"]) {
      expect(rules.find((r) => r.source === source)?.headers, source).toEqual([{ key: "Content-Security-Policy", value: STATIC_FILES_CSP }]);
    }
    expect(STATIC_FILES_CSP).toContain("default-src 'none'");
  });

  it("dev styles work without a nonce (a nonce would disable 'unsafe-inline'); production styles need the nonce", () => {
    expect(contentSecurityPolicy("n", { dev: true, https: false })).toContain("style-src 'self' 'unsafe-inline'");
    expect(contentSecurityPolicy("n", { dev: true, https: false })).not.toMatch(/style-src[^;]*nonce/);
    expect(contentSecurityPolicy("n", { dev: false, https: false })).toContain("style-src 'self' 'nonce-n'");
  });

  it("the production CSP allows scripts only by nonce, never eval or inline, and no framing", () => {
    const csp = contentSecurityPolicy("abc123", { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("only development gets eval (React's dev tools); https adds upgrade-insecure-requests", () => {
    expect(contentSecurityPolicy("n", { dev: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { dev: false, https: true })).toContain("upgrade-insecure-requests");
  });
});
