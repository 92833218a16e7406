import { describe, expect, it } from "vitest";
import { CredentialDecryptionError, decryptSecret, encryptSecret, generateKey } from "@/lib/crypto/credentials";

describe("credential encryption (AES-256-GCM)", () => {
  it("round-trips", () => {
    const key = generateKey();
    const stored = encryptSecret("s3cret-Pässword!", key);
    expect(decryptSecret(stored, key)).toBe("s3cret-Pässword!");
  });

  it("never stores the plaintext and uses a fresh IV each time", () => {
    const key = generateKey();
    const a = encryptSecret("same-password", key);
    const b = encryptSecret("same-password", key);
    expect(a).not.toContain("same-password");
    expect(a).not.toBe(b);
  });

  it("fails on a wrong key", () => {
    const stored = encryptSecret("s3cret", generateKey());
    expect(() => decryptSecret(stored, generateKey())).toThrow(CredentialDecryptionError);
  });

  it("fails when the ciphertext was altered", () => {
    const key = generateKey();
    const parts = encryptSecret("s3cret", key).split(".");
    const ct = Buffer.from(parts[3]!, "base64url");
    ct[0] = ct[0]! ^ 1;
    parts[3] = ct.toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow(CredentialDecryptionError);
  });

  it("rejects a key that is not 32 bytes", () => {
    expect(() => encryptSecret("x", Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
