import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadProfile } from "@/tools/data-dir/profile";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-profile-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("local secrets (loadProfile)", () => {
  it("generates a sandbox admin token once, keeps it across starts, one per data dir", () => {
    const dir = tempDir();
    const first = loadProfile(dir, {});
    expect(first.sandboxAdminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadProfile(dir, {}).sandboxAdminToken).toBe(first.sandboxAdminToken);
    expect(loadProfile(tempDir(), {}).sandboxAdminToken).not.toBe(first.sandboxAdminToken);
    expect(first.secretsFile).toBe(path.join(dir, "local-secrets.json"));
    expect(fs.statSync(first.secretsFile).mode & 0o777).toBe(0o600);
  });

  it("adds the token to a data dir from before it existed, keeping the other secrets", () => {
    const dir = tempDir();
    const old = {
      nextAuthSecret: "s".repeat(43),
      credentialsKey: Buffer.alloc(32, 3).toString("base64"),
      demoAnchor: "2026-01-05T00:00:00.000Z",
    };
    fs.writeFileSync(path.join(dir, "local-secrets.json"), JSON.stringify(old), { mode: 0o600 });
    const profile = loadProfile(dir, {});
    expect(profile.nextAuthSecret).toBe(old.nextAuthSecret);
    expect(profile.credentialsKey).toBe(old.credentialsKey);
    expect(profile.demoAnchor.toISOString()).toBe(old.demoAnchor);
    expect(profile.sandboxAdminToken).toHaveLength(43);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, "local-secrets.json"), "utf8"));
    expect(saved).toEqual({
      ...old,
      sandboxAdminToken: profile.sandboxAdminToken,
      databasePassword: profile.databasePassword,
      appDatabasePassword: profile.appDatabasePassword,
    });
  });

  it("generates a database password per data dir, kept across starts, added to a data dir from before it existed", () => {
    const dir = tempDir();
    const old = { nextAuthSecret: "s".repeat(43), credentialsKey: Buffer.alloc(32, 3).toString("base64"), sandboxAdminToken: "t".repeat(43), demoAnchor: "2026-01-05T00:00:00.000Z" };
    fs.writeFileSync(path.join(dir, "local-secrets.json"), JSON.stringify(old), { mode: 0o644 });
    const first = loadProfile(dir, {});
    expect(first.databasePassword).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadProfile(dir, {}).databasePassword).toBe(first.databasePassword);
    expect(loadProfile(tempDir(), {}).databasePassword).not.toBe(first.databasePassword);
    expect(JSON.parse(fs.readFileSync(first.secretsFile, "utf8"))).toEqual({
      ...old,
      databasePassword: first.databasePassword,
      appDatabasePassword: first.appDatabasePassword,
    });
    expect(fs.statSync(first.secretsFile).mode & 0o777).toBe(0o600);
  });

  it("generates the app role's database password per data dir, its own, kept across starts, added to a data dir from before it existed", () => {
    const dir = tempDir();
    const old = { nextAuthSecret: "s".repeat(43), credentialsKey: Buffer.alloc(32, 3).toString("base64"), sandboxAdminToken: "t".repeat(43), databasePassword: "d".repeat(43), demoAnchor: "2026-01-05T00:00:00.000Z" };
    fs.writeFileSync(path.join(dir, "local-secrets.json"), JSON.stringify(old), { mode: 0o600 });
    const first = loadProfile(dir, {});
    expect(first.appDatabasePassword).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.appDatabasePassword).not.toBe(first.databasePassword);
    expect(first.databasePassword).toBe(old.databasePassword);
    expect(loadProfile(dir, {}).appDatabasePassword).toBe(first.appDatabasePassword);
    expect(loadProfile(tempDir(), {}).appDatabasePassword).not.toBe(first.appDatabasePassword);
    expect(JSON.parse(fs.readFileSync(first.secretsFile, "utf8"))).toEqual({ ...old, appDatabasePassword: first.appDatabasePassword });
  });

  it("lets SANDBOX_ADMIN_TOKEN from the environment win, without storing it", () => {
    const dir = tempDir();
    const generated = loadProfile(dir, {}).sandboxAdminToken;
    const fromEnv = "e".repeat(40);
    expect(loadProfile(dir, { SANDBOX_ADMIN_TOKEN: fromEnv }).sandboxAdminToken).toBe(fromEnv);
    expect(loadProfile(dir, {}).sandboxAdminToken).toBe(generated);
  });
});
