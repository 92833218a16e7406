/**
 * npm start: embedded PostgreSQL (unless DATABASE_URL is set), migrations, the demo seed, the
 * Sectigo sandbox, then Next. Ctrl-C stops everything; a second start reuses the data.
 *   npm start                 next dev on PORT (default 3000)
 *   npm start -- --prod       next build + next start
 *   npm start -- --e2e        fresh throw-away data and free ports, production build in .next-e2e
 *                             (what Playwright runs; never touches the dev data)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { launcherEnv } from "@/lib/env";
import { freePort, isPortTaken } from "@/lib/db/embedded-postgres";
import { startDatabase } from "@/lib/launcher/database";
import { loadProfile } from "@/lib/launcher/profile";
import { applyMigrations } from "@/lib/db/migrations";
import { runDemoSeed } from "@/lib/demo/run-seed";
import { NEXT_BIN, TSX_CLI, startChild, waitForHttp, type Child } from "@/lib/launcher/processes";
import { DEMO_PASSWORD, DEMO_RESELLER, DEMO_USERS } from "@/lib/demo/demo-data";
import { ROLE_LABELS } from "@/lib/auth/roles";

const mode = process.argv.includes("--e2e") ? "e2e" : process.argv.includes("--prod") ? "prod" : "dev";
const env = launcherEnv();
const children: Child[] = [];
const log = (line: string) => console.log(`[launcher] ${line}`);
const dataDir =
  mode === "e2e" ? fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-e2e-")) : path.resolve(env.DATA_DIR);
// Postgres runs as the `postgres` user when we are root: the data dir must be reachable.
fs.mkdirSync(dataDir, { recursive: true });
fs.chmodSync(dataDir, 0o755);
let stopDatabase: () => Promise<void> = async () => {};
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all(children.map((child) => child.stop()));
    await stopDatabase().catch(() => {});
    if (mode === "e2e") fs.rmSync(dataDir, { recursive: true, force: true });
    log("Stopped.");
  }
  process.exit(code);
}
// embedded-postgres registers its own SIGINT/SIGTERM hook that stops Postgres and then calls
// process.exit, cutting our shutdown short (orphaned sandbox, e2e data left behind). This
// launcher owns shutdown: it stops Next, the sandbox and then Postgres itself.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

const pgPort = mode === "e2e" ? await freePort() : env.PG_PORT;
const sandboxPort = mode === "e2e" ? await freePort() : env.SANDBOX_PORT;
const appPort = env.PORT;
if (await isPortTaken(appPort, env.HOST === "0.0.0.0" ? "127.0.0.1" : env.HOST)) {
  console.error(`[launcher] Port ${appPort} is in use (another Order Desk?). Stop it or set PORT.`);
  process.exit(1);
}

try {
  const profile = loadProfile(dataDir, env);

  log(env.DATABASE_URL ? "Using DATABASE_URL." : `Starting embedded PostgreSQL on port ${pgPort} (${path.join(dataDir, "postgres")})`);
  const db = await startDatabase({ dataDir, port: pgPort });
  stopDatabase = db.stop;

  const applied = await applyMigrations(db.url);
  log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");

  const sandboxUrl = env.SECTIGO_BASE_URL ?? `http://127.0.0.1:${sandboxPort}/products/`;
  const seedDemo = env.SEED_DEMO === "1" || mode === "e2e";
  if (seedDemo) {
    await runDemoSeed({
      databaseUrl: db.url,
      anchor: profile.demoAnchor,
      credentialsKey: profile.credentialsKey,
      sandboxUrl,
      allowRemote: env.ALLOW_REMOTE_SEED === "1",
    });
    log("Demo data is in place.");
  } else {
    log("SEED_DEMO=0: no demo users or data. Create the first admin with `npm run user:create`.");
  }

  if (!env.SECTIGO_BASE_URL) {
    if (await isPortTaken(sandboxPort)) {
      throw new Error(`Port ${sandboxPort} is in use (another Order Desk or sandbox?). Stop it or set SANDBOX_PORT.`);
    }
    const sandbox = startChild("sandbox", [TSX_CLI, "lib/sectigo/sandbox/cli.ts"], {
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_HOST: "127.0.0.1",
      SANDBOX_DATA_DIR: path.join(dataDir, "sandbox"),
      SANDBOX_DEMO: "1",
      SANDBOX_DEMO_ANCHOR: profile.demoAnchor.toISOString(),
    }, { onExit: (code) => !stopping && (console.error(`[launcher] The sandbox stopped (exit ${code}).`), void shutdown(1)) });
    children.push(sandbox);
    await waitForHttp(`http://127.0.0.1:${sandboxPort}/health`, 30_000, sandbox);
    log(`Sectigo sandbox on http://127.0.0.1:${sandboxPort}/products/`);
  }

  const appEnv = {
    DATABASE_URL: db.url,
    NEXTAUTH_SECRET: profile.nextAuthSecret,
    NEXTAUTH_URL: `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${appPort}`,
    CREDENTIALS_KEY: profile.credentialsKey,
    SECTIGO_SANDBOX_URL: sandboxUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    ...(mode === "e2e" ? { NEXT_DIST_DIR: ".next-e2e" } : {}),
  };
  if (mode !== "dev") {
    log("Building the app (next build)...");
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
      stdio: ["ignore", mode === "e2e" ? "pipe" : "inherit", "inherit"],
      env: { ...process.env, ...appEnv },
    });
    if (build.status !== 0) {
      if (build.stdout) process.stdout.write(build.stdout);
      throw new Error("next build failed");
    }
  }
  const next = startChild(
    "next",
    [NEXT_BIN, mode === "dev" ? "dev" : "start", "-p", String(appPort), "-H", env.HOST],
    { ...appEnv, NODE_ENV: mode === "dev" ? "development" : "production" },
    { quiet: mode === "e2e", onExit: (code) => !stopping && (console.error(`[launcher] Next stopped (exit ${code}).`), void shutdown(1)) },
  );
  children.push(next);
  await waitForHttp(`http://127.0.0.1:${appPort}/signin`, 120_000, next);
  printBanner(appEnv.NEXTAUTH_URL, sandboxUrl, seedDemo);
} catch (error) {
  console.error(`[launcher] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

function printBanner(url: string, sandboxUrl: string, demo: boolean): void {
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  const logins = demo
    ? `  Demo logins (password for all: ${DEMO_PASSWORD})
${DEMO_USERS.map((u) => `    ${u.email.padEnd(width)}  ${ROLE_LABELS[u.role]}`).join("\n")}`
    : "  No demo logins (SEED_DEMO=0).";
  console.log(`
  Order Desk is running: ${url}

${logins}

  Sectigo sandbox: ${sandboxUrl}  (reseller login ${DEMO_RESELLER.loginName} / ${DEMO_RESELLER.password})
  Data: ${dataDir}    Stop: Ctrl-C
`);
}
