import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * SECTIGO_MODE=live (README "Deploying"): no sandbox is reachable. The deployment schema refuses a
 * sandbox URL at start (tests/unit/deploy-env.test.ts); here, a SANDBOX reseller account cannot be
 * saved or tested at all, not even with the URL the app would default to.
 */
const base = {
  DATABASE_URL: "postgresql://orderdesk_app:x@127.0.0.1:5432/orderdesk",
  NEXTAUTH_SECRET: "s".repeat(40),
  CREDENTIALS_KEY: Buffer.alloc(32, 7).toString("base64"),
};

async function loadWith(env: Record<string, string>) {
  vi.resetModules();
  for (const [k, v] of Object.entries({ ...base, ...env })) vi.stubEnv(k, v);
  return import("@/lib/sectigo/allowed-base-url");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("Sectigo mode", () => {
  it("live: a SANDBOX account is refused whatever its URL; a LIVE one at Sectigo's address is accepted", async () => {
    const { allowedSandboxUrls, assertAllowedBaseUrl } = await loadWith({ SECTIGO_MODE: "live" });
    expect(allowedSandboxUrls()).toEqual([]);
    expect(() => assertAllowedBaseUrl("http://127.0.0.1:4010/products/", "SANDBOX")).toThrow(/runs against live Sectigo/);
    expect(() => assertAllowedBaseUrl("https://secure.trust-provider.com/products/", "LIVE")).not.toThrow();
  });

  it("sandbox (npm start's): the started sandbox is allowed, as before", async () => {
    const { assertAllowedBaseUrl } = await loadWith({ SECTIGO_MODE: "sandbox", SECTIGO_SANDBOX_URL: "http://127.0.0.1:4010/products/" });
    expect(() => assertAllowedBaseUrl("http://127.0.0.1:4010/products/", "SANDBOX")).not.toThrow();
  });
});

describe("Sectigo client in a live deployment", () => {
  const account = { id: "acc-1", apiBaseUrl: "http://127.0.0.1:4010/products/", mode: "SANDBOX" as const, loginName: "demo", loginPasswordEnc: "unused", updatedAt: new Date(0), disabledAt: null };
  // Never reached: the refusal comes before any statement or call.
  const db = {} as never;

  it("refuses a SANDBOX account saved before, before anything is sent", async () => {
    vi.resetModules();
    vi.stubEnv("SECTIGO_MODE", "live");
    const { sectigoClientForAccount } = await import("@/lib/sectigo/account-client");
    await expect(sectigoClientForAccount(db, { resellerAccountId: "acc-1", credentialsKey: base.CREDENTIALS_KEY, account })).rejects.toThrow(/runs against live Sectigo/);
  });

  it("uses it in sandbox mode (npm start), needing nothing else from the environment", async () => {
    vi.resetModules();
    vi.stubEnv("SECTIGO_MODE", "sandbox");
    const { sectigoClientForAccount } = await import("@/lib/sectigo/account-client");
    // Past the mode check, the client decrypts the password: "unused" is no ciphertext.
    await expect(sectigoClientForAccount(db, { resellerAccountId: "acc-1", credentialsKey: base.CREDENTIALS_KEY, account })).rejects.not.toThrow(/runs against live Sectigo/);
  });
});
