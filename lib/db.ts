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

/**
 * Raw SQL that starts with this comment is prepared by the web app's client as well: a hot
 * statement whose plan does not depend on its values (primary-key reads and upserts), so
 * PostgreSQL parses it once per connection and, after five runs, stops planning it. The search
 * box's session check and its summaries are planned in 0.3-0.7 ms and run in 0.1 ms
 * (issue 19, lib/lookup/README.md); the renewals cards' tally read, whose ranges come from a VALUES
 * list. Never for a statement whose best plan depends on its values (a LIKE pattern, a range).
 */
export const PREPARED = "/* prepared */ ";

/**
 * `applicationName` names the process in pg_stat_activity (who is connected, as which role).
 * `prepareStatements`: every statement (the job worker), or "marked": only SQL starting with PREPARED.
 */
export function createPrismaClient(databaseUrl: string, opts: { prepareStatements?: boolean | "marked"; applicationName?: string } = {}): PrismaClient {
  const names = opts.prepareStatements ? preparedStatementNames() : undefined;
  const adapterOptions =
    opts.prepareStatements === "marked" ? { statementNameGenerator: (q: { sql: string }) => (q.sql.startsWith(PREPARED) ? names!(q) : "") } : names ? { statementNameGenerator: names } : undefined;
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
    globalForPrisma.prisma ??= createPrismaClient(serverEnv().DATABASE_URL, { applicationName: "orderdesk-app", prepareStatements: "marked" });
    const value = Reflect.get(globalForPrisma.prisma, property, receiver);
    return typeof value === "function" ? value.bind(globalForPrisma.prisma) : value;
  },
});
