/**
 * One fleet on loopback: one PostgreSQL (embedded, throw-away), migrations and the app's role, the
 * minimal world (the demo seed: users per role with the demo password, the SANDBOX reseller account
 * on the fleet's sandbox; plus licenses for the bulk renewal), one Sectigo sandbox, one build, two
 * app instances, two job workers and nginx round-robin in front. Everything it starts is stopped by
 * `stop()`; secrets are generated per run and never printed.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/db";
import { APP_ROLE } from "@/lib/db/app-role";
import { generateKey } from "@/lib/crypto/credentials";
import { prepareDatabase, startDatabase } from "@/tools/data-dir/database";
import { runDemoSeed } from "@/tools/demo/run-seed";
import { seedUser } from "@/tools/demo/factories";
import { anchorDay, DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { generateAdminToken } from "@/tools/sandbox/admin/admin-token";
import { ROOT, WEB_SERVER_NODE_FLAGS } from "@/tools/launcher/processes";
import { basicEnv, killAll, startNode, waitForHttp, type FleetChild } from "./children";
import { startNginx, ensureNginx, type Nginx } from "./nginx";
import { buildApp, readBuildSecrets, secretsOfBuild, type BuildSecrets } from "./build";

export interface FleetPorts {
  postgres: number;
  sandbox: number;
  nginx: number;
  a: number;
  b: number;
}

export type InstanceName = "A" | "B";

/** A build: the release folder it was made in and its distDir there. */
export interface Build {
  root: string;
  distDir: string;
}

export const buildPath = (b: Build) => path.join(b.root, b.distDir);

export interface Fleet {
  runDir: string;
  logDir: string;
  ownerUrl: string;
  appDatabaseUrl: string;
  db: ReturnType<typeof createPrismaClient>;
  sandbox: { origin: string; apiUrl: string; adminToken: string; child: FleetChild };
  nginx: Nginx;
  /** How the instances and workers were started. */
  server: string;
  ports: FleetPorts;
  /** The build each instance runs now: the project's, or a release copy's (tools/fleet/release.ts). */
  builds: Record<InstanceName, Build>;
  instances: Record<InstanceName, FleetChild>;
  workers: FleetChild[];
  direct(name: InstanceName): string;
  /** SIGTERM, wait for the exit, start again (on `build` when given), wait until it answers. */
  restartInstance(name: InstanceName, build?: Build): Promise<{ exit: number | string; downMs: number; routedMs: number }>;
  startWorker(index: number): Promise<FleetChild>;
  /** Builds a release (the project or a copy) with the fleet's key and deployment id. */
  build(build: Build, force?: boolean): Promise<{ built: boolean; seconds: number }>;
  sandboxAdmin<T = unknown>(method: string, p: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export const THROTTLE_USER = { email: "throttle@fleet.test", password: "fleet-throttle-password-1" };

export async function startFleet(opts: { ports: FleetPorts; distDir: string; reuseBuild?: boolean; renewalLicenses: number; log: (line: string) => void }): Promise<Fleet> {
  const { ports, log } = opts;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-run-"));
  // The postgres user must reach the cluster (STACK-NOTES): a mkdtemp dir is 0700.
  fs.chmodSync(runDir, 0o755);
  const logDir = path.join(runDir, "logs");
  fs.mkdirSync(logDir);
  const stops: Array<() => Promise<void>> = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const s of stops.reverse()) await s().catch(() => {});
    killAll();
  };

  try {
    ensureNginx(log);
    const secrets = {
      nextAuthSecret: randomBytes(32).toString("base64url"),
      credentialsKey: generateKey(),
      adminToken: generateAdminToken(),
      databasePassword: randomBytes(24).toString("base64url"),
      appPassword: randomBytes(24).toString("base64url"),
    };
    const anchor = anchorDay(new Date());

    log(`PostgreSQL on ${ports.postgres}, migrations, the app's role...`);
    const database = await startDatabase({ dataDir: runDir, port: ports.postgres, password: secrets.databasePassword, throwaway: true });
    stops.push(() => database.stop());
    const { appUrl: appDatabaseUrl } = await prepareDatabase(database.url, { role: APP_ROLE, password: secrets.appPassword, create: true });
    const db = createPrismaClient(database.url);
    stops.push(() => db.$disconnect());

    const base = basicEnv();
    const sandboxChild = startNode(
      "sandbox",
      "tools/sandbox/cli.ts",
      [],
      { ...base, SANDBOX_PORT: String(ports.sandbox), SANDBOX_HOST: "127.0.0.1", SANDBOX_DATA_DIR: path.join(runDir, "sandbox"), SANDBOX_DEMO: "1", SANDBOX_DEMO_ANCHOR: anchor.toISOString(), SANDBOX_ADMIN_TOKEN: secrets.adminToken },
      logDir,
    );
    stops.push(async () => void (await sandboxChild.stop(5000)));
    const origin = `http://127.0.0.1:${ports.sandbox}`;
    await waitForHttp(`${origin}/health`, 30_000, sandboxChild);
    const sandboxAdmin = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${origin}/__sandbox/${p}`, {
        method,
        headers: { authorization: `Bearer ${secrets.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`sandbox ${method} ${p}: ${res.status} ${text.slice(0, 200)}`);
      return JSON.parse(text) as T;
    };
    const apiUrl = `${origin}/products/`;

    log("The world: demo users and the SANDBOX reseller account, funds, licenses for the bulk renewal...");
    await runDemoSeed({ databaseUrl: database.url, anchor, credentialsKey: secrets.credentialsKey, sandboxUrl: apiUrl });
    await seedUser(db, { id: "fleet-throttle", email: THROTTLE_USER.email, name: "Throttle Probe", role: "STAFF", password: THROTTLE_USER.password });
    // Enough money for every order and renewal of the run (the demo account starts with 5,000 USD).
    await sandboxAdmin("POST", "accounts", { loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, funds: 100_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
    const { seedRenewalLicenses } = await import("./renewal-world");
    await seedRenewalLicenses({ databaseUrl: database.url, anchor, sandbox: { url: apiUrl, adminToken: secrets.adminToken }, licenses: opts.renewalLicenses });

    // A build given to serve (npm test: the e2e build) runs with its own key and id; a build of the fleet's with the fleet's.
    const buildSecrets: BuildSecrets = opts.reuseBuild ? secretsOfBuild(opts.distDir) : readBuildSecrets();
    const build = (b: Build, force?: boolean) => buildApp({ root: b.root, distDir: b.distDir, secrets: buildSecrets, log, force });
    const first: Build = { root: ROOT, distDir: opts.distDir };
    if (!opts.reuseBuild) await build(first);

    const nginxUrl = `http://127.0.0.1:${ports.nginx}`;
    // What `npm run serve` and `npm run worker` read (lib/env.ts, README "Deploying"). A reused build
    // made without a deployment id (npm test's e2e build) is served as `npm start` serves it instead:
    // tools/launcher/next-server.ts (the same server and SIGTERM drain, without the deployment checks).
    const serve = fs.existsSync(path.join(ROOT, "tools/launcher/serve.ts")) && !!buildSecrets.runtimeEnv.NEXT_DEPLOYMENT_ID;
    const appEnv = (distDir: string) => ({
      ...base,
      ...buildSecrets.runtimeEnv,
      DATABASE_URL: appDatabaseUrl,
      NEXTAUTH_SECRET: secrets.nextAuthSecret,
      CREDENTIALS_KEY: secrets.credentialsKey,
      SECTIGO_SANDBOX_URL: apiUrl,
      APP_CLOCK: "sandbox",
      NEXT_DIST_DIR: distDir,
      NODE_ENV: "production",
      SECTIGO_TIMEOUT_MS: "10000",
      ...(serve ? { SECTIGO_MODE: "sandbox" } : { NEXTAUTH_URL: nginxUrl }),
    });
    const webEnv = (distDir: string, port: number) => ({
      ...appEnv(distDir),
      TRUST_PROXY_HOPS: "1",
      // The address people use: nginx's. Both servers accept a server action whose Origin is it
      // (tools/launcher/server-action-guard.ts): nginx sends Host and X-Forwarded-Host without the
      // port (its $host), so the Origin http://127.0.0.1:<nginx port> matches only PUBLIC_URL.
      PUBLIC_URL: nginxUrl,
      ...(serve ? { PORT: String(port), HOST: "127.0.0.1", DRAIN_TIMEOUT_MS: "20000" } : {}),
    });
    const portOf: Record<InstanceName, number> = { A: ports.a, B: ports.b };
    const builds: Record<InstanceName, Build> = { A: first, B: first };
    const startInstance = async (name: InstanceName) => {
      const child = serve
        ? startNode(`app-${name}`, "tools/launcher/serve.ts", [], webEnv(builds[name].distDir, portOf[name]), logDir, WEB_SERVER_NODE_FLAGS, builds[name].root)
        : startNode(`app-${name}`, "tools/launcher/next-server.ts", ["--port", String(portOf[name]), "--host", "127.0.0.1"], webEnv(builds[name].distDir, portOf[name]), logDir, WEB_SERVER_NODE_FLAGS, builds[name].root);
      await waitForHttp(`http://127.0.0.1:${portOf[name]}/signin`, 90_000, child);
      return child;
    };
    log(`Two app instances on ${ports.a} and ${ports.b}, two job workers...`);
    const [a, b] = await Promise.all([startInstance("A"), startInstance("B")]);
    const instances: Record<InstanceName, FleetChild> = { A: a, B: b };
    stops.push(async () => void (await Promise.all([instances.A.stop(10_000), instances.B.stop(10_000)])));

    // The workers' Sectigo budget is short so that a killed worker's claims (lease: twice the budget + 30 s) come back soon.
    // Reconciliation may call an order "not placed" 20 s after it was sent: the local sandbox never places
    // late (a live deployment keeps 10 minutes: lib/env.ts refuses less with SECTIGO_MODE=live).
    const workerEnv = { ...appEnv(opts.distDir), SECTIGO_TIMEOUT_MS: "3000", RENEWAL_CONCURRENCY: "10", RECONCILE_SETTLE_WINDOW_MS: "20000" };
    const workers: FleetChild[] = [];
    const startWorker = async (index: number) => {
      const w = startNode(`worker-${index + 1}`, "lib/jobs/worker-cli.ts", serve ? ["--deployment"] : [], workerEnv, logDir);
      workers[index] = w;
      await waitForLog(path.join(logDir, `worker-${index + 1}.log`), /Job worker started/, 60_000, w);
      return w;
    };
    await Promise.all([startWorker(0), startWorker(1)]);
    stops.push(async () => void (await Promise.all(workers.map((w) => w.stop(10_000)))));

    const nginx = await startNginx({ dir: path.join(os.tmpdir(), "fleet-nginx", path.basename(runDir)), port: ports.nginx, upstreamPorts: [ports.a, ports.b], logDir, buildDirs: [buildPath(first)] });
    stops.push(() => nginx.stop());
    log(`nginx on ${nginx.url} (site: ${nginx.site}); logs in ${logDir}`);

    return {
      runDir,
      logDir,
      ownerUrl: database.url,
      appDatabaseUrl,
      db,
      sandbox: { origin, apiUrl, adminToken: secrets.adminToken, child: sandboxChild },
      nginx,
      server: serve ? "tools/launcher/serve.ts (npm run serve) + worker-cli --deployment" : "tools/launcher/next-server.ts + worker-cli (as npm start)",
      ports,
      builds,
      instances,
      workers,
      direct: (name) => `http://127.0.0.1:${portOf[name]}`,
      async restartInstance(name, next) {
        const t = performance.now();
        // A new release's client files are in place before any instance serves its pages.
        if (next) nginx.addStatic(buildPath(next));
        const exit = await instances[name].stop(60_000);
        if (next) builds[name] = next;
        instances[name] = await startInstance(name);
        const downMs = performance.now() - t;
        // Back in nginx's rotation before the caller stops the other instance (nginx.ts routesTo).
        await nginx.routesTo(portOf[name], 30_000);
        return { exit, downMs, routedMs: performance.now() - t - downMs };
      },
      startWorker,
      build,
      sandboxAdmin,
      stop,
    };
  } catch (error) {
    await stop();
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { logDir });
  }
}

/** Waits until the log file shows `pattern` (the worker says when it is ready). */
async function waitForLog(file: string, pattern: RegExp, timeoutMs: number, child: FleetChild): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.running()) throw new Error(`${child.name} exited before it was ready (${file})`);
    if (fs.existsSync(file) && pattern.test(fs.readFileSync(file, "utf8"))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} was not ready within ${timeoutMs / 1000} s (${file})`);
}
