/** The per-process cache of decrypted reseller passwords (lib/sectigo/client/account-cache.ts). */
import { describe, expect, it, vi } from "vitest";
import { accountSecretVersion, cachedAccountSecret } from "@/lib/sectigo/client/account-cache";

const at = new Date("2026-11-22T10:00:00.000Z");

describe("account secret cache", () => {
  it("decrypts once per account version, again when the account, its ciphertext or the key changes", () => {
    const decrypt = vi.fn(() => "secret-1");
    const v1 = accountSecretVersion({ updatedAt: at, loginPasswordEnc: "v1.a.b.c" }, "key-1");
    expect(cachedAccountSecret("acct-cache-1", v1, decrypt)).toBe("secret-1");
    expect(cachedAccountSecret("acct-cache-1", v1, decrypt)).toBe("secret-1");
    expect(decrypt).toHaveBeenCalledTimes(1);

    // The password edited: updatedAt moves and the ciphertext changes.
    const edited = vi.fn(() => "secret-2");
    const v2 = accountSecretVersion({ updatedAt: new Date(at.getTime() + 1), loginPasswordEnc: "v1.d.e.f" }, "key-1");
    expect(cachedAccountSecret("acct-cache-1", v2, edited)).toBe("secret-2");
    expect(edited).toHaveBeenCalledTimes(1);
    // Same updatedAt but another ciphertext (changed behind the app's back), or another key: decrypted again.
    expect(accountSecretVersion({ updatedAt: at, loginPasswordEnc: "v1.x.y.z" }, "key-1")).not.toBe(v1);
    expect(accountSecretVersion({ updatedAt: at, loginPasswordEnc: "v1.a.b.c" }, "key-2")).not.toBe(v1);
    // Another account has its own entry.
    const other = vi.fn(() => "secret-3");
    expect(cachedAccountSecret("acct-cache-2", v1, other)).toBe("secret-3");
    expect(cachedAccountSecret("acct-cache-1", v2, edited)).toBe("secret-2");
    expect(edited).toHaveBeenCalledTimes(1);
  });

  it("caches nothing when decrypting fails, and the version does not contain the key or the ciphertext", () => {
    const fails = vi.fn(() => {
      throw new Error("could not be decrypted");
    });
    const v = accountSecretVersion({ updatedAt: at, loginPasswordEnc: "v1.g.h.i" }, "key-secret-value");
    expect(() => cachedAccountSecret("acct-cache-3", v, fails)).toThrow(/decrypted/);
    expect(() => cachedAccountSecret("acct-cache-3", v, fails)).toThrow(/decrypted/);
    expect(fails).toHaveBeenCalledTimes(2);
    expect(v).not.toContain("key-secret-value");
    expect(v).not.toContain("v1.g.h.i");
  });
});
