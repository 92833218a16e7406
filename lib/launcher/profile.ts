import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { generateKey } from "@/lib/crypto/credentials";
import { anchorDay } from "@/lib/demo/demo-data";

export interface Profile {
  dataDir: string;
  nextAuthSecret: string;
  credentialsKey: string;
  /** The demo world's day zero, shared by the app seed and the sandbox. */
  demoAnchor: Date;
}

/**
 * Local secrets for a data dir, generated on first start and kept (mode 600) in the git-ignored
 * data dir, so sessions and encrypted credentials survive restarts. Env values win when set.
 */
export function loadProfile(dataDir: string, env: { NEXTAUTH_SECRET?: string; CREDENTIALS_KEY?: string }): Profile {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const file = path.join(dataDir, "local-secrets.json");
  let stored: { nextAuthSecret: string; credentialsKey: string; demoAnchor: string };
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, "utf8"));
  } else {
    stored = {
      nextAuthSecret: randomBytes(32).toString("base64url"),
      credentialsKey: generateKey(),
      demoAnchor: anchorDay(new Date()).toISOString(),
    };
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    dataDir,
    nextAuthSecret: env.NEXTAUTH_SECRET || stored.nextAuthSecret,
    credentialsKey: env.CREDENTIALS_KEY || stored.credentialsKey,
    demoAnchor: new Date(stored.demoAnchor),
  };
}
