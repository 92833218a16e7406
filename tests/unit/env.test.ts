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

  describe("your own PostgreSQL: DATABASE_URL (the app's role) with MIGRATION_DATABASE_URL (the owner)", () => {
    const app = "postgresql://orderdesk_app:app-secret@db.example.com:5432/orderdesk";
    const owner = "postgresql://orderdesk_owner:owner-secret@db.example.com:5432/orderdesk";
    const problem = (raw: Record<string, string>) => {
      try {
        parseEnv(launcherEnvSchema, raw);
        return undefined;
      } catch (e) {
        expect(e).toBeInstanceOf(EnvError);
        const message = (e as Error).message;
        expect(message).not.toMatch(/secret/);
        return message;
      }
    };

    it("accepts the pair: same database, two users", () => {
      const env = parseEnv(launcherEnvSchema, { DATABASE_URL: app, MIGRATION_DATABASE_URL: owner });
      expect(env.DATABASE_URL).toBe(app);
      expect(env.MIGRATION_DATABASE_URL).toBe(owner);
    });

    it("refuses DATABASE_URL alone (it used to be the owner's), naming what to add", () => {
      expect(problem({ DATABASE_URL: owner })).toMatch(/MIGRATION_DATABASE_URL must be set with DATABASE_URL: .*README/);
    });

    it("refuses MIGRATION_DATABASE_URL alone", () => {
      expect(problem({ MIGRATION_DATABASE_URL: owner })).toMatch(/DATABASE_URL must be set with MIGRATION_DATABASE_URL/);
    });

    it("refuses the app connecting as the owner, and two different databases", () => {
      expect(problem({ DATABASE_URL: owner.replace("owner-secret", "other-secret"), MIGRATION_DATABASE_URL: owner })).toMatch(
        /DATABASE_URL must connect as another user than MIGRATION_DATABASE_URL/,
      );
      expect(problem({ DATABASE_URL: app.replace(/\/orderdesk$/, "/elsewhere"), MIGRATION_DATABASE_URL: owner })).toMatch(/same host, port and database/);
      expect(problem({ DATABASE_URL: app.replace(":5432", ":5433"), MIGRATION_DATABASE_URL: owner })).toMatch(/same host, port and database/);
      expect(problem({ DATABASE_URL: app.replace("postgresql:", "mysql:"), MIGRATION_DATABASE_URL: owner })).toMatch(/DATABASE_URL must be a postgresql:\/\/ URL/);
    });

    it("the Next server reads its proxy setting without the owner's URL", async () => {
      const { proxyEnvSchema } = await import("@/lib/env");
      expect(parseEnv(proxyEnvSchema, { DATABASE_URL: app, TRUST_PROXY_HOPS: "1" }).TRUST_PROXY_HOPS).toBe(1);
    });
  });
});
