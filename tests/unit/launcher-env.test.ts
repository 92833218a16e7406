import { describe, expect, it } from "vitest";
import { launcherEnvSchema, parseEnv } from "@/lib/env";

describe("TRUST_PROXY_HOPS", () => {
  it("defaults to 0: no proxy is trusted", () => {
    expect(parseEnv(launcherEnvSchema, {}).TRUST_PROXY_HOPS).toBe(0);
  });

  it("accepts a small whole number", () => {
    expect(parseEnv(launcherEnvSchema, { TRUST_PROXY_HOPS: "2" }).TRUST_PROXY_HOPS).toBe(2);
  });

  it.each(["-1", "1.5", "abc", "11"])("refuses %s with a message naming the variable", (value) => {
    expect(() => parseEnv(launcherEnvSchema, { TRUST_PROXY_HOPS: value })).toThrow(/TRUST_PROXY_HOPS must be a whole number from 0 to 10/);
  });
});

describe("PUBLIC_URL", () => {
  it("is optional, and takes an http(s) address", () => {
    expect(parseEnv(launcherEnvSchema, {}).PUBLIC_URL).toBeUndefined();
    expect(parseEnv(launcherEnvSchema, { PUBLIC_URL: "https://orders.example.com" }).PUBLIC_URL).toBe("https://orders.example.com");
  });

  it.each(["orders.example.com", "ftp://orders.example.com", "javascript:alert(1)"])("refuses %s, naming the variable", (value) => {
    expect(() => parseEnv(launcherEnvSchema, { PUBLIC_URL: value })).toThrow(/PUBLIC_URL/);
  });
});
