import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { deployWebEnvSchema, deployWorkerEnvSchema, parseEnv } from "@/lib/env";
import { buildProblem } from "@/tools/launcher/build-check";

/** A deployment's web server and worker start from their environment alone (README "Deploying"). */
const key = Buffer.alloc(32, 9).toString("base64");
const worker = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://orderdesk_app:app-secret@db.example.com:5432/orderdesk",
  NEXTAUTH_SECRET: "s".repeat(40),
  CREDENTIALS_KEY: Buffer.alloc(32, 7).toString("base64"),
  SECTIGO_MODE: "live",
};
const web = { ...worker, PUBLIC_URL: "https://orders.example.com", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key, NEXT_DEPLOYMENT_ID: "r2026-12-07.1", TRUST_PROXY_HOPS: "1" };

function problem(schema: typeof deployWebEnvSchema | typeof deployWorkerEnvSchema, raw: Record<string, string>): string | undefined {
  try {
    parseEnv(schema, raw);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("deployment environment", () => {
  it("accepts a complete web environment, with defaults for the port, the build folder and the drain", () => {
    const env = parseEnv(deployWebEnvSchema, web);
    expect(env).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", NEXT_DIST_DIR: ".next", DRAIN_TIMEOUT_MS: 40_000, TRUST_PROXY_HOPS: 1 });
    expect(problem(deployWorkerEnvSchema, worker)).toBeUndefined();
  });

  it("names each missing variable and never falls back to a generated secret", () => {
    const message = problem(deployWebEnvSchema, { NODE_ENV: "production" }) ?? "";
    for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "CREDENTIALS_KEY", "SECTIGO_MODE", "PUBLIC_URL", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "NEXT_DEPLOYMENT_ID"]) {
      expect(message).toContain(`${name} is missing`);
    }
    expect(problem(deployWebEnvSchema, { ...web, NODE_ENV: "development" })).toMatch(/NODE_ENV must be production/);
  });

  it("takes a server-actions key of 16, 24 or 32 bytes in base64 only, and never echoes it", () => {
    for (const bytes of [16, 24, 32]) expect(problem(deployWebEnvSchema, { ...web, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(bytes, 1).toString("base64") })).toBeUndefined();
    for (const bad of [Buffer.alloc(31, 1).toString("base64"), "not base64 at all!", Buffer.alloc(32, 1).toString("hex")]) {
      const message = problem(deployWebEnvSchema, { ...web, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: bad });
      expect(message, bad).toMatch(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be 16, 24 or 32 random bytes/);
      expect(message).not.toContain(bad);
    }
    expect(problem(deployWebEnvSchema, { ...web, NEXT_DEPLOYMENT_ID: "a b/c" })).toMatch(/NEXT_DEPLOYMENT_ID must be/);
  });

  it("live: no sandbox URL, no sandbox clock; sandbox: its URL is required", () => {
    expect(problem(deployWorkerEnvSchema, { ...worker, SECTIGO_SANDBOX_URL: "http://127.0.0.1:4010/products/" })).toMatch(/SECTIGO_SANDBOX_URL must not be set with SECTIGO_MODE=live/);
    expect(problem(deployWorkerEnvSchema, { ...worker, SECTIGO_ALLOWED_SANDBOX_URLS: "http://10.0.0.5:4010/products/" })).toMatch(/SECTIGO_ALLOWED_SANDBOX_URLS must not be set/);
    expect(problem(deployWorkerEnvSchema, { ...worker, APP_CLOCK: "sandbox" })).toMatch(/APP_CLOCK must be machine with SECTIGO_MODE=live/);
    expect(problem(deployWorkerEnvSchema, { ...worker, SECTIGO_MODE: "sandbox" })).toMatch(/SECTIGO_SANDBOX_URL must be set with SECTIGO_MODE=sandbox/);
    expect(problem(deployWorkerEnvSchema, { ...worker, SECTIGO_MODE: "sandbox", SECTIGO_SANDBOX_URL: "http://127.0.0.1:4010/products/" })).toBeUndefined();
  });

  it("reconciliation's 'not placed' wait: 10 minutes at least with live Sectigo, shorter only against a sandbox", () => {
    expect(problem(deployWorkerEnvSchema, { ...worker, RECONCILE_SETTLE_WINDOW_MS: "20000" })).toMatch(/RECONCILE_SETTLE_WINDOW_MS must be at least 600000/);
    expect(problem(deployWorkerEnvSchema, { ...worker, RECONCILE_SETTLE_WINDOW_MS: "600000" })).toBeUndefined();
    expect(problem(deployWorkerEnvSchema, { ...worker, SECTIGO_MODE: "sandbox", SECTIGO_SANDBOX_URL: "http://127.0.0.1:4010/products/", RECONCILE_SETTLE_WINDOW_MS: "20000" })).toBeUndefined();
  });

  it("keeps the owner's database URL away from the app, and the drain longer than a Sectigo call", () => {
    const owner = "postgresql://orderdesk_owner:owner-secret@db.example.com:5432/orderdesk";
    const message = problem(deployWorkerEnvSchema, { ...worker, MIGRATION_DATABASE_URL: owner });
    expect(message).toMatch(/MIGRATION_DATABASE_URL must not be set for the web server or the worker/);
    expect(message).not.toContain("owner-secret");
    expect(problem(deployWebEnvSchema, { ...web, DRAIN_TIMEOUT_MS: "20000" })).toMatch(/DRAIN_TIMEOUT_MS must be longer than SECTIGO_TIMEOUT_MS/);
    expect(problem(deployWebEnvSchema, { ...web, NEXTAUTH_URL: "https://elsewhere.example.com" })).toMatch(/NEXTAUTH_URL must be unset or equal to PUBLIC_URL/);
  });
});

describe("serve refuses a build it must not serve (tools/launcher/build-check.ts)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  /** The files of a Next 16 build that the check reads, as `next build` leaves them. */
  function fakeBuild(opts: { key: string; deploymentId?: string }): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-build-"));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "server"));
    fs.writeFileSync(path.join(dir, "BUILD_ID"), "abc");
    fs.writeFileSync(path.join(dir, "server/server-reference-manifest.json"), JSON.stringify({ node: {}, edge: {}, encryptionKey: opts.key }));
    fs.writeFileSync(path.join(dir, "required-server-files.json"), JSON.stringify({ config: { deploymentId: opts.deploymentId } }));
    return dir;
  }
  const expected = { distDirName: ".next", serverActionsKey: key, deploymentId: "r1" };

  it("serves a build made with this key and deployment id", () => {
    expect(buildProblem(fakeBuild({ key, deploymentId: "r1" }), expected)).toBeUndefined();
  });

  it("refuses a missing build, another key (without printing either), another deployment id", () => {
    expect(buildProblem(path.join(os.tmpdir(), "orderdesk-no-such-build"), expected)).toMatch(/no production build in \.next\/: run `npm run build` first/);
    const other = Buffer.alloc(32, 3).toString("base64");
    const message = buildProblem(fakeBuild({ key: other, deploymentId: "r1" }), expected) ?? "";
    expect(message).toMatch(/another NEXT_SERVER_ACTIONS_ENCRYPTION_KEY/);
    expect(message).not.toContain(other);
    expect(message).not.toContain(key);
    expect(buildProblem(fakeBuild({ key, deploymentId: "r0" }), expected)).toMatch(/NEXT_DEPLOYMENT_ID=r0, this environment says r1/);
    expect(buildProblem(fakeBuild({ key }), expected)).toMatch(/NEXT_DEPLOYMENT_ID=\(unset\)/);
  });
});
