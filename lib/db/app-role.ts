/**
 * The database role the app runs as (issue 16). The Next server and the job worker connect as a
 * login role that owns nothing and holds only the grants they need; migrations, the job queue's
 * schema and the seed run as the owner of the tables. The audit log's append-only trigger stops
 * UPDATE/DELETE/TRUNCATE from anyone, but an owner can ALTER TABLE or DROP TRIGGER and a superuser
 * can `SET session_replication_role = replica`: only a role that is neither keeps history safe.
 *
 * All grants live here and are applied again after every migration and job-queue setup (as one
 * transaction, idempotent), so tables added later are covered by the same rules.
 */
import { connectClient } from "@/lib/db/connect-client";
import pg from "pg";
import { scramVerifier } from "@/lib/db/embedded-postgres";

/** The app's role in the embedded database (created by the launcher; your own PostgreSQL names its own). */
export const APP_ROLE = "orderdesk_app";

/** The schemas the app works in: Prisma's tables and pg-boss's job queue. */
const SCHEMAS = ["public", "pgboss"];

/** What the app may do with a table, by name; every other table in SCHEMAS: read and write rows. */
const TABLE_RULES: Record<string, string> = {
  // Append-only: the app writes audit rows and reads them back, never changes or removes one.
  AuditEntry: "SELECT, INSERT",
  // Migration bookkeeping: the owner's business only.
  _prisma_migrations: "",
};
const ROWS = "SELECT, INSERT, UPDATE, DELETE";

/** A login role without any attribute that reaches past its grants. */
const ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT";

function connect(url: string): Promise<pg.Client> {
  return connectClient({ connectionString: url });
}

/** `ownerUrl` with the app role's user and password instead of the owner's. */
export function appRoleUrl(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** The user name a postgresql:// URL connects as. */
export const urlUser = (url: string) => decodeURIComponent(new URL(url).username);

/**
 * Creates the app's login role, or brings an existing one back to these attributes and this
 * password (the data dir's `appDatabasePassword`). Needs CREATEROLE: the embedded superuser does
 * it; with your own PostgreSQL an administrator creates the role (README). The password travels as
 * a SCRAM verifier, so it never reaches the server's logs in clear.
 */
export async function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<void> {
  const client = await connect(ownerUrl);
  try {
    const name = client.escapeIdentifier(role);
    const secret = client.escapeLiteral(scramVerifier(password));
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE ROLE ${name} WITH ${ROLE_ATTRIBUTES} PASSWORD ${secret}`);
        return;
      } catch (error) {
        // Created by another process at the same moment: bring it in line below.
        if ((error as { code?: string }).code !== "42710") throw error;
      }
    }
    await client.query(`ALTER ROLE ${name} WITH ${ROLE_ATTRIBUTES} PASSWORD ${secret}`);
  } finally {
    await client.end();
  }
}

export async function roleExists(ownerUrl: string, role: string): Promise<boolean> {
  const client = await connect(ownerUrl);
  try {
    return ((await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * (Re)applies the app role's privileges on every table and sequence the connecting role may
 * administer in SCHEMAS, in one transaction: first all of them revoked, then exactly TABLE_RULES.
 * Default privileges cover what the owner creates later until the next run. Run it as the owner,
 * after migrations and the job queue's setup.
 */
export async function grantAppRole(ownerUrl: string, role: string): Promise<void> {
  const client = await connect(ownerUrl);
  const id = (name: string) => client.escapeIdentifier(name);
  try {
    await client.query("BEGIN");
    const database = (await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db;
    const canConnect = await client.query<{ ok: boolean }>("SELECT has_database_privilege($1, current_database(), 'CONNECT') AS ok", [role]);
    if (!canConnect.rows[0]?.ok) await client.query(`GRANT CONNECT ON DATABASE ${id(database)} TO ${id(role)}`);
    const schemas = await client.query<{ name: string; usable: boolean }>(
      `SELECT nspname AS name, has_schema_privilege($1, nspname, 'USAGE') AS usable FROM pg_namespace WHERE nspname = ANY($2)`,
      [role, SCHEMAS],
    );
    for (const schema of schemas.rows) {
      // Only what is missing: with your own PostgreSQL the owner may not own `public` (PUBLIC has USAGE there).
      if (!schema.usable) await client.query(`GRANT USAGE ON SCHEMA ${id(schema.name)} TO ${id(role)}`);
      await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${id(schema.name)} GRANT ${ROWS} ON TABLES TO ${id(role)}`);
      await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${id(schema.name)} GRANT USAGE, SELECT ON SEQUENCES TO ${id(role)}`);
    }
    const relations = await client.query<{ schema: string; name: string; kind: string }>(
      `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND pg_has_role(current_user, c.relowner, 'USAGE')
        ORDER BY 1, 2`,
      [SCHEMAS],
    );
    for (const { schema, name, kind } of relations.rows) {
      const target = `${id(schema)}.${id(name)}`;
      const isSequence = kind === "S";
      await client.query(`REVOKE ALL ON ${isSequence ? "SEQUENCE" : "TABLE"} ${target} FROM ${id(role)}`);
      const privileges = isSequence ? "USAGE, SELECT" : schema === "public" && name in TABLE_RULES ? TABLE_RULES[name]! : ROWS;
      if (privileges) await client.query(`GRANT ${privileges} ON ${isSequence ? "SEQUENCE" : "TABLE"} ${target} TO ${id(role)}`);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * What lets `role` reach past its grants, each as a sentence; empty when it cannot. Checked by the
 * launcher before the app starts, so a DATABASE_URL that names the owner or a superuser is refused.
 */
export async function appRoleProblems(ownerUrl: string, role: string): Promise<string[]> {
  const client = await connect(ownerUrl);
  try {
    const found = await client.query<{ super: boolean; createrole: boolean; bypassrls: boolean; replication: boolean; createdb: boolean; me: boolean }>(
      `SELECT rolsuper AS super, rolcreaterole AS createrole, rolbypassrls AS bypassrls, rolreplication AS replication,
              rolcreatedb AS createdb, rolname = current_user AS me
         FROM pg_roles WHERE rolname = $1`,
      [role],
    );
    const r = found.rows[0];
    if (!r) return [`the role ${role} does not exist`];
    const problems: string[] = [];
    if (r.me) problems.push(`${role} is the role that runs the migrations (the owner)`);
    // A superuser reaches everything: the rest would only repeat it.
    if (r.super) return [...problems, `${role} is a superuser`];
    for (const [attribute, has] of [["CREATEROLE", r.createrole], ["BYPASSRLS", r.bypassrls], ["REPLICATION", r.replication], ["CREATEDB", r.createdb]] as const) {
      if (has) problems.push(`${role} has ${attribute}`);
    }
    const owned = await client.query<{ what: string }>(
      `SELECT n.nspname || '.' || c.relname AS what FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($2) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND pg_has_role($1, c.relowner, 'MEMBER')
       UNION ALL
       -- A schema's owner may DROP SCHEMA ... CASCADE, tables of others included.
       SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname = ANY($2) AND pg_has_role($1, nspowner, 'MEMBER')
       UNION ALL
       SELECT 'database ' || datname FROM pg_database WHERE datname = current_database() AND pg_has_role($1, datdba, 'MEMBER')
       LIMIT 3`,
      [role, SCHEMAS],
    );
    if (owned.rowCount) problems.push(`${role} owns (or is a member of the owner of) ${owned.rows.map((o) => o.what).join(", ")}`);
    const audit = await client.query<{ privilege: string }>(
      `SELECT p AS privilege FROM unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES']) p
        WHERE to_regclass('public."AuditEntry"') IS NOT NULL AND has_table_privilege($1, 'public."AuditEntry"', p)`,
      [role],
    );
    if (audit.rowCount) problems.push(`${role} may ${audit.rows.map((a) => a.privilege).join(", ")} the audit log`);
    // Before PostgreSQL 15 only a superuser may set it; since 15 it can be granted (GRANT SET ON PARAMETER).
    const version = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);
    if (version >= 150000) {
      const settable = await client.query<{ ok: boolean }>("SELECT has_parameter_privilege($1, 'session_replication_role', 'SET') AS ok", [role]);
      if (settable.rows[0]?.ok) problems.push(`${role} may set session_replication_role (which switches triggers off)`);
    }
    return problems;
  } finally {
    await client.end();
  }
}
