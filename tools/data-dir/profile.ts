import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { generateKey } from "@/lib/crypto/credentials";
import { anchorDay } from "@/tools/demo-world/demo-data";

export interface Profile {
  dataDir: string;
  /** The file that holds the generated secrets (named in the banner, never printed). */
  secretsFile: string;
  nextAuthSecret: string;
  credentialsKey: string;
  /** Guards the sandbox's admin routes (/__sandbox/*): clock and fault injection. */
  sandboxAdminToken: string;
  /** The embedded PostgreSQL's superuser password (never printed; DATABASE_URL ignores it). */
  databasePassword: string;
  /** The password of the embedded database's app role, `orderdesk_app` (never printed; DATABASE_URL ignores it). */
  appDatabasePassword: string;
  /** The demo world's day zero, shared by the app seed and the sandbox. */
  demoAnchor: Date;
}

interface StoredSecrets {
  nextAuthSecret: string;
  credentialsKey: string;
  sandboxAdminToken: string;
  databasePassword: string;
  appDatabasePassword: string;
  demoAnchor: string;
}

const token = () => randomBytes(32).toString("base64url");

/** What a new data dir gets; a data dir from an older version gains the fields it lacks. */
const generators: { [K in keyof StoredSecrets]: () => string } = {
  nextAuthSecret: token,
  credentialsKey: generateKey,
  sandboxAdminToken: token,
  databasePassword: token,
  appDatabasePassword: token,
  demoAnchor: () => anchorDay(new Date()).toISOString(),
};

/**
 * Local secrets for a data dir, generated on first start and kept (mode 600) in the git-ignored
 * data dir, so sessions and encrypted credentials survive restarts. Env values win when set.
 */
export function loadProfile(
  dataDir: string,
  env: { NEXTAUTH_SECRET?: string; CREDENTIALS_KEY?: string; SANDBOX_ADMIN_TOKEN?: string },
): Profile {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const file = path.join(dataDir, "local-secrets.json");
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Partial<StoredSecrets>) : {};
  const stored = { ...existing } as StoredSecrets;
  let changed = false;
  for (const key of Object.keys(generators) as (keyof StoredSecrets)[]) {
    if (typeof stored[key] === "string" && stored[key]) continue;
    stored[key] = generators[key]();
    changed = true;
  }
  if (changed) {
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    fs.chmodSync(file, 0o600);
  }
  return {
    dataDir,
    secretsFile: file,
    nextAuthSecret: env.NEXTAUTH_SECRET || stored.nextAuthSecret,
    credentialsKey: env.CREDENTIALS_KEY || stored.credentialsKey,
    sandboxAdminToken: env.SANDBOX_ADMIN_TOKEN || stored.sandboxAdminToken,
    databasePassword: stored.databasePassword,
    appDatabasePassword: stored.appDatabasePassword,
    demoAnchor: new Date(stored.demoAnchor),
  };
}
