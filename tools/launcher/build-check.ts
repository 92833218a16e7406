/**
 * Is the build in a dist dir one this deployment may serve? `npm run serve` never builds: it refuses
 * to start on a missing build, or on one made with another server-actions key or deployment id than
 * its environment names (every instance must accept the others' forms: README "Deploying").
 *
 * What Next 16.4.5 leaves in the build and reads here:
 * - BUILD_ID: written last by `next build`;
 * - server/server-reference-manifest.json `encryptionKey`: the key the action ids were salted with
 *   at build time (NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, or one Next generated and cached in
 *   <distDir>/cache/.rscinfo). Compared in constant time, never printed;
 * - required-server-files.json `config.deploymentId`: NEXT_DEPLOYMENT_ID at build time.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface BuildExpectation {
  /** Shown in messages (e.g. ".next"). */
  distDirName: string;
  serverActionsKey: string;
  deploymentId: string;
}

/** One sentence saying why this build cannot be served, or undefined when it can. */
export function buildProblem(distDir: string, expected: BuildExpectation): string | undefined {
  const name = `${expected.distDirName}/`;
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    return `There is no production build in ${name}: run \`npm run build\` first, with the same NEXT_SERVER_ACTIONS_ENCRYPTION_KEY and NEXT_DEPLOYMENT_ID (README "Deploying").`;
  }
  const builtKey = readJson(path.join(distDir, "server/server-reference-manifest.json"))?.encryptionKey;
  if (typeof builtKey === "string" && !sameSecret(builtKey, expected.serverActionsKey)) {
    return `The build in ${name} was made with another NEXT_SERVER_ACTIONS_ENCRYPTION_KEY than this environment's: its server actions would be refused by the other instances (409). Build again with this key.`;
  }
  const config = readJson(path.join(distDir, "required-server-files.json"))?.config as { deploymentId?: unknown } | undefined;
  const builtId = typeof config?.deploymentId === "string" ? config.deploymentId : "";
  if (builtId !== expected.deploymentId) {
    return `The build in ${name} was made with NEXT_DEPLOYMENT_ID=${builtId || "(unset)"}, this environment says ${expected.deploymentId}: build again with NEXT_DEPLOYMENT_ID=${expected.deploymentId}, or serve with the build's.`;
  }
  return undefined;
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function sameSecret(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a).digest();
  const hb = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}
