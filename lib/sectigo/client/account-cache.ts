/**
 * The decrypted password of each reseller account, kept for the life of the process: a bulk run
 * builds a client per renewal, and decrypting (and reading the key) every time was waste.
 *
 * An entry is only reused while its version matches: the account's `updatedAt`, and a digest of
 * the stored ciphertext together with the credentials key. Editing the account (a new password
 * bumps `updatedAt` and changes the ciphertext) or another key makes the next call decrypt again.
 * The password stays in this module's map: it is never logged or returned to anything but the
 * client being built (lib/sectigo/account-client.ts), whose config redacts it.
 */
import { createHash } from "node:crypto";

const entries = new Map<string, { version: string; password: string }>();

export function accountSecretVersion(account: { updatedAt: Date; loginPasswordEnc: string }, credentialsKey: string): string {
  const digest = createHash("sha256").update(credentialsKey).update("\0").update(account.loginPasswordEnc).digest("base64url");
  return `${account.updatedAt.getTime()}:${digest}`;
}

/** The account's password: the cached one while `version` is unchanged, else `decrypt()` (whose errors pass through, nothing cached). */
export function cachedAccountSecret(accountId: string, version: string, decrypt: () => string): string {
  const hit = entries.get(accountId);
  if (hit && hit.version === version) return hit.password;
  const password = decrypt();
  entries.set(accountId, { version, password });
  return password;
}
