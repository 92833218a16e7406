/**
 * Offline migration runner. The Prisma CLI always tries to download the native schema engine,
 * which cannot work here or in CI, so this drives Prisma's own wasm schema engine over
 * @prisma/adapter-pg. It keeps the standard `prisma/migrations/` folder and the
 * `_prisma_migrations` table, so the ordinary CLI works on the same folder where it can.
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "../..");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");

/**
 * Postgres' internal "char" type (OID 18) shows up in introspection and adapter-pg 7.10 rejects
 * it ("Column type 'char' could not be deserialized"), so this runner process, and only it,
 * reports OID 18 as text (OID 25). Patched on the shared query base class of adapter-pg, which
 * covers plain queries and transactions alike.
 */
async function reportCharAsText(factory: PrismaPg): Promise<void> {
  const adapter = await factory.connect();
  let proto: Record<string, unknown> | null = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  await adapter.dispose();
  if (!proto || (proto as { __charAsText?: boolean }).__charAsText) return;
  type PerformIO = (q: unknown) => Promise<{ fields: Array<{ dataTypeID: number }> }>;
  const original = proto.performIO as PerformIO;
  proto.performIO = async function (this: unknown, query: unknown) {
    const result = await original.call(this, query);
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  (proto as { __charAsText?: boolean }).__charAsText = true;
}

/**
 * adapter-pg 7.10 runs a migration script by splitting it on every ";" (even inside quoted
 * strings and $$ function bodies) and sending the pieces one by one, outside any transaction.
 * Prisma's native engine sends the whole script in one simple query instead, which PostgreSQL runs
 * as one implicit transaction: a function body survives, and a failing migration leaves nothing
 * half-applied. This runner does the same (the audit log's append-only trigger needs it).
 */
async function runScriptsWhole(factory: PrismaPg): Promise<void> {
  const adapter = await factory.connect();
  let proto: Record<string, unknown> | null = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "executeScript")) proto = Object.getPrototypeOf(proto);
  await adapter.dispose();
  if (!proto || (proto as { __wholeScripts?: boolean }).__wholeScripts) return;
  type Self = { client: { query(sql: string): Promise<unknown> }; onError(error: unknown): never };
  proto.executeScript = async function (this: Self, script: string) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  (proto as { __wholeScripts?: boolean }).__wholeScripts = true;
}

/** libpq's sslmode: require encrypts; verify-ca / verify-full also check the certificate. */
function sslFor(mode: string | null): pg.PoolConfig["ssl"] {
  if (!mode || mode === "disable" || mode === "allow" || mode === "prefer") return undefined;
  return { rejectUnauthorized: mode.startsWith("verify") };
}

function discreteConfig(url: string, database?: string): pg.PoolConfig {
  // Discrete fields, not a connectionString: pg lets a connection string override `database`,
  // which would silently turn the shadow database into the main one.
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? u.pathname.replace(/^\//, ""),
    ssl: sslFor(u.searchParams.get("sslmode")),
  };
}

type WasmSchemaEngine = {
  new: (input: unknown, debug: (msg: string) => void, adapter: unknown) => Promise<unknown>;
};
let wasmEngine: Promise<WasmSchemaEngine> | undefined;

/** Instantiate once per process: the bindings module caches views of the first instance's memory. */
function loadWasmEngine(): Promise<WasmSchemaEngine> {
  wasmEngine ??= instantiateWasmEngine();
  return wasmEngine;
}

async function instantiateWasmEngine(): Promise<WasmSchemaEngine> {
  // @prisma/internals looks for the .wasm in a folder that exists only inside the bundled CLI,
  // so load it from the package ourselves.
  const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
  const wasmModule = new WebAssembly.Module(fs.readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(wasmModule, {
    "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
  });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime.SchemaEngine as unknown as WasmSchemaEngine;
}

interface MigrationSession {
  migrate: { applyMigrations(): Promise<{ appliedMigrationNames: string[] }>; stop(): Promise<void> };
  engine: { diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }> };
  schemaFiles: Array<{ path: string; content: string }>;
  close(): Promise<void>;
}

async function openSession(url: string, migrationsDir = MIGRATIONS_DIR): Promise<MigrationSession> {
  const { SchemaEngineWasm } = require("@prisma/migrate/dist/SchemaEngineWasm.js");
  const { Migrate } = require("@prisma/migrate/dist/Migrate.js");
  const { loadSchemaContext, toSchemasContainer } = require("@prisma/internals");

  const pool = new pg.Pool(discreteConfig(url));
  const factory = new PrismaPg(pool);
  await reportCharAsText(factory);
  await runScriptsWhole(factory);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const schemaContext = await loadSchemaContext({ schemaPath: { cliProvidedPath: SCHEMA_PATH }, printLoadMessage: false });
  const SchemaEngine = await loadWasmEngine();
  const engineInstance = await SchemaEngine.new(
    { datamodels: schemaContext.schemaFiles },
    (msg: string) => {
      if (process.env.MIGRATE_DEBUG) console.error(msg);
    },
    adapter,
  );
  const engine = new SchemaEngineWasm({ engine: engineInstance, errorRegistry: adapter.errorRegistry });
  const migrate = new Migrate({ engine, schemaContext, migrationsDirPath: migrationsDir });
  return {
    migrate,
    engine: engineInstance as MigrationSession["engine"],
    schemaFiles: toSchemasContainer(schemaContext.schemaFiles).files,
    close: async () => {
      await migrate.stop().catch(() => {});
      await pool.end();
    },
  };
}

/**
 * `prisma migrate deploy`: apply every pending migration. Returns the names applied.
 * `migrationsDir`: another folder of the same layout (the fleet test's expand/contract migrations
 * on top of the project's, tools/fleet/scenarios/migration.ts); the project's by default.
 */
export async function applyMigrations(url: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const session = await openSession(url, migrationsDir);
  try {
    const { appliedMigrationNames } = await session.migrate.applyMigrations();
    return appliedMigrationNames;
  } finally {
    await session.close();
  }
}

/**
 * `prisma migrate dev --create-only`: write prisma/migrations/<timestamp>_<name>/migration.sql
 * with the SQL that takes the existing migrations to the current schema. The wasm engine's own
 * createMigration insists on a shadow-database factory it cannot be given here, so this applies
 * the existing migrations to a scratch database (our own shadow) and diffs it against the schema.
 */
export async function createMigration(url: string, name: string): Promise<string | undefined> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  if (!slug) throw new Error("Give the migration a name, e.g. add_refunds");
  const scratch = `${discreteConfig(url).database}_shadow_${process.pid}`;
  const admin = new pg.Client(discreteConfig(url, "postgres"));
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${scratch}"`);
  await admin.query(`CREATE DATABASE "${scratch}"`);
  const scratchUrl = withDatabaseName(url, scratch);
  try {
    await applyMigrations(scratchUrl);
    const session = await openSession(scratchUrl);
    try {
      const { stdout } = await session.engine.diff({
        from: { tag: "schemaDatasource", files: session.schemaFiles, configDir: ROOT },
        to: { tag: "schemaDatamodel", files: session.schemaFiles },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      const sql = (stdout ?? "").trim();
      if (!sql || sql === "-- This is an empty migration.") return undefined;
      const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
      const dirName = `${stamp}_${slug}`;
      fs.mkdirSync(path.join(MIGRATIONS_DIR, dirName), { recursive: true });
      fs.writeFileSync(path.join(MIGRATIONS_DIR, dirName, "migration.sql"), `${sql}\n`);
      const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
      if (!fs.existsSync(lock)) {
        fs.writeFileSync(
          lock,
          '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
        );
      }
      return dirName;
    } finally {
      await session.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${scratch}"`);
    await admin.end();
  }
}

function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
