import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseStartError, freePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { ensurePostgresUser, reachableBinaries } from "@/lib/db/postgres-user-access";
import { startDatabase, withDatabase } from "@/tools/data-dir/database";
import { loadProfile } from "@/tools/data-dir/profile";

const isRoot = process.getuid?.() === 0;
const newPassword = () => randomBytes(24).toString("base64url");
const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(mode = 0o755): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-pgstart-"));
  fs.chmodSync(dir, mode);
  cleanup.push(dir);
  return dir;
}

async function installedNativeDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return path.dirname(path.dirname(binaries.postgres));
}

/** What a failed start must look like: fast, one paragraph with the fix, no stack. */
async function expectOneParagraphFailure(start: Promise<unknown>, mentions: RegExp): Promise<void> {
  const began = Date.now();
  const error = await start.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(Date.now() - began).toBeLessThan(15_000);
  expect(error).toBeInstanceOf(DatabaseStartError);
  const message = (error as Error).message;
  expect(message).toMatch(mentions);
  expect(message).toContain("DATABASE_URL");
  expect(message).not.toContain("\n");
  expect((error as Error).stack).not.toMatch(/\n\s+at /);
}

describe("embedded PostgreSQL start", () => {
  it.skipIf(!isRoot)("as root, works from a chmod 700 folder: binaries and cluster move where the postgres user can reach them", async () => {
    const privateDir = tempDir(0o700);
    const nativeDir = path.join(privateDir, "node_modules-copy", "native");
    fs.mkdirSync(path.dirname(nativeDir), { recursive: true });
    execFileSync("cp", ["-a", await installedNativeDir(), nativeDir]);
    const dataDir = path.join(privateDir, "data", "postgres");

    const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "orderdesk_private", password: newPassword(), nativeDir, throwaway: true });
    if (db.binDir) cleanup.push(path.dirname(db.binDir));
    try {
      expect(db.clusterDir && db.clusterDir.startsWith(privateDir)).toBe(false);
      expect(db.movedFrom).toBe(dataDir);
      expect(fs.realpathSync(dataDir)).toBe(db.clusterDir);
      expect(db.binDir!.startsWith(privateDir)).toBe(false);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const row = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0];
      await client.end();
      expect(row?.db).toBe("orderdesk_private");
    } finally {
      await db.stop();
    }
    expect(fs.existsSync(db.clusterDir!)).toBe(false);
  });

  it("binaries that cannot be executed: a one-paragraph error within seconds, not a crash or a hang", async () => {
    const nativeDir = path.join(tempDir(), "native");
    fs.mkdirSync(path.join(nativeDir, "bin"), { recursive: true });
    for (const bin of ["initdb", "postgres"]) fs.writeFileSync(path.join(nativeDir, "bin", bin), "", { mode: 0o644 });
    await expectOneParagraphFailure(
      startEmbeddedPostgres({ dataDir: path.join(tempDir(), "pg"), port: await freePort(), database: "x", password: newPassword(), nativeDir }),
      /could not be run \(EACCES\).*npm ci/,
    );
  });

  it("a damaged cluster: a one-paragraph error that says to delete the data dir", async () => {
    const dataDir = path.join(tempDir(), "pg");
    fs.mkdirSync(dataDir, { mode: 0o700 });
    fs.writeFileSync(path.join(dataDir, "PG_VERSION"), "9\n");
    if (isRoot) execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
    await expectOneParagraphFailure(
      startEmbeddedPostgres({ dataDir, port: await freePort(), database: "x", password: newPassword() }),
      /did not start .* delete the data dir/,
    );
  });
});

/** Connects as `postgres` with `password`; resolves to the SQLSTATE of a refusal, or "ok". */
async function tryLogin(port: number, password: string): Promise<string> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  try {
    await client.connect();
    await client.end();
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function authMethods(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (await client.query<{ m: string }>("SELECT DISTINCT auth_method AS m FROM pg_hba_file_rules ORDER BY 1")).rows;
    return rows.map((r) => r.m);
  } finally {
    await client.end();
  }
}

/** A cluster as the code before per-data-dir passwords created it: superuser postgres/postgres, auth=password. */
async function legacyCluster(dir: string): Promise<void> {
  const user = isRoot ? ensurePostgresUser() : undefined;
  const native = await installedNativeDir();
  const bin = path.join(user ? reachableBinaries(native, user) : native, "bin", "initdb");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(path.dirname(dir), "legacy-pw");
  fs.writeFileSync(pwfile, "postgres\n", { mode: 0o600 });
  if (user) for (const p of [dir, pwfile]) fs.chownSync(p, user.uid, user.gid);
  execFileSync(bin, [`--pgdata=${dir}`, "--auth=password", "--username=postgres", `--pwfile=${pwfile}`, "--lc-messages=C"], {
    stdio: "ignore",
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  fs.rmSync(pwfile);
}

describe("embedded PostgreSQL credentials", () => {
  it("a new cluster refuses postgres/postgres: only its own random password, over SCRAM", async () => {
    const password = newPassword();
    const db = await startEmbeddedPostgres({ dataDir: path.join(tempDir(), "pg"), port: await freePort(), database: "x", password, throwaway: true });
    try {
      expect(await tryLogin(db.port, "postgres")).toBe("28P01");
      expect(await tryLogin(db.port, password)).toBe("ok");
      expect(db.url).toContain(encodeURIComponent(password));
      expect(await authMethods(db.url)).toEqual(["scram-sha-256"]);
    } finally {
      await db.stop();
    }
  });

  it("is durable unless told otherwise: fsync and synchronous commit stay on for every cluster but the tests' and the e2e run's", async () => {
    // One cluster, started three times.
    const dataDir = path.join(tempDir(), "pg");
    const password = newPassword();
    const settings = async (opts: { throwaway?: boolean; durable?: boolean }) => {
      const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "x", password, ...opts });
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        const read = async (name: string) => (await c.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name];
        return { fsync: await read("fsync"), synchronous_commit: await read("synchronous_commit"), full_page_writes: await read("full_page_writes") };
      } finally {
        await c.end();
        await db.stop();
      }
    };
    const on = { fsync: "on", synchronous_commit: "on", full_page_writes: "on" };
    // Made not durable first (its initdb skips the sync: quick); nothing of that stays in the cluster.
    expect(await settings({ durable: false })).toEqual({ fsync: "off", synchronous_commit: "off", full_page_writes: "off" });
    expect(await settings({})).toEqual(on);
    // A throw-away cluster (the fleet, the benchmarks) is still durable, measured as production runs.
    expect(await settings({ throwaway: true })).toEqual(on);
  });

  it("a cluster from before (postgres/postgres) gets the data dir's password on start; withDatabase works with the launcher stopped and running", async () => {
    const dataDir = tempDir();
    await legacyCluster(path.join(dataDir, "postgres"));
    const port = await freePort();
    process.env.DATA_DIR = dataDir;
    process.env.PG_PORT = String(port);
    delete process.env.DATABASE_URL;
    const whoAmI = (url: string) => async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const row = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0];
      await client.end();
      return row?.db;
    };
    try {
      // Launcher stopped: withDatabase starts the cluster briefly (and upgrades it).
      let seen: string | undefined;
      await withDatabase(async (url) => {
        seen = await whoAmI(url)();
        expect(url).not.toContain(":postgres@");
      });
      expect(seen).toBe("orderdesk");
      expect(await isPortFree(port)).toBe(true);

      // Launcher running: the same password from the data dir's profile.
      const profile = loadProfile(dataDir, {});
      const db = await startDatabase({ dataDir, port, password: profile.databasePassword });
      try {
        expect(await tryLogin(port, "postgres")).toBe("28P01");
        expect(await authMethods(db.url)).toEqual(["scram-sha-256"]);
        let running: string | undefined;
        await withDatabase(async (url) => {
          running = await whoAmI(url)();
        });
        expect(running).toBe("orderdesk");
      } finally {
        await db.stop();
      }
      expect(fs.statSync(path.join(dataDir, "local-secrets.json")).mode & 0o777).toBe(0o600);
    } finally {
      delete process.env.DATA_DIR;
      delete process.env.PG_PORT;
    }
  });
});

async function isPortFree(port: number): Promise<boolean> {
  const { isPortTaken } = await import("@/lib/db/embedded-postgres");
  return !(await isPortTaken(port));
}

describe.skipIf(!fs.existsSync("/usr/bin/setpriv"))("embedded PostgreSQL and its parent", () => {
  it("stops when the process that started it is killed outright (SIGKILL)", async () => {
    const dir = tempDir();
    const root = path.resolve(import.meta.dirname, "../..");
    fs.writeFileSync(
      path.join(dir, "owner.mts"),
      `import { startEmbeddedPostgres, freePort } from ${JSON.stringify(path.join(root, "lib/db/embedded-postgres.ts"))};
const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(path.join(dir, "pg"))}, port: await freePort(), database: "x", password: "${newPassword()}" });
console.log("up " + db.port);
setInterval(() => {}, 60_000);
`,
    );
    const owner = spawn(process.execPath, ["--import", "tsx", path.join(dir, "owner.mts")], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise<number>((resolve, reject) => {
      owner.stdout!.on("data", (c: Buffer) => {
        const m = /up (\d+)/.exec(c.toString());
        if (m) resolve(Number(m[1]));
      });
      owner.once("exit", () => reject(new Error("the owner exited before PostgreSQL was up")));
    });
    const postmasterPid = Number(fs.readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    expect(await tryLogin(port, "postgres")).toBe("28P01");
    owner.kill("SIGKILL");
    // Not our child: watch the postmaster go (a zombie waiting for a reaper counts as gone).
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${postmasterPid}/stat`, "utf8"));
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 15_000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const left = alive();
    if (left) process.kill(postmasterPid, "SIGINT");
    expect(left).toBe(false);
  });

  it("a Ctrl-C (SIGINT to the terminal's process group) reaches its owner alone: Postgres serves while the owner finishes its work, then stops when told", async () => {
    const dir = tempDir();
    const root = path.resolve(import.meta.dirname, "../..");
    // The owner, as the launcher: on SIGINT it still writes (the app's work in flight), then stops Postgres.
    fs.writeFileSync(
      path.join(dir, "owner.mts"),
      `import pg from ${JSON.stringify(path.join(root, "node_modules/pg/lib/index.js"))};
import { startEmbeddedPostgres, freePort } from ${JSON.stringify(path.join(root, "lib/db/embedded-postgres.ts"))};
const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(path.join(dir, "pg"))}, port: await freePort(), database: "x", password: "${newPassword()}", throwaway: true });
process.once("SIGINT", async () => {
  const c = new pg.Client({ connectionString: db.url });
  const outcome = await c.connect().then(() => c.query("SELECT 1 AS one")).then(() => "written after Ctrl-C", (e) => "refused: " + e.message);
  await c.end().catch(() => {});
  await db.stop();
  console.log(outcome);
  process.exit(0);
});
console.log("up " + db.port);
setInterval(() => {}, 60_000);
`,
    );
    const owner = spawn(process.execPath, ["--import", "tsx", path.join(dir, "owner.mts")], { cwd: root, stdio: ["ignore", "pipe", "inherit"], detached: true });
    let out = "";
    await new Promise<void>((resolve, reject) => {
      owner.stdout!.on("data", (c: Buffer) => {
        out += c.toString();
        if (/up \d+/.test(out)) resolve();
      });
      owner.once("exit", () => reject(new Error("the owner exited before PostgreSQL was up")));
    });
    const exited = new Promise<number | null>((resolve) => owner.once("exit", resolve));
    process.kill(-owner.pid!, "SIGINT"); // what the terminal does on Ctrl-C: the whole foreground group
    expect(await exited).toBe(0);
    expect(out).toContain("written after Ctrl-C");
  });
});
