import { DEMO_PASSWORD, DEMO_RESELLER, DEMO_USERS } from "@/tools/demo-world/demo-data";
import { ROLE_LABELS } from "@/lib/auth/roles";

export interface BannerInfo {
  url: string;
  dev: boolean;
  sandboxUrl: string;
  sandboxStarted: boolean;
  demo: boolean;
  dataDir: string;
  /** Where the generated secrets are (the sandbox admin token among them); never their values. */
  secretsFile: string;
  database: (
    | { external: true }
    | { external: false; port: number; clusterDir?: string; movedFrom?: string; binDir?: string }
  ) & {
    /** The role the app and the worker connect as (no ownership, only its grants). */
    appRole: string;
  };
}

/** What `npm start` prints once the app answers. Names where secrets live, never prints them. */
export function printBanner(info: BannerInfo): void {
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  const logins = info.demo
    ? `  Demo logins (password for all: ${DEMO_PASSWORD})
${DEMO_USERS.map((u) => `    ${u.email.padEnd(width)}  ${ROLE_LABELS[u.role]}`).join("\n")}`
    : "  No demo logins (SEED_DEMO=0).";
  const db = info.database;
  const database = db.external
    ? `  Database: DATABASE_URL (the app connects as ${db.appRole}; migrations as MIGRATION_DATABASE_URL)`
    : [
        `  Database: embedded PostgreSQL on 127.0.0.1:${db.port}, cluster in ${db.clusterDir}`,
        `            the app connects as ${db.appRole} (password "appDatabasePassword" in ${info.secretsFile})`,
        ...(db.movedFrom
          ? [
              `            (outside the project: the \`postgres\` user cannot enter its folder; ${db.movedFrom} links to it,`,
              `            binaries copied to ${db.binDir})`,
            ]
          : []),
      ].join("\n");
  const sandbox = info.sandboxStarted
    ? `  Sectigo sandbox: ${info.sandboxUrl}  (reseller login ${DEMO_RESELLER.loginName} / ${DEMO_RESELLER.password})
  Sandbox admin token (for /__sandbox/*): "sandboxAdminToken" in ${info.secretsFile}`
    : `  Sectigo: ${info.sandboxUrl}`;
  console.log(`
  Order Desk is running: ${info.url}   (${info.dev ? "dev server, hot reload" : "production build"})

${logins}

${sandbox}
${database}
  Data: ${info.dataDir}    Stop: Ctrl-C
`);
}
