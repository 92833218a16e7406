/**
 * The admin token that guards `/__sandbox/*`. `npm start` generates it into the local secrets and
 * passes it as SANDBOX_ADMIN_TOKEN; the sandbox started alone keeps its own in
 * `<data dir>/admin-token` (mode 0600), created on first start and reused afterwards.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const ADMIN_TOKEN_FILE = "admin-token";
export const MIN_ADMIN_TOKEN_LENGTH = 16;

export function generateAdminToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** Throws when the token is too short or holds characters a header cannot carry. */
export function checkAdminToken(token: string, source: string): string {
  if (token.length < MIN_ADMIN_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token)) {
    throw new Error(`${source}: the admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} printable characters without spaces`);
  }
  return token;
}

/** The token kept in `<dataDir>/admin-token`: read it, or create it (0600) on first start. */
export function loadOrCreateAdminToken(dataDir: string): { token: string; file: string } {
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, `${generateAdminToken()}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    fs.chmodSync(file, 0o600);
  }
  return { token: checkAdminToken(fs.readFileSync(file, "utf8").trim(), file), file };
}

/** Constant-time comparison (digests of equal length, whatever the lengths of the inputs). */
export function tokenMatches(given: string, expected: string): boolean {
  const digest = (value: string) => crypto.createHash("sha256").update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}
