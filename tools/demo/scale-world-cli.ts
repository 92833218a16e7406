/**
 * npm run world:scale -- --licenses 100000 [--seed 1] [...]: the demo world at scale, in the app's
 * PostgreSQL and the running sandbox at once (tools/demo/scale-world.ts). See --help.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { launcherEnv } from "@/lib/env";
import { withDatabase } from "@/tools/data-dir/database";
import { anchorDay } from "@/tools/demo-world/demo-data";
import { scaleWorld } from "@/tools/demo/scale-world";
import { MAX_SCALED_LICENSES, MAX_SCALED_SEED } from "@/tools/demo-world/scaled-world";

const HELP = `npm run world:scale -- --licenses N [options]

Fills the app's database and the running Sectigo sandbox with the same scaled demo world:
customers with 3-5 SiteLock licenses each, add-ons their tier allows, expiries spread around
the anchor day, auto-renew mixed, one order per license. The default demo stays as it is.

  --licenses N          base licenses (add-ons come on top), 1..${MAX_SCALED_LICENSES.toLocaleString("en")} (required)
  --seed N              0..${MAX_SCALED_SEED}, default 1; each seed is its own world (own order numbers)
  --anchor DATE         day zero (ISO date); default the demo anchor of DATA_DIR, else today
  --expiry-from DAYS    earliest expiry, in days from the anchor (default -30)
  --expiry-to DAYS      latest expiry (default 365)
  --auto-renew-share X  0..1, share of licenses with auto-renew on (default 0.6)
  --sandbox-url URL     the sandbox (default SECTIGO_BASE_URL, else http://127.0.0.1:SANDBOX_PORT)
  --no-sandbox          fill the database only

Where: the app started by npm start (DATA_DIR, PG_PORT, SANDBOX_PORT; the database password and
the sandbox admin token are read from DATA_DIR/local-secrets.json), or MIGRATION_DATABASE_URL
(the owner; with DATABASE_URL), SECTIGO_BASE_URL and SANDBOX_ADMIN_TOKEN set explicitly. Running it again with the same seed
says the world is already there and changes nothing.`;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not "${value}"`);
  return n;
}

class UsageError extends Error {}

function localSecrets(dataDir: string): { sandboxAdminToken?: string; demoAnchor?: string } {
  const file = path.join(dataDir, "local-secrets.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { sandboxAdminToken?: string; demoAnchor?: string }) : {};
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      licenses: { type: "string" },
      seed: { type: "string" },
      anchor: { type: "string" },
      "expiry-from": { type: "string" },
      "expiry-to": { type: "string" },
      "auto-renew-share": { type: "string" },
      "sandbox-url": { type: "string" },
      "no-sandbox": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.licenses === undefined) throw new UsageError("--licenses is required");
  const env = launcherEnv();
  const secrets = localSecrets(path.resolve(env.DATA_DIR));
  const anchorText = values.anchor ?? secrets.demoAnchor;
  const anchor = anchorDay(anchorText === undefined ? new Date() : new Date(anchorText));
  if (Number.isNaN(anchor.getTime())) throw new UsageError(`--anchor must be an ISO date, not "${values.anchor}"`);
  const adminToken = env.SANDBOX_ADMIN_TOKEN ?? secrets.sandboxAdminToken;
  if (!values["no-sandbox"] && !adminToken) {
    throw new UsageError(`no sandbox admin token: set SANDBOX_ADMIN_TOKEN, or DATA_DIR to the app's data dir (${env.DATA_DIR} has none), or pass --no-sandbox`);
  }
  const sandboxUrl = values["sandbox-url"] ?? env.SECTIGO_BASE_URL ?? `http://127.0.0.1:${env.SANDBOX_PORT}`;
  if (!URL.canParse(sandboxUrl)) throw new UsageError(`--sandbox-url must be a URL such as http://127.0.0.1:4010, not "${sandboxUrl}"`);
  const options = {
    licenses: number("licenses", values.licenses)!,
    seed: number("seed", values.seed),
    expiryFromDays: number("expiry-from", values["expiry-from"]),
    expiryToDays: number("expiry-to", values["expiry-to"]),
    autoRenewShare: number("auto-renew-share", values["auto-renew-share"]),
  };

  let code = 1;
  await withDatabase(async (databaseUrl) => {
    const host = new URL(databaseUrl).hostname;
    if (!LOCAL_HOSTS.has(host) && env.ALLOW_REMOTE_SEED !== "1") {
      throw new UsageError(`Refusing to seed into a non-local database (${host}). Set ALLOW_REMOTE_SEED=1 if you mean it.`);
    }
    console.log(`Scaled world: ${options.licenses.toLocaleString("en")} licenses, seed ${options.seed ?? 1}, anchor ${anchor.toISOString().slice(0, 10)}`);
    const result = await scaleWorld({
      databaseUrl,
      options,
      anchor,
      sandbox: values["no-sandbox"] ? undefined : { url: sandboxUrl, adminToken: adminToken! },
      log: (line) => console.log(line),
    });
    if (result.status === "refused") {
      console.error(`Refused: ${result.message}`);
      return;
    }
    code = 0;
    if (result.status === "already there") return void console.log("This world is already there (database and sandbox): nothing changed.");
    const db = typeof result.db === "string" ? result.db : `${result.db.customers} customers, ${result.db.licenses} licenses, ${result.db.addOns} add-ons, ${result.db.orders} orders`;
    const sandbox = typeof result.sandbox === "string" ? result.sandbox : `${result.sandbox.licenses} licenses, ${result.sandbox.addOns} add-ons in ${result.sandbox.ms} ms`;
    console.log(`Done in ${(result.ms / 1000).toFixed(1)} s. Database: ${db}. Sandbox: ${sandbox}.${result.analyzeMs === null ? "" : ` Statistics updated (ANALYZE) in ${(result.analyzeMs / 1000).toFixed(1)} s.`}`);
  });
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${HELP}` : `world:scale failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
