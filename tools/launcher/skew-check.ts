/**
 * `npm run check:skew`: proves the skew protection a rolling deploy relies on (README "Deploying"),
 * with real `next build`s (2-3 builds, a few minutes on 2 cores: not part of `npm test`).
 *
 * Release A is this source; release B is this source with one page changed and one server action
 * added; both are copied to their own directories (as releases are deployed) and built with the
 * same NEXT_SERVER_ACTIONS_ENCRYPTION_KEY and NEXT_DEPLOYMENT_ID, then served by `npm run serve`.
 * Release C (--foreign-key, the situation before issue 19) is A built with another key.
 * It checks:
 * - every action A and B both have (same file, same export) has the same id in both builds, though
 *   B's copy of the file changed and B lives in another directory;
 * - an action call made with A's id is run by B (not 409), and with B's id by A;
 * - the action only B has is refused by A with 409 "Server Action unavailable" (why an added or
 *   renamed action is expand/contract: README "Deploying");
 * - with --foreign-key: A's id is refused by C with 409, as two `npm start`s did before.
 * Prints the env each build and instance got (names only) and the figures.
 *   npm run check:skew [-- --foreign-key] [--keep]
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { NEXT_BIN, ROOT, inheritedEnv, waitForHttp } from "@/tools/launcher/processes";

const WORK = "/tmp/deploy-skew";
const DIST = ".next-release";
const PORTS = { a: 4110, b: 4111, c: 4112 } as const;
const foreignKey = process.argv.includes("--foreign-key");
const keep = process.argv.includes("--keep");
const KEY = crypto.randomBytes(32).toString("base64");
const DEPLOYMENT_ID = `skew-${Date.now()}`;
/** The page B changes and the actions file B adds an action to. */
const CHANGED_PAGE = "app/(app)/orders/new/page.tsx";
const ACTIONS_FILE = "app/(app)/orders/actions.ts";
const ADDED_ACTION = "skewCheckAddedAction";

const log = (line: string) => console.log(`[skew] ${line}`);
const servers: { stop(): Promise<void> }[] = [];

try {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  const a = release("release-a");
  const b = release("release-b");
  changeReleaseB(b);

  const buildEnv = { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: KEY, NEXT_DEPLOYMENT_ID: DEPLOYMENT_ID };
  log(`build env (both): NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=<32 random bytes, base64> NEXT_DEPLOYMENT_ID=${DEPLOYMENT_ID}`);
  const times: Record<string, number> = { a: await build(a, DIST, buildEnv), b: await build(b, DIST, buildEnv) };
  const otherKey = crypto.randomBytes(32).toString("base64");
  if (foreignKey) times.c = await build(a, ".next-other", { ...buildEnv, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: otherKey });

  const idsA = actionIds(a, DIST);
  const idsB = actionIds(b, DIST);
  const shared = [...idsA.keys()].filter((k) => idsB.has(k));
  const sameId = shared.filter((k) => idsA.get(k) === idsB.get(k));
  const addedId = idsB.get(`${ACTIONS_FILE}#${ADDED_ACTION}`);
  log(`actions: A ${idsA.size}, B ${idsB.size}, in both ${shared.length}, same id in both ${sameId.length}; added in B: ${addedId ? "yes" : "NO"}`);

  await serve(a, DIST, PORTS.a, KEY);
  await serve(b, DIST, PORTS.b, KEY);
  if (foreignKey) await serve(a, ".next-other", PORTS.c, otherKey);

  const probe = `${ACTIONS_FILE}#searchCustomersAction`;
  const results = {
    aIdOnB: await callAction(PORTS.b, idsA.get(probe)!),
    bIdOnA: await callAction(PORTS.a, idsB.get(probe)!),
    addedOnA: await callAction(PORTS.a, addedId ?? "0".repeat(42)),
    addedOnB: await callAction(PORTS.b, addedId ?? "0".repeat(42)),
    ...(foreignKey ? { aIdOnForeignKey: await callAction(PORTS.c, idsA.get(probe)!) } : {}),
  };
  for (const [name, r] of Object.entries(results)) log(`${name}: ${r.status} ${r.type} ${r.body}`);

  const failures: string[] = [];
  if (sameId.length !== shared.length || shared.length === 0) failures.push(`${shared.length - sameId.length} shared action(s) changed id`);
  if (!addedId) failures.push("B's added action is not in its manifest");
  for (const key of ["aIdOnB", "bIdOnA", "addedOnB"] as const) {
    if (results[key].status === 409 || !results[key].type.startsWith("text/x-component")) failures.push(`${key} was not run (${results[key].status})`);
  }
  if (results.addedOnA.status !== 409) failures.push(`A answered B's added action with ${results.addedOnA.status}, not 409`);
  if (foreignKey && results.aIdOnForeignKey?.status !== 409) failures.push(`the build with another key answered with ${results.aIdOnForeignKey?.status}, not 409`);
  log(`builds: A ${times.a} s, B ${times.b} s${times.c ? `, C ${times.c} s` : ""}`);
  log(failures.length ? `FAILED: ${failures.join("; ")}` : "OK: same key, two builds in two directories, one changed page: each accepts the other's actions; an action only the new build has is refused by the old (409).");
  await stopAll();
  process.exit(failures.length ? 1 : 0);
} catch (error) {
  console.error(`[skew] ${error instanceof Error ? error.message : String(error)}`);
  await stopAll();
  process.exit(1);
}

async function stopAll(): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
  if (!keep) fs.rmSync(WORK, { recursive: true, force: true });
}

/** A copy of this source (tracked and untracked, not ignored files) in its own directory, with node_modules hard-linked. */
function release(name: string): string {
  const dir = path.join(WORK, name);
  const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).stdout.split("\0").filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
  }
  for (const linked of ["node_modules", "lib/generated"]) {
    const r = spawnSync("cp", ["-al", path.join(ROOT, linked), path.join(dir, linked)]);
    if (r.status !== 0) throw new Error(`cp -al ${linked} failed: ${r.stderr.toString()}`);
  }
  return dir;
}

/** Release B: one page's output changes, and one server action is added next to the others. */
function changeReleaseB(dir: string): void {
  const page = path.join(dir, CHANGED_PAGE);
  const source = fs.readFileSync(page, "utf8");
  const marked = source.replace('title="New order"', 'title="New order (release B)"');
  if (marked === source) throw new Error(`${CHANGED_PAGE} no longer has title="New order": update the skew check`);
  fs.writeFileSync(page, marked);
  fs.appendFileSync(path.join(dir, ACTIONS_FILE), `\n/** Added by the skew check in release B only. */\nexport async function ${ADDED_ACTION}(): Promise<string> {\n  return "release B";\n}\n`);
}

async function build(dir: string, distDir: string, env: Record<string, string>): Promise<number> {
  const began = Date.now();
  log(`next build in ${path.relative(WORK, dir)}/${distDir} ...`);
  // The release's own Next: this checkout's Next building the copy loads React twice (its own for the
  // renderer, the copy's for the app) and fails prerendering /_global-error with "Cannot read
  // properties of null (reading 'useContext')".
  const child = spawn(process.execPath, [path.join(dir, path.relative(ROOT, NEXT_BIN)), "build"], {
    cwd: dir,
    env: { ...buildEnvironment(dir), ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed in ${dir} (exit ${code}):\n${output.slice(-3000)}`);
  return Math.round((Date.now() - began) / 1000);
}

/** This environment without npm's additions, PWD naming the release: as if started from a shell there. */
function buildEnvironment(dir: string): Record<string, string | undefined> {
  const env = Object.fromEntries(Object.entries(inheritedEnv()).filter(([k]) => !k.startsWith("npm_") && k !== "INIT_CWD"));
  return { ...env, PWD: dir };
}

/** "file#export" -> action id, from the build's server-reference-manifest.json. */
function actionIds(dir: string, distDir: string): Map<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return new Map(Object.entries(manifest.node).map(([id, e]) => [`${e.filename}#${e.exportedName}`, id]));
}

/** `npm run serve` in a release directory, as a deployment starts it (no database needed for these calls). */
async function serve(dir: string, distDir: string, port: number, key: string): Promise<void> {
  const env = {
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key,
    NEXT_DEPLOYMENT_ID: DEPLOYMENT_ID,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // No database is reached by an unauthenticated call; a closed port of this engineer's range.
    DATABASE_URL: "postgresql://orderdesk_app:unused@127.0.0.1:55199/orderdesk",
    NEXTAUTH_SECRET: crypto.randomBytes(24).toString("hex"),
    CREDENTIALS_KEY: crypto.randomBytes(32).toString("base64"),
    SECTIGO_MODE: "live",
    TRUST_PROXY_HOPS: "0",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  log(`serve ${path.relative(WORK, dir)}/${distDir} on ${port}: ${Object.keys(env).join(" ")}`);
  const child = spawn(process.execPath, ["--import", "tsx", "tools/launcher/serve.ts"], { cwd: dir, env: { PATH: inheritedEnv().PATH, PWD: dir, ...env } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  servers.push({
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/signin`, 60_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}; its output:\n${output.slice(-2000)}`);
  }
}

/** A server action call as the page's JavaScript makes it (not signed in: the action answers with its refusal). */
async function callAction(port: number, actionId: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/orders/new`, {
    method: "POST",
    headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: `http://127.0.0.1:${port}` },
    body: JSON.stringify([{ query: "example" }]),
    redirect: "manual",
  });
  const body = (await res.text()).replace(/\s+/g, " ").slice(0, 120);
  return { status: res.status, type: res.headers.get("content-type") ?? "", body };
}
