/**
 * The one validated env module: nothing else reads process.env. Values are parsed lazily
 * (on first use) so `next build` can import modules without a database or secrets.
 */
import { z } from "zod";

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/**
 * SECTIGO_ALLOWED_SANDBOX_URLS: more sandbox base URLs SANDBOX accounts may use, beside the one
 * the app was started with (comma or space separated, e.g. a shared test sandbox).
 */
const sandboxUrlList = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(/[\s,]+/).filter(Boolean))
  .refine(
    (urls) => urls.every((u) => /^https?:\/\/[^/?#@]+\/[^?#]*$/i.test(u) && URL.canParse(u)),
    "must be http(s) base URLs such as http://10.0.0.5:4010/products/, separated by commas",
  );

/** What the Next.js server needs at run time. The launcher provides all of it. */
export const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url("must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.string().url().optional(),
  /** 32 bytes, base64: the AES-256-GCM key for reseller credentials at rest. */
  CREDENTIALS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded as base64"),
  /**
   * The sandbox the app was started with (the launcher sets it; the demo account points at it).
   * SANDBOX accounts may send their password here and nowhere else (lib/sectigo/client/allowed-urls.ts).
   */
  SECTIGO_SANDBOX_URL: z.string().url().default("http://127.0.0.1:4010/products/"),
  SECTIGO_ALLOWED_SANDBOX_URLS: sandboxUrlList,
  /**
   * Whose time the app decides lifecycle windows on (lib/clock): "machine" (LIVE, the default) or
   * "sandbox", the clock of the sandbox at SECTIGO_SANDBOX_URL (moved by POST /__sandbox/clock).
   */
  APP_CLOCK: z.enum(["machine", "sandbox"]).default("machine"),
  /** Timeout for each Sectigo call, in milliseconds. */
  SECTIGO_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  /** Bulk renewal runs: renewals each job worker sends to Sectigo at once. */
  RENEWAL_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(10),
  /**
   * CSV exports running at once across every app instance on this database (lib/exports/export-slots.ts);
   * one more is refused with "the server is busy". Each running export also holds one PostgreSQL connection.
   */
  EXPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(50).default(4),
});

const postgresUrl = z
  .string()
  .url("must be a postgresql:// URL")
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgresql:// URL");

/** What the launcher (npm start) and the one-off CLIs read; `launcherEnvSchema` adds the checks across fields. */
export const launcherEnvFields = z.object({
  /** Your own PostgreSQL: the app's login role (the Next server and the job worker connect with it). */
  DATABASE_URL: postgresUrl.optional(),
  /** With DATABASE_URL: the same database as the role that owns the tables (migrations, job queue schema, grants, seed). */
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().default(".data/dev"),
  HOST: z.string().default("127.0.0.1"),
  PORT: port(3000),
  PG_PORT: port(54329),
  SANDBOX_PORT: port(4010),
  /** Set to skip the local sandbox and point the demo reseller account elsewhere. */
  SECTIGO_BASE_URL: z.string().url().optional(),
  /** Checked at start too, so a typo stops `npm start` instead of the first Test connection. */
  SECTIGO_ALLOWED_SANDBOX_URLS: sandboxUrlList,
  /** Override the generated local secrets (see tools/data-dir/profile.ts). */
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  CREDENTIALS_KEY: z.string().optional(),
  /** Overrides the generated sandbox admin token (e.g. for a test runner that calls /__sandbox/*). */
  SANDBOX_ADMIN_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * The app's clock (lib/clock). Default: "sandbox" when the launcher runs its own sandbox with the
   * demo seed (a demo or a test moves time for the whole system), else "machine".
   */
  APP_CLOCK: z.enum(["machine", "sandbox"]).optional(),
  /** "0" skips the demo seed (demo users, demo reseller account): use it for anything real. */
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  /** The seed refuses a database that is not on this machine unless this is "1". */
  ALLOW_REMOTE_SEED: z.enum(["0", "1"]).default("0"),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For. 0: the client is the
   * socket's peer and X-Forwarded-For is ignored; n: the n-th address from the right.
   */
  /**
   * The address people use, when it differs from HOST:PORT (a TLS reverse proxy in front):
   * sign-in links and redirects use it, and an https:// address makes the session cookie Secure.
   */
  PUBLIC_URL: z
    .string()
    .url("must be a URL such as https://orders.example.com")
    .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://")
    .optional(),
  TRUST_PROXY_HOPS: z.coerce
    .number({ error: "must be a whole number from 0 to 10" })
    .int("must be a whole number from 0 to 10")
    .min(0, "must be a whole number from 0 to 10")
    .max(10, "must be a whole number from 0 to 10")
    .default(0),
});

/**
 * With your own PostgreSQL the app must not connect as the owner of its tables (issue 16): an owner
 * or superuser can switch the audit log's append-only trigger off. So DATABASE_URL (the app's role)
 * comes with MIGRATION_DATABASE_URL (the owner), on the same database, as another user.
 */
export const launcherEnvSchema = launcherEnvFields.superRefine((env, ctx) => {
  const app = env.DATABASE_URL;
  const owner = env.MIGRATION_DATABASE_URL;
  if (!app && !owner) return;
  if (!owner) {
    ctx.addIssue({
      code: "custom",
      path: ["MIGRATION_DATABASE_URL"],
      message:
        "must be set with DATABASE_URL: DATABASE_URL is the app's own role (no table ownership), MIGRATION_DATABASE_URL the role that owns the tables (README: Your own PostgreSQL)",
    });
    return;
  }
  if (!app) {
    ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "must be set with MIGRATION_DATABASE_URL: the app's own role on the same database" });
    return;
  }
  const a = new URL(app);
  const o = new URL(owner);
  const where = (u: URL) => `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  if (where(a) !== where(o)) {
    ctx.addIssue({ code: "custom", path: ["MIGRATION_DATABASE_URL"], message: "must name the same host, port and database as DATABASE_URL" });
  } else if (decodeURIComponent(a.username) === decodeURIComponent(o.username)) {
    ctx.addIssue({
      code: "custom",
      path: ["DATABASE_URL"],
      message: "must connect as another user than MIGRATION_DATABASE_URL: the app's role must not own the tables",
    });
  }
});

/** The reverse proxy setting alone (the Next server, whose DATABASE_URL comes without the owner's). */
/** What the Next server process reads of the launcher's settings: the proxy hops and the public origin (server-action origin check). */
export const proxyEnvSchema = launcherEnvFields.pick({ TRUST_PROXY_HOPS: true, PUBLIC_URL: true });

export type ServerEnv = z.infer<typeof serverEnvSchema>;
export type LauncherEnv = z.infer<typeof launcherEnvSchema>;

export class EnvError extends Error {
  constructor(readonly variables: string[], details: string[]) {
    super(`Invalid environment: ${details.join("; ")}`);
    this.name = "EnvError";
  }
}

/** Parses `raw` against `schema`; the error names each missing or invalid variable (never its value). */
export function parseEnv<S extends z.ZodType>(schema: S, raw: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const variables = [...new Set(result.error.issues.map((i) => String(i.path[0])))];
  const details = result.error.issues.map((i) => {
    const name = String(i.path[0]);
    const missing = (raw[name] === undefined || raw[name] === "") && i.code !== "custom";
    return missing ? `${name} is missing` : `${name} ${i.message}`;
  });
  throw new EnvError(variables, details);
}

function rawEnv(): Record<string, string | undefined> {
  // Empty strings count as unset.
  return Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
}

let server: ServerEnv | undefined;
export function serverEnv(): ServerEnv {
  server ??= parseEnv(serverEnvSchema, rawEnv());
  return server;
}

export function launcherEnv(): LauncherEnv {
  return parseEnv(launcherEnvSchema, rawEnv());
}

export function proxyEnv(): z.infer<typeof proxyEnvSchema> {
  return parseEnv(proxyEnvSchema, rawEnv());
}
