import { describe, expect, it } from "vitest";
import { EnvError, launcherEnvSchema, parseEnv, serverEnvSchema } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db",
  NEXTAUTH_SECRET: "x".repeat(40),
  CREDENTIALS_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("env validation", () => {
  it("accepts a complete environment and applies defaults", () => {
    const env = parseEnv(serverEnvSchema, valid);
    expect(env.SECTIGO_TIMEOUT_MS).toBe(30_000);
  });

  it("names a missing variable", () => {
    const { NEXTAUTH_SECRET: _omit, ...rest } = valid;
    expect(() => parseEnv(serverEnvSchema, rest)).toThrow(/NEXTAUTH_SECRET is missing/);
    try {
      parseEnv(serverEnvSchema, rest);
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      expect((e as EnvError).variables).toEqual(["NEXTAUTH_SECRET"]);
    }
  });

  it("names an invalid variable without echoing its value", () => {
    const bad = { ...valid, CREDENTIALS_KEY: "too-short-key-value" };
    let message = "";
    try {
      parseEnv(serverEnvSchema, bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("CREDENTIALS_KEY");
    expect(message).not.toContain("too-short-key-value");
  });

  it("reads the sandbox allow-list as a list of base URLs, and refuses anything else at start", () => {
    expect(parseEnv(serverEnvSchema, valid).SECTIGO_ALLOWED_SANDBOX_URLS).toEqual([]);
    const list = "http://10.0.0.5:4010/products/, https://sandbox.example/products/";
    expect(parseEnv(serverEnvSchema, { ...valid, SECTIGO_ALLOWED_SANDBOX_URLS: list }).SECTIGO_ALLOWED_SANDBOX_URLS).toEqual(["http://10.0.0.5:4010/products/", "https://sandbox.example/products/"]);
    for (const bad of ["10.0.0.5:4010", "http://u:p@10.0.0.5/products/", "http://10.0.0.5:4010", "ftp://x/products/"]) {
      expect(() => parseEnv(launcherEnvSchema, { SECTIGO_ALLOWED_SANDBOX_URLS: bad }), bad).toThrow(/SECTIGO_ALLOWED_SANDBOX_URLS must be http\(s\) base URLs/);
    }
  });

  it("lets the launcher run with nothing set", () => {
    const env = parseEnv(launcherEnvSchema, {});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });
});
