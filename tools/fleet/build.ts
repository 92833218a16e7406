/**
 * The fleet's production build: `next build` into its own distDir, once, unless a build of the same
 * source is already there (tools/launcher/build-freshness.ts). Every build of the fleet is made
 * with the same server-actions key and deployment id (kept in .data/fleet/build-secrets.json, 0600,
 * never printed), as a deployment builds every version: a form opened on one build posts to
 * another (Next's skew protection).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildFingerprint, buildState, recordBuild } from "@/tools/launcher/build-freshness";
import { NEXT_BIN, ROOT } from "@/tools/launcher/processes";
import { basicEnv } from "./children";

export interface BuildSecrets {
  /** What the build and every instance get in their environment. */
  runtimeEnv: Record<string, string>;
}

const SECRETS_FILE = path.join(ROOT, ".data/fleet/build-secrets.json");

export function readBuildSecrets(): BuildSecrets {
  fs.mkdirSync(path.dirname(SECRETS_FILE), { recursive: true });
  if (!fs.existsSync(SECRETS_FILE)) {
    const fresh = { serverActionsKey: randomBytes(32).toString("base64"), deploymentId: `fleet-${randomBytes(6).toString("hex")}` };
    fs.writeFileSync(SECRETS_FILE, JSON.stringify(fresh), { mode: 0o600 });
  }
  const s = JSON.parse(fs.readFileSync(SECRETS_FILE, "utf8")) as { serverActionsKey: string; deploymentId: string };
  return { runtimeEnv: { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: s.serverActionsKey, NEXT_DEPLOYMENT_ID: s.deploymentId } };
}

/**
 * The source a fleet build depends on: the launcher's fingerprint without tools/, which product code
 * never imports (npm run lint:deps), so that editing a tool (this one) does not cost a build.
 */
export const fleetFingerprint = () => buildFingerprint(ROOT, [path.join(ROOT, "tools")]);

/** The key and deployment id a build was made with (what Next left in it), when it has them. */
export function builtWith(distDir: string, root = ROOT): { key?: string; deploymentId?: string } {
  const read = (file: string) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(root, distDir, file), "utf8")) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const key = read("server/server-reference-manifest.json")?.encryptionKey;
  const deploymentId = (read("required-server-files.json")?.config as { deploymentId?: unknown } | undefined)?.deploymentId;
  return { key: typeof key === "string" ? key : undefined, deploymentId: typeof deploymentId === "string" && deploymentId ? deploymentId : undefined };
}

/**
 * The secrets to serve an existing build with: its own (an instance must run with the key and id its
 * build was made with). A build made without a deployment id (the e2e build of `npm start -- --e2e`)
 * gets its key only: `npm run serve` refuses it, the launcher's server serves it.
 */
export function secretsOfBuild(distDir: string): BuildSecrets {
  const { key, deploymentId } = builtWith(distDir);
  return { runtimeEnv: { ...(key ? { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key } : {}), ...(deploymentId ? { NEXT_DEPLOYMENT_ID: deploymentId } : {}) } };
}

/** `root`: the release folder to build in (the project by default, or a copy: tools/fleet/release.ts). */
export async function buildApp(opts: { root?: string; distDir: string; secrets: BuildSecrets; log: (line: string) => void; force?: boolean }): Promise<{ built: boolean; seconds: number }> {
  const root = opts.root ?? ROOT;
  const full = path.join(root, opts.distDir);
  const fingerprint = root === ROOT ? fleetFingerprint() : "";
  const state = buildState(full, fingerprint);
  const made = builtWith(opts.distDir, root);
  const sameSecrets = made.key === opts.secrets.runtimeEnv.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY && made.deploymentId === opts.secrets.runtimeEnv.NEXT_DEPLOYMENT_ID;
  if (state.fresh && sameSecrets && !opts.force) {
    opts.log(`The build in ${opts.distDir}/ is up to date.`);
    return { built: false, seconds: 0 };
  }
  opts.log(`next build into ${root === ROOT ? "" : `${root}/`}${opts.distDir}/ (${!state.fresh ? state.reason : !sameSecrets ? "it was made with another server-actions key or deployment id" : "forced"})...`);
  // next build adds its distDir's type folders to tsconfig.json: a throw-away build must not change the project.
  const tsconfigFile = path.join(root, "tsconfig.json");
  const tsconfig = fs.readFileSync(tsconfigFile, "utf8");
  const started = performance.now();
  const log = fs.openSync(path.join(ROOT, ".data/fleet", `build${opts.distDir.replace(/[^a-z0-9]+/gi, "-")}.log`), "w");
  // Each release builds with its own Next (and PWD): this checkout's Next building a copy loads React twice
  // (the /_global-error prerender fails with "useContext of null"; found by the deploy's skew check too).
  const nextBin = root === ROOT ? NEXT_BIN : path.join(root, "node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: ["ignore", log, log],
    env: { ...basicEnv(), PWD: root, NODE_ENV: "production", NEXT_DIST_DIR: opts.distDir, ...opts.secrets.runtimeEnv },
  });
  fs.closeSync(log);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  // Put back as it was. Its mtime is in the fingerprint and cannot be put back to the nanosecond, so
  // the fingerprint recorded is the one taken now, with tsconfig.json as it is again (a project's
  // own build takes it before; a source edit during the fleet's build is not caught here).
  if (fs.readFileSync(tsconfigFile, "utf8") !== tsconfig) fs.writeFileSync(tsconfigFile, tsconfig);
  if (code !== 0) throw new Error(`next build into ${opts.distDir} failed (exit ${code}): see .data/fleet/build*.log`);
  recordBuild(full, root === ROOT ? fleetFingerprint() : fingerprint);
  const seconds = (performance.now() - started) / 1000;
  opts.log(`Built in ${seconds.toFixed(0)} s.`);
  return { built: true, seconds };
}
