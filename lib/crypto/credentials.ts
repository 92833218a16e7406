/**
 * Reseller credentials at rest: AES-256-GCM under CREDENTIALS_KEY (32 bytes, base64).
 * Stored form: "v1.<iv>.<tag>.<ciphertext>" (base64url parts). The version prefix lets a later
 * key rotation re-encrypt in place.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

export class CredentialDecryptionError extends Error {
  constructor() {
    // Deliberately says nothing about the key or the plaintext.
    super("Stored credential could not be decrypted: the encryption key is wrong or the value was altered.");
    this.name = "CredentialDecryptionError";
  }
}

function keyBytes(keyBase64: string): Buffer {
  const key = Buffer.from(keyBase64, "base64");
  if (key.length !== 32) throw new Error("CREDENTIALS_KEY must be 32 bytes encoded as base64.");
  return key;
}

export function encryptSecret(plaintext: string, keyBase64: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyBytes(keyBase64), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(stored: string, keyBase64: string): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new CredentialDecryptionError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyBytes(keyBase64), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new CredentialDecryptionError();
  }
}

export function generateKey(): string {
  return randomBytes(32).toString("base64");
}
