/**
 * Issue 16, item 2: the app connects as a role that owns nothing and holds only its grants, so it
 * cannot rewrite history. Before, the launcher handed the app the superuser's URL, with which
 * `SET LOCAL session_replication_role = replica` switched the append-only trigger off and an
 * UPDATE of an audit row went through. Here every database is prepared by the launcher's own
 * `prepareDatabase` (embedded) or by the README's SQL (your own PostgreSQL), and the app's URL is
 * the one the launcher hands the app and the worker.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAppDatabase, startTestDatabase } from "./test-database";
import { freePort } from "@/lib/db/embedded-postgres";
import { APP_ROLE, urlUser } from "@/lib/db/app-role";
import { applyMigrations } from "@/lib/db/migrations";
import { createBoss, QUEUES } from "@/lib/queue/boss";
import { prepareJobQueue } from "@/lib/jobs/prepare-job-queue";
import { startWorker } from "@/lib/jobs/worker";
import { appAccessFor, prepareDatabase, startDatabase } from "@/tools/data-dir/database";
import { loadProfile } from "@/tools/data-dir/profile";

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE of a statement that must fail (undefined when it went through). */
async function refusal(client: pg.Client, sql: string): Promise<string | undefined> {
  try {
    await client.query(sql);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

const INSUFFICIENT_PRIVILEGE = "42501";

/** Every way the issue names to change history, tried as `appUrl`; the owner then finds the row untouched. */
async function expectHistoryCannotBeRewritten(appUrl: string, ownerUrl: string): Promise<void> {
  const id = await withClient(appUrl, async (app) => {
    const me = (await app.query<{ user: string; super: boolean }>("SELECT current_user AS user, rolsuper AS super FROM pg_roles WHERE rolname = current_user")).rows[0]!;
    expect(me.super).toBe(false);
    expect(me.user).not.toBe(urlUser(ownerUrl));
    // What the app does with the audit log: append and read.
    const inserted = await app.query<{ id: string }>(
      `INSERT INTO "AuditEntry" ("actorLabel", action, outcome) VALUES ('Role test', 'test.role', 'OK') RETURNING id`,
    );
    const rowId = inserted.rows[0]!.id;
    expect((await app.query(`SELECT outcome FROM "AuditEntry" WHERE id = $1`, [rowId])).rows).toEqual([{ outcome: "OK" }]);

    const attempts: Record<string, string> = {
      update: `UPDATE "AuditEntry" SET outcome = 'FORGED' WHERE id = ${rowId}`,
      delete: `DELETE FROM "AuditEntry" WHERE id = ${rowId}`,
      truncate: `TRUNCATE "AuditEntry"`,
      "set session_replication_role": `SET session_replication_role = replica`,
      "alter table disable trigger": `ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"`,
      "alter table": `ALTER TABLE "AuditEntry" ADD COLUMN forged text`,
      "drop trigger": `DROP TRIGGER "AuditEntry_append_only" ON "AuditEntry"`,
      "drop table": `DROP TABLE "AuditEntry"`,
      "replace the trigger function": `CREATE OR REPLACE FUNCTION "audit_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      "become the owner": `SET ROLE ${urlUser(ownerUrl)}`,
      "read the migrations": `SELECT 1 FROM "_prisma_migrations"`,
    };
    const outcomes: Record<string, string | undefined> = {};
    for (const [name, sql] of Object.entries(attempts)) outcomes[name] = await refusal(app, sql);
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, INSUFFICIENT_PRIVILEGE])));

    // Review M2: an entry with an id of its own (a forged, backdated entry; or one far ahead of the
    // sequence, which would make the next real entries fail on the key) is refused; a time given
    // by the insert is replaced by the database's.
    const forged = await refusal(app, `INSERT INTO "AuditEntry" (id, "createdAt", "actorLabel", action, outcome) VALUES (999999999, '2001-01-01', 'forged', 'x', 'OK')`);
    expect(forged).toBe(INSUFFICIENT_PRIVILEGE);
    const next = (await app.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('"AuditEntry"', 'id'))::text AS id`)).rows[0]!.id;
    expect(await refusal(app, `INSERT INTO "AuditEntry" (id, "actorLabel", action, outcome) VALUES (${BigInt(next) + 5n}, 'ahead', 'x', 'OK')`)).toBe(INSUFFICIENT_PRIVILEGE);
    const dated = await app.query<{ year: number }>(
      `INSERT INTO "AuditEntry" ("createdAt", "actorLabel", action, outcome) VALUES ('2001-01-01', 'Backdated', 'test.role', 'OK') RETURNING extract(year FROM "createdAt")::int AS year`,
    );
    expect(dated.rows[0]!.year).toBe(new Date().getUTCFullYear());

    // The attack, in one transaction.
    await app.query("BEGIN");
    const local = await refusal(app, "SET LOCAL session_replication_role = replica");
    await app.query("ROLLBACK");
    expect(local).toBe(INSUFFICIENT_PRIVILEGE);
    return rowId;
  });
  await withClient(ownerUrl, async (owner) => {
    expect((await owner.query(`SELECT outcome FROM "AuditEntry" WHERE id = $1`, [id])).rows).toEqual([{ outcome: "OK" }]);
    const triggers = await owner.query<{ tgname: string; tgenabled: string }>(
      `SELECT tgname, tgenabled::text FROM pg_trigger WHERE tgrelid = '"AuditEntry"'::regclass AND NOT tgisinternal ORDER BY 1`,
    );
    expect(triggers.rows).toEqual([
      { tgname: "AuditEntry_append_only", tgenabled: "O" },
      { tgname: "AuditEntry_insert_guard", tgenabled: "O" },
      { tgname: "AuditEntry_no_truncate", tgenabled: "O" },
    ]);
  });
}

describe("the app's database role (embedded, as the launcher makes it)", () => {
  let db: Awaited<ReturnType<typeof startAppDatabase>>;
  beforeAll(async () => {
    db = await startAppDatabase();
  });
  afterAll(async () => {
    await db?.stop();
  });

  it("the URL the app and the worker get is orderdesk_app: no superuser, owns nothing, no member of the owner", async () => {
    expect(urlUser(db.appUrl)).toBe(APP_ROLE);
    await withClient(db.url, async (owner) => {
      const role = (
        await owner.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean; owns: number; memberOf: number }>(
          `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,
                  (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) +
                  (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) +
                  (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) +
                  (SELECT count(*)::int FROM pg_database WHERE datdba = r.oid) AS owns,
                  (SELECT count(*)::int FROM pg_auth_members WHERE member = r.oid) AS "memberOf"
             FROM pg_roles r WHERE rolname = $1`,
          [APP_ROLE],
        )
      ).rows[0];
      expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, owns: 0, memberOf: 0 });
    });
  });

  it("as orderdesk_app: UPDATE, DELETE, TRUNCATE, session_replication_role, ALTER TABLE and DROP TRIGGER on the audit log are refused", async () => {
    await expectHistoryCannotBeRewritten(db.appUrl, db.url);
  });

  it("as orderdesk_app: the app's own work goes through (rows of its tables, the job queue)", async () => {
    await withClient(db.appUrl, async (app) => {
      await app.query(
        `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES ('role-test-user', 'role-test@example.test', 'Role Test', 'STAFF', 'x', now())`,
      );
      await app.query(`UPDATE "User" SET name = 'Role Test 2' WHERE id = 'role-test-user'`);
      expect((await app.query(`SELECT name FROM "User" WHERE id = 'role-test-user'`)).rows).toEqual([{ name: "Role Test 2" }]);
      await app.query(`DELETE FROM "User" WHERE id = 'role-test-user'`);
    });
    // The worker as the launcher starts it (pg-boss without migrations: the owner prepared the schema).
    const worker = await startWorker({ databaseUrl: db.appUrl, credentialsKey: Buffer.alloc(32, 1).toString("base64"), pollingIntervalSeconds: 0.5, log: () => {} });
    const client = createBoss(db.appUrl, "client");
    try {
      await client.start();
      const jobId = await client.send(QUEUES.reconcilePass, {});
      expect(jobId).toBeTruthy();
      await expect.poll(async () => (await client.getJobById(QUEUES.reconcilePass, jobId!))?.state, { timeout: 30_000 }).toBe("completed");
    } finally {
      await client.stop({ graceful: false, timeout: 1000 });
      await worker.stop();
    }
  });
});

describe("a data dir from before (no app role) gets one on its next start", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.DATABASE_URL;
    delete process.env.MIGRATION_DATABASE_URL;
  });

  it("the launcher's steps on an old cluster: the role is created, its password stored, the refusals hold", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-upgrade-"));
    fs.chmodSync(dataDir, 0o755);
    dirs.push(dataDir);
    delete process.env.DATABASE_URL;
    delete process.env.MIGRATION_DATABASE_URL;
    const port = await freePort();
    // Before: the old launcher migrated and ran everything as the superuser; its secrets had no appDatabasePassword.
    const before = loadProfile(dataDir, {});
    const old = await startDatabase({ dataDir, port, password: before.databasePassword });
    try {
      await applyMigrations(old.url);
      await prepareJobQueue(old.url);
    } finally {
      await old.stop();
    }
    const secretsFile = path.join(dataDir, "local-secrets.json");
    const { appDatabasePassword: _dropped, ...oldSecrets } = JSON.parse(fs.readFileSync(secretsFile, "utf8")) as Record<string, string>;
    fs.writeFileSync(secretsFile, JSON.stringify(oldSecrets), { mode: 0o600 });

    // Next start, as tools/launcher/cli.ts does it.
    const profile = loadProfile(dataDir, {});
    const db = await startDatabase({ dataDir, port, password: profile.databasePassword });
    try {
      const { appUrl } = await prepareDatabase(db.url, appAccessFor(profile.appDatabasePassword));
      const stored = JSON.parse(fs.readFileSync(secretsFile, "utf8")) as { appDatabasePassword?: string };
      expect(stored.appDatabasePassword).toBe(profile.appDatabasePassword);
      expect(stored.appDatabasePassword).toMatch(/^[\w-]{40,}$/);
      expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
      expect(urlUser(appUrl)).toBe(APP_ROLE);
      await expectHistoryCannotBeRewritten(appUrl, db.url);
    } finally {
      await db.stop();
    }
  });
});

/** The README's SQL block for your own PostgreSQL, with the two passwords replaced. */
function readmeRoleSql(ownerPassword: string, appPassword: string): { server: string[]; database: string; inDatabase: string[] } {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
  const block = /tests\/integration\/app-database-role\.test\.ts runs this block as it is\. -->\n```sql\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("the README's role SQL block is missing");
  const sql = block.replace("'owner-password'", `'${ownerPassword}'`).replace("'app-password'", `'${appPassword}'`);
  // psql's \connect splits it: what runs on the server's default database, then in the new one.
  const connect = /^\\connect (\w+)$/m.exec(sql);
  if (!connect) throw new Error("the README's role SQL has no \\connect line");
  const statements = (text: string) => text.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean);
  return { server: statements(sql.slice(0, connect.index)), database: connect[1]!, inDatabase: statements(sql.slice(connect.index + connect[0].length)) };
}

describe("your own PostgreSQL: DATABASE_URL (the app) and MIGRATION_DATABASE_URL (the owner)", () => {
  let server: Awaited<ReturnType<typeof startTestDatabase>>;
  let ownerUrl: string;
  let appUrl: string;
  beforeAll(async () => {
    server = await startTestDatabase();
    const ownerPassword = randomBytes(18).toString("base64url");
    const appPassword = randomBytes(18).toString("base64url");
    const sql = readmeRoleSql(ownerPassword, appPassword);
    await withClient(server.url, async (admin) => {
      for (const statement of sql.server) await admin.query(statement);
    });
    const asAdminIn = new URL(server.url);
    asAdminIn.pathname = `/${sql.database}`;
    await withClient(asAdminIn.toString(), async (admin) => {
      for (const statement of sql.inDatabase) await admin.query(statement);
    });
    const at = (user: string, password: string) => {
      const u = new URL(asAdminIn);
      u.username = user;
      u.password = password;
      return u.toString();
    };
    ownerUrl = at("orderdesk_owner", ownerPassword);
    appUrl = at("orderdesk_app", appPassword);
  });
  afterAll(async () => {
    delete process.env.DATABASE_URL;
    delete process.env.MIGRATION_DATABASE_URL;
    await server?.stop();
  });

  it("the launcher migrates as the owner, hands the app DATABASE_URL, and the refusals hold", async () => {
    process.env.MIGRATION_DATABASE_URL = ownerUrl;
    process.env.DATABASE_URL = appUrl;
    const db = await startDatabase({ dataDir: "/nonexistent-not-used", port: 1, password: "not-used" });
    expect(db.url).toBe(ownerUrl);
    const prepared = await prepareDatabase(db.url, appAccessFor("not-used"));
    expect(prepared.appUrl).toBe(appUrl);
    expect(prepared.applied.length).toBeGreaterThan(0);
    // Every table is the owner's, none the app's.
    await withClient(ownerUrl, async (owner) => {
      const owners = await owner.query<{ owner: string }>(
        `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'pgboss')`,
      );
      expect(owners.rows).toEqual([{ owner: "orderdesk_owner" }]);
    });
    await expectHistoryCannotBeRewritten(appUrl, ownerUrl);
    // A second start (grants applied again) changes nothing.
    await prepareDatabase(db.url, appAccessFor("not-used"));
    await expectHistoryCannotBeRewritten(appUrl, ownerUrl);
  });

  it("refuses to start the app as a superuser or as a member of the owner, saying why", async () => {
    const superuserUrl = new URL(server.url);
    superuserUrl.pathname = new URL(ownerUrl).pathname;
    await expect(prepareDatabase(ownerUrl, { url: superuserUrl.toString(), create: false })).rejects.toThrow(/postgres is a superuser/);

    await withClient(server.url, (admin) => admin.query(`CREATE ROLE orderdesk_sneaky LOGIN PASSWORD 'sneaky-password' IN ROLE orderdesk_owner`));
    const sneaky = new URL(appUrl);
    sneaky.username = "orderdesk_sneaky";
    sneaky.password = "sneaky-password";
    const error = await prepareDatabase(ownerUrl, { url: sneaky.toString(), create: false }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/orderdesk_sneaky owns \(or is a member of the owner of\) /);
    expect((error as Error).message).toMatch(/MIGRATION_DATABASE_URL/);
    expect((error as Error).message).not.toContain("sneaky-password");
  });
});
