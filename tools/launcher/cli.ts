/**
 * npm start: embedded PostgreSQL (unless DATABASE_URL is set), migrations and the job queue's
 * schema, the demo seed, the Sectigo sandbox, the job worker (lib/jobs), then the app. Ctrl-C (or closing the terminal, or SIGTERM) stops everything;
 * a second start reuses the data.
 *   npm start                 production: `next build` when the build is missing or older than
 *                             the source, then the production server on PORT (default 3000)
 *   npm run dev               (--dev) the hot reload dev server, for working on the code
 *   npm start -- --e2e        fresh throw-away data and free ports, build in .next-e2e
 *                             (what Playwright runs; never touches the dev data). With --dev:
 *                             the dev server on throw-away data (tests/e2e/dev-mode.spec.ts)
 * The app is served by tools/launcher/next-server.ts (Next behind our own node:http server).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { EnvError, launcherEnv, stopTimeouts, type LauncherEnv } from "@/lib/env";
import { freePort, isPortTaken } from "@/lib/db/embedded-postgres";
import { appAccessFor, prepareDatabase, startDatabase } from "@/tools/data-dir/database";
import { urlUser } from "@/lib/db/app-role";
import { loadProfile } from "@/tools/data-dir/profile";
import { buildFingerprint, buildState, recordBuild } from "@/tools/launcher/build-freshness";
import { runDemoSeed } from "@/tools/demo/run-seed";
import { SANDBOX_ENV, SANDBOX_NODE_FLAGS, SANDBOX_READY_TIMEOUT_MS } from "@/tools/sandbox/process-options";
import { NEXT_BIN, ROOT, nextServerChild, onParentGone, onStopSignal, startChild, tsChild, waitForHttp, type Child } from "@/tools/launcher/processes";
import { printBanner } from "@/tools/launcher/banner";

const dev = process.argv.includes("--dev");
const throwaway = process.argv.includes("--e2e");
const env = readEnv();
const children: Child[] = [];
const log = (line: string) => console.log(`[launcher] ${line}`);
const dataDir = throwaway ? fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-e2e-")) : path.resolve(env.DATA_DIR);
fs.mkdirSync(dataDir, { recursive: true });
fs.chmodSync(dataDir, 0o755);
let stopDatabase: () => Promise<void> = async () => {};
let stopping = false;

let stateFile: string | undefined;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Next and the worker first (each finishes what is in flight, Sectigo calls included), then the
    // sandbox those calls go to, then PostgreSQL.
    const last = new Set(children.filter((c) => c.name === "sandbox"));
    await Promise.all(children.filter((c) => !last.has(c)).map((child) => child.stop()));
    await Promise.all([...last].map((child) => child.stop()));
    await stopDatabase().catch(() => {});
    if (throwaway) fs.rmSync(dataDir, { recursive: true, force: true });
    if (stateFile) fs.rmSync(stateFile, { force: true });
    log("Stopped.");
  }
  process.exit(code);
}
// Ctrl-C or a closed terminal signals the foreground group: this process alone (the children and
// Postgres run in their own groups, lib/db/embedded-postgres.ts). They are stopped here: Next and the
// worker first, then the sandbox, then Postgres.
onStopSignal(() => void shutdown(0));
onParentGone(() => {
  // Already stopping: let that stop finish. Playwright's shell exits at once on SIGTERM, and a second
  // shutdown() here exited in the middle of the first, leaving the e2e run's data dir behind.
  if (stopping) return;
  log("The process that started Order Desk (npm or the shell) is gone: stopping.");
  void shutdown(0);
});

const pgPort = throwaway ? await freePort() : env.PG_PORT;
const sandboxPort = throwaway ? await freePort() : env.SANDBOX_PORT;
const appPort = env.PORT;
const probeHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
if (await isPortTaken(appPort, probeHost)) {
  console.error(`[launcher] Port ${appPort} is in use (another Order Desk?). Stop it or set PORT.`);
  process.exit(1);
}

try {
  const profile = loadProfile(dataDir, env);

  log(env.DATABASE_URL ? "Using DATABASE_URL (the app) and MIGRATION_DATABASE_URL (the owner)." : `Starting the embedded PostgreSQL on port ${pgPort}...`);
  // The e2e run's database is thrown away: it skips durability too (lib/db/embedded-postgres.ts `durable`).
  const db = await startDatabase({ dataDir, port: pgPort, password: profile.databasePassword, throwaway, durable: !throwaway });
  stopDatabase = db.stop;

  // Playwright specs that need the throw-away database (seeding many rows for paging) find it
  // here; the file lives only as long as this e2e run (removed with the data dir on shutdown).
  // Not the dev-mode e2e launcher (tests/e2e/dev-mode.spec.ts), which inherits the variable: it
  // would overwrite the file and delete it when it stops, under the specs that still need it.
  if (throwaway && !dev && process.env.E2E_STATE_FILE) {
    const sandboxProducts = env.SECTIGO_BASE_URL ?? `http://127.0.0.1:${sandboxPort}/products/`;
    fs.writeFileSync(process.env.E2E_STATE_FILE, JSON.stringify({ databaseUrl: db.url, sandboxUrl: sandboxProducts }), { mode: 0o600 });
    stateFile = process.env.E2E_STATE_FILE;
  }

  // As the owner: migrations, the job queue's schema, the app's role and its grants. The app and
  // the worker then connect as that role (lib/db/app-role.ts); the seed below runs as the owner.
  const { appUrl: appDatabaseUrl, applied } = await prepareDatabase(db.url, appAccessFor(profile.appDatabasePassword));
  log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");

  const sandboxUrl = env.SECTIGO_BASE_URL ?? `http://127.0.0.1:${sandboxPort}/products/`;
  const seedDemo = env.SEED_DEMO === "1" || throwaway;
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
    const sandbox = startChild(
      "sandbox",
      // Its memory policy (V8 flags, malloc settings): tools/sandbox/process-options.ts.
      [...SANDBOX_NODE_FLAGS, ...tsChild("tools/sandbox/cli.ts")],
      {
        ...SANDBOX_ENV,
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_HOST: "127.0.0.1",
        SANDBOX_DATA_DIR: path.join(dataDir, "sandbox"),
        SANDBOX_DEMO: "1",
        SANDBOX_DEMO_ANCHOR: profile.demoAnchor.toISOString(),
        SANDBOX_ADMIN_TOKEN: profile.sandboxAdminToken,
      },
      { onExit: (code) => !stopping && (console.error(`[launcher] The sandbox stopped (exit ${code}).`), void shutdown(1)) },
    );
    children.push(sandbox);
    // It loads its saved world first: ~40 s at 1,000,000 licences (process-options.ts).
    await waitForHttp(`http://127.0.0.1:${sandboxPort}/health`, SANDBOX_READY_TIMEOUT_MS, sandbox);
    log(`Sectigo sandbox on http://127.0.0.1:${sandboxPort}/products/`);
  }

  // Next 16 dev writes into <distDir>/dev, so the dev server and a production build share a
  // distDir without clashing (and tsconfig.json already includes both type folders).
  const distDir = throwaway ? ".next-e2e" : ".next";
  const appUrl = `http://${env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST}:${appPort}`;
  const appEnv = {
    DATABASE_URL: appDatabaseUrl,
    NEXTAUTH_SECRET: profile.nextAuthSecret,
    // Behind a TLS proxy, PUBLIC_URL (https://…) makes next-auth set Secure, __Secure- cookies.
    NEXTAUTH_URL: env.PUBLIC_URL?.replace(/\/+$/, "") ?? appUrl,
    CREDENTIALS_KEY: profile.credentialsKey,
    SECTIGO_SANDBOX_URL: sandboxUrl,
    // Both processes follow the local sandbox's clock in a demo (lib/clock); anything real: this machine's.
    APP_CLOCK: env.APP_CLOCK ?? (!env.SECTIGO_BASE_URL && seedDemo ? "sandbox" : "machine"),
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    NODE_ENV: dev ? "development" : "production",
  };
  // The job worker (reconciliation now; renewals and syncs later): its own process, like the sandbox.
  // On stop, each gets longer than its own wait for work in flight before it is killed: the worker
  // waits for a Sectigo call (SECTIGO_TIMEOUT_MS) + 10 s (lib/jobs/worker.ts), Next drains for up to
  // DRAIN_TIMEOUT_MS (tools/launcher/graceful-http.ts).
  const { SECTIGO_TIMEOUT_MS, DRAIN_TIMEOUT_MS } = env;
  const worker = startChild("worker", tsChild("lib/jobs/worker-cli.ts"), appEnv, {
    stopGraceMs: SECTIGO_TIMEOUT_MS + 15_000,
    onExit: (code) => !stopping && (console.error(`[launcher] The job worker stopped (exit ${code}).`), void shutdown(1)),
  });
  children.push(worker);

  if (!dev) await buildIfStale(path.join(ROOT, distDir), appEnv);

  const next = startChild(
    "next",
    nextServerChild(...(dev ? ["--dev"] : []), "--port", String(appPort), "--host", env.HOST),
    { ...appEnv, TRUST_PROXY_HOPS: String(env.TRUST_PROXY_HOPS) },
    { stopGraceMs: DRAIN_TIMEOUT_MS + 5_000, onExit: (code) => !stopping && (console.error(`[launcher] Next stopped (exit ${code}).`), void shutdown(1)) },
  );
  children.push(next);
  await waitForHttp(`http://${probeHost}:${appPort}/signin`, dev ? 180_000 : 120_000, next);
  printBanner({
    url: appUrl,
    dev,
    sandboxUrl,
    demo: seedDemo,
    dataDir,
    secretsFile: profile.secretsFile,
    sandboxStarted: !env.SECTIGO_BASE_URL,
    database: {
      ...(env.DATABASE_URL ? { external: true as const } : { external: false as const, port: pgPort, clusterDir: db.clusterDir, movedFrom: db.movedFrom, binDir: db.binDir }),
      appRole: urlUser(appDatabaseUrl),
    },
  });
} catch (error) {
  console.error(`[launcher] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

/** `next build` when the build in `distDir` is missing or older than the source. */
async function buildIfStale(distDir: string, appEnv: Record<string, string>): Promise<void> {
  const fingerprint = buildFingerprint(ROOT, [dataDir]);
  const state = buildState(distDir, fingerprint);
  if (state.fresh) {
    log(`The production build in ${path.relative(ROOT, distDir)}/ is up to date.`);
    return;
  }
  log(`Building the app for production, because ${state.reason} (next build: about a minute on 2 cores, then it starts)...`);
  const began = Date.now();
  const build = startChild("build", [NEXT_BIN, "build"], appEnv);
  children.push(build);
  const code = await build.exited;
  children.splice(children.indexOf(build), 1);
  if (stopping) await new Promise(() => {}); // Ctrl-C during the build: shutdown() exits.
  if (code !== 0) throw new Error(`next build failed (exit ${code}); its output is above.`);
  recordBuild(distDir, fingerprint);
  log(`Built in ${Math.round((Date.now() - began) / 1000)} s.`);
}

/** The launcher's environment, or one line saying which variable is wrong (no stack: it is the user's to fix). */
function readEnv(): LauncherEnv & ReturnType<typeof stopTimeouts> {
  try {
    // All of it before anything starts: a bad DRAIN_TIMEOUT_MS is refused here, not after the seed.
    return { ...launcherEnv(), ...stopTimeouts() };
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[launcher] ${error.message}`);
    process.exit(1);
  }
}
