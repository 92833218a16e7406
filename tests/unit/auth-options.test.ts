import { afterEach, describe, expect, it, vi } from "vitest";

const base = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:1/x",
  NEXTAUTH_SECRET: "unit-test-secret-unit-test-secret-unit",
  CREDENTIALS_KEY: Buffer.alloc(32, 1).toString("base64"),
};

async function optionsWith(url: string) {
  vi.resetModules();
  Object.assign(process.env, base, { NEXTAUTH_URL: url });
  const { authOptions } = await import("@/lib/auth/options");
  return authOptions();
}

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
});

describe("session cookies", () => {
  it("are Secure when the app is served over https (PUBLIC_URL behind a TLS proxy)", async () => {
    expect((await optionsWith("https://orders.example.com")).useSecureCookies).toBe(true);
  });

  it("are not Secure on plain http (a browser would drop them)", async () => {
    expect((await optionsWith("http://127.0.0.1:3000")).useSecureCookies).toBe(false);
  });

  it("log one line per auth error without its details, and nothing for ended session cookies", async () => {
    const options = await optionsWith("http://127.0.0.1:3000");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    options.logger!.error!("JWT_SESSION_ERROR", new Error("Invalid Compact JWE") as never);
    expect(errors).not.toHaveBeenCalled();
    options.logger!.error!("SIGNIN_OAUTH_ERROR", { error: new Error("secret=abc") } as never);
    expect(errors).toHaveBeenCalledWith("[auth] SIGNIN_OAUTH_ERROR");
    errors.mockRestore();
  });

  it("last as long as the server-side session, and sign-out revokes it server-side", async () => {
    const options = await optionsWith("http://127.0.0.1:3000");
    const { SESSION_MAX_AGE_S } = await import("@/lib/auth/sessions");
    expect(options.session?.maxAge).toBe(SESSION_MAX_AGE_S);
    expect(options.events?.signOut).toBeTypeOf("function");
  });
});
