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
  /**
   * Reconciliation calls an order Sectigo does not show "not placed" (safe to order again) only this
   * long after it was sent: Sectigo may still place a call that timed out. 10 minutes; lower only
   * against a sandbox, which never places late (the fleet test); refused below 10 minutes with SECTIGO_MODE=live.
   */
  RECONCILE_SETTLE_WINDOW_MS: z.coerce.number().int().min(5_000).max(86_400_000).default(600_000),
  /** Bulk renewal runs: renewals each job worker sends to Sectigo at once. */
  RENEWAL_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(10),
  /**
   * CSV exports running at once across every app instance on this database (lib/exports/export-slots.ts);
   * one more is refused with "the server is busy". Each running export also holds one PostgreSQL connection.
   */
  EXPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(50).default(4),
  /**
   * "live": Sectigo itself; no sandbox URL is configured and a SANDBOX account can reach no URL at
   * all (lib/sectigo/allowed-base-url.ts). "sandbox": the simulator at SECTIGO_SANDBOX_URL. `npm start`
   * (which starts the sandbox) runs in "sandbox"; a deployment states it (deployEnvSchema).
   */
  SECTIGO_MODE: z.enum(["live", "sandbox"]).default("sandbox"),
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

/**
 * Next's server-actions key (NEXT_SERVER_ACTIONS_ENCRYPTION_KEY): base64 of 16, 24 or 32 bytes (an
 * AES-GCM key). Next salts every action id with it at build time and encrypts actions' bound
 * arguments with it, so every build and instance that must accept each other's forms shares it.
 */
const serverActionsKey = z
  .string()
  .refine(
    (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && [16, 24, 32].includes(Buffer.from(v, "base64").length) && Buffer.from(v, "base64").toString("base64") === v,
    "must be 16, 24 or 32 random bytes encoded as base64 (openssl rand -base64 32)",
  );

/**
 * How long SIGTERM waits for requests in flight before cutting them (tools/launcher/graceful-http.ts):
 * longer than a Sectigo call may take (SECTIGO_TIMEOUT_MS, 30 s), so an order being placed ends.
 */
const DRAIN_MESSAGE = "must be a whole number of milliseconds from 1000 to 600000";
const drainTimeout = z.coerce.number({ error: DRAIN_MESSAGE }).int(DRAIN_MESSAGE).min(1000, DRAIN_MESSAGE).max(600_000, DRAIN_MESSAGE).default(40_000);

/** Next's deploymentId (NEXT_DEPLOYMENT_ID): one per release, the same for every instance of it; it goes into URLs and headers. */
const deploymentId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1 to 64 letters, digits, dots, dashes or underscores (e.g. the release's git commit)");

/**
 * A deployment (README "Deploying"): the web server (`npm run serve`) and the job worker
 * (`npm run worker`) each started from this environment alone, with a build made beforehand and
 * migrations applied beforehand. Nothing falls back to a local default: a missing secret stops the
 * process instead of a generated one making this instance disagree with the others.
 */
const deployCommonFields = serverEnvSchema.extend({
  NODE_ENV: z.literal("production", { error: "must be production" }),
  SECTIGO_MODE: z.enum(["live", "sandbox"], { error: 'must be "live" or "sandbox"' }),
  SECTIGO_SANDBOX_URL: z.string().url().optional(),
  /** Must stay unset: the owner's URL is for `npm run db:migrate` only, never the app. */
  MIGRATION_DATABASE_URL: z.string().optional(),
});

/** The checks across fields for both processes: the Sectigo mode, and the owner's URL kept away. */
function refineDeployCommon(env: z.infer<typeof deployCommonFields>, ctx: z.RefinementCtx): void {
  if (env.MIGRATION_DATABASE_URL !== undefined) {
    ctx.addIssue({ code: "custom", path: ["MIGRATION_DATABASE_URL"], message: "must not be set for the web server or the worker: they connect as the app's role (DATABASE_URL); only `npm run db:migrate` uses the owner's URL" });
  }
  if (env.SECTIGO_MODE === "live") {
    // Live Sectigo takes real money: no sandbox may be reachable and no sandbox clock may decide dates.
    if (env.SECTIGO_SANDBOX_URL !== undefined) ctx.addIssue({ code: "custom", path: ["SECTIGO_SANDBOX_URL"], message: "must not be set with SECTIGO_MODE=live" });
    if (env.SECTIGO_ALLOWED_SANDBOX_URLS.length) ctx.addIssue({ code: "custom", path: ["SECTIGO_ALLOWED_SANDBOX_URLS"], message: "must not be set with SECTIGO_MODE=live" });
    if (env.APP_CLOCK !== "machine") ctx.addIssue({ code: "custom", path: ["APP_CLOCK"], message: "must be machine with SECTIGO_MODE=live" });
    if (env.RECONCILE_SETTLE_WINDOW_MS < 600_000) ctx.addIssue({ code: "custom", path: ["RECONCILE_SETTLE_WINDOW_MS"], message: "must be at least 600000 (10 minutes) with SECTIGO_MODE=live: live Sectigo may place a timed-out call late" });
  } else if (env.SECTIGO_SANDBOX_URL === undefined) {
    ctx.addIssue({ code: "custom", path: ["SECTIGO_SANDBOX_URL"], message: "must be set with SECTIGO_MODE=sandbox: the sandbox's /products/ URL" });
  }
}

/** The job worker of a deployment (`npm run worker`). */
export const deployWorkerEnvSchema = deployCommonFields.superRefine(refineDeployCommon);

/** The web server of a deployment (`npm run serve`). */
export const deployWebEnvSchema = deployCommonFields
  .extend({
    /** The address people use (https://orders.example.com): sign-in redirects, Secure cookies, the server-action origin check. */
    PUBLIC_URL: launcherEnvFields.shape.PUBLIC_URL.unwrap(),
    TRUST_PROXY_HOPS: launcherEnvFields.shape.TRUST_PROXY_HOPS,
    PORT: port(3000),
    HOST: z.string().default("127.0.0.1"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: serverActionsKey,
    NEXT_DEPLOYMENT_ID: deploymentId,
    /** The build's folder, relative to the app (next.config.mjs reads it too). */
    NEXT_DIST_DIR: z.string().regex(/^\.?[A-Za-z0-9._-]+$/, "must be a folder name inside the app, such as .next").default(".next"),
    DRAIN_TIMEOUT_MS: drainTimeout,
  })
  .superRefine((env, ctx) => {
    refineDeployCommon(env, ctx);
    if (env.NEXTAUTH_URL !== undefined && env.NEXTAUTH_URL.replace(/\/+$/, "") !== env.PUBLIC_URL.replace(/\/+$/, "")) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "must be unset or equal to PUBLIC_URL" });
    }
    // A server action waiting on Sectigo must get its answer before the drain gives up on it,
    // or the order is left UNKNOWN until reconciliation.
    if (env.DRAIN_TIMEOUT_MS <= env.SECTIGO_TIMEOUT_MS) {
      ctx.addIssue({ code: "custom", path: ["DRAIN_TIMEOUT_MS"], message: "must be longer than SECTIGO_TIMEOUT_MS (default 30000), so a Sectigo call in flight ends before the server does" });
    }
  });

/** What tools/launcher/next-server.ts reads itself (under `npm start` and `npm run serve` alike). */
export const webServerEnvSchema = proxyEnvSchema.extend({ DRAIN_TIMEOUT_MS: drainTimeout });

/** How long the launcher lets the web server and the worker finish their work in flight when it stops them. */
export function stopTimeouts(): { SECTIGO_TIMEOUT_MS: number; DRAIN_TIMEOUT_MS: number } {
  return parseEnv(z.object({ SECTIGO_TIMEOUT_MS: serverEnvSchema.shape.SECTIGO_TIMEOUT_MS, DRAIN_TIMEOUT_MS: drainTimeout }), rawEnv());
}

export type ServerEnv = z.infer<typeof serverEnvSchema>;
export type DeployWebEnv = z.infer<typeof deployWebEnvSchema>;
export type LauncherEnv = z.infer<typeof launcherEnvSchema>;

export class EnvError extends Error {
  constructor(readonly variables: string[], details: string[]) {
    super(`Invalid environment: ${details.join("; ")}`);
    this.name = "EnvError";
  }
}

/** Parses `raw` against `schema`; the error names each missing or invalid variable (never its value). */
/** Logs and metrics (lib/observability): read by the web server and the job worker. */
export const observabilityEnvSchema = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The web server's GET /metrics port (unset: no metrics server), bound to METRICS_HOST. One per instance. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The job worker's GET /metrics port (unset: none). */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Where the metrics servers listen: loopback by default, or a private address Prometheus reaches; never a public one. */
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
});
export function observabilityEnv(): z.infer<typeof observabilityEnvSchema> {
  return parseEnv(observabilityEnvSchema, rawEnv());
}

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

export function webServerEnv(): z.infer<typeof webServerEnvSchema> {
  return parseEnv(webServerEnvSchema, rawEnv());
}

export function deployWebEnv(): DeployWebEnv {
  return parseEnv(deployWebEnvSchema, rawEnv());
}

/**
 * next-auth reads NEXTAUTH_URL from process.env itself; a deployment names its address once, as
 * PUBLIC_URL (NEXTAUTH_URL, when set, must equal it): fill it in before the app loads.
 */
export function exportNextAuthUrl(env: DeployWebEnv): void {
  process.env.NEXTAUTH_URL ??= env.PUBLIC_URL.replace(/\/+$/, "");
}

/**
 * SECTIGO_MODE alone ("sandbox" unless set): for the Sectigo client, which must refuse a SANDBOX
 * account in a live deployment whatever else is configured, and must not need the rest to say so.
 */
let mode: "live" | "sandbox" | undefined;
export function sectigoMode(): "live" | "sandbox" {
  mode ??= parseEnv(serverEnvSchema.pick({ SECTIGO_MODE: true }), rawEnv()).SECTIGO_MODE;
  return mode;
}

export function deployWorkerEnv(): z.infer<typeof deployWorkerEnvSchema> {
  return parseEnv(deployWorkerEnvSchema, rawEnv());
}
