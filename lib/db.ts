import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/env";

/** At most this many statements are prepared per process; any further text is sent unnamed (parsed and planned each time). */
export const PREPARED_STATEMENT_CAP = 1000;

/**
 * Names each statement text by a digest, so node-postgres prepares it once per connection and
 * PostgreSQL skips parsing and, after five runs, planning (it keeps a generic plan when that is no
 * dearer than the custom ones). For the job worker: a bulk renewal run sends the same ten statements
 * thousands of times, and planning was over a third of PostgreSQL's CPU per renewal
 * (lib/licenses/bulk-renewal/README.md). Not for the web app's lists, whose range and search filters are better
 * planned for each value. Bounded: past `PREPARED_STATEMENT_CAP` distinct texts, new ones go unnamed,
 * so no connection collects prepared statements without end.
 */
export function preparedStatementNames(cap = PREPARED_STATEMENT_CAP): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known) return known;
    // "" is the protocol's unnamed statement (node-postgres prepares only a non-empty name).
    if (names.size >= cap) return "";
    const name = `od_${createHash("sha1").update(sql).digest("base64url").slice(0, 24)}`;
    names.set(sql, name);
    return name;
  };
}

/**
 * Every session in UTC, whatever the server's TimeZone: Prisma stores UTC wall time in `timestamp`
 * columns, and raw SQL that writes `now()` or a column default (`CURRENT_TIMESTAMP`) into them must
 * agree (on a server set to another zone it would be hours off). `options` already in the URL are
 * kept; they move out of the URL because node-postgres lets the URL's win over the config's.
 */
export function utcSession(databaseUrl: string): { connectionString: string; options: string } {
  try {
    const url = new URL(databaseUrl);
    const existing = url.searchParams.get("options") ?? "";
    url.searchParams.delete("options");
    return { connectionString: url.toString(), options: [existing, "-c TimeZone=UTC"].filter(Boolean).join(" ") };
  } catch {
    // Not a URL: node-postgres reports that itself.
    return { connectionString: databaseUrl, options: "-c TimeZone=UTC" };
  }
}

/** `applicationName` names the process in pg_stat_activity (who is connected, as which role). */
export function createPrismaClient(databaseUrl: string, opts: { prepareStatements?: boolean; applicationName?: string } = {}): PrismaClient {
  const adapterOptions = opts.prepareStatements ? { statementNameGenerator: preparedStatementNames() } : undefined;
  const name = opts.applicationName ? { application_name: opts.applicationName } : {};
  return new PrismaClient({ adapter: new PrismaPg({ ...utcSession(databaseUrl), ...name, max: 10 }, adapterOptions) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * The Prisma client singleton, created on first use so that importing this module (for
 * example during `next build`) needs no DATABASE_URL.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property, receiver) {
    globalForPrisma.prisma ??= createPrismaClient(serverEnv().DATABASE_URL, { applicationName: "orderdesk-app" });
    const value = Reflect.get(globalForPrisma.prisma, property, receiver);
    return typeof value === "function" ? value.bind(globalForPrisma.prisma) : value;
  },
});
