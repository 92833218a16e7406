import fs from "node:fs";
import path from "node:path";
import type pg from "pg";

/**
 * What the page benchmark requests: every page under app/(app) (found on disk, so a new page
 * cannot be forgotten: one without cases here stops the benchmark), with its realistic variants,
 * and the search box's /api/lookup per query kind. Ids and texts are sampled from the database and
 * rotate from run to run, so one cached row does not flatter a figure.
 */
export interface PageCase {
  name: string;
  /** The route file's pattern ("/licenses/[id]"), or the API path. */
  route: string;
  url: (run: number) => string;
  /** Counted against the per-session lookup limit (/api/lookup, /lookup with q). */
  lookup?: boolean;
  /** Statuses that mean success: 200, or the redirect a page answers with by design. */
  ok?: number[];
}

export interface Samples {
  orders: string[];
  licenses: string[];
  /** Live licenses expiring in the next 7 days (a bulk-renewal selection). */
  renewable: string[];
  customers: string[];
  runs: string[];
  accounts: string[];
  users: string[];
  managers: string[];
  texts: Array<{ orderNumber: string; reference: string; domain: string; email: string; name: string }>;
}

const SAMPLES = 20;

/** Routes of app/(app)/**\/page.tsx as URL patterns. */
export function appPageRoutes(root: string): string[] {
  const base = path.join(root, "app/(app)");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name === "page.tsx") {
        const rel = path.relative(base, dir).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
        out.push(`/${rel.join("/")}`);
      }
    }
  };
  walk(base);
  return out.sort();
}

export async function loadSamples(db: pg.Client): Promise<Samples> {
  // TABLESAMPLE spreads the samples over a big table; a small one (the demo alone) may give none.
  const sampled = async <T extends pg.QueryResultRow>(select: string, from: string, rest = "") => {
    const rows = (await db.query<T>(`${select} FROM ${from} TABLESAMPLE SYSTEM (1) ${rest} LIMIT ${SAMPLES}`)).rows;
    return rows.length >= SAMPLES ? rows : (await db.query<T>(`${select} FROM ${from} ${rest} LIMIT ${SAMPLES}`)).rows;
  };
  const ids = async (table: string) => (await sampled<{ id: string }>(`SELECT id`, `"${table}"`)).map((r) => r.id);
  const list = async (sql: string) => (await db.query<{ id: string }>(sql)).rows.map((r) => r.id);
  const texts = await sampled<Samples["texts"][number]>(
    `SELECT o."orderNumber", o."foreignOrderNumber" AS reference, l."domainName" AS domain, c.email, c.name`,
    `"License" l`,
    `JOIN "Order" o ON o.id = l."orderId" JOIN "Customer" c ON c.id = l."customerId" WHERE o."orderNumber" IS NOT NULL`,
  );
  if (texts.length === 0) throw new Error("No license with an order number to sample: fill the database first (npm run world:scale).");
  return {
    orders: await ids("Order"),
    licenses: await ids("License"),
    renewable: await list(`SELECT id FROM "License" WHERE status IN ('ACTIVE', 'EXPIRED') AND "autoRenew" = false AND "expiresAt" > now() AND "expiresAt" <= now() + interval '7 days' ORDER BY "expiresAt" LIMIT ${SAMPLES}`),
    customers: await ids("Customer"),
    runs: await list(`SELECT id FROM "RenewalRun" ORDER BY "createdAt" DESC LIMIT ${SAMPLES}`),
    accounts: await list(`SELECT id FROM "ResellerAccount" ORDER BY id LIMIT ${SAMPLES}`),
    users: await list(`SELECT id FROM "User" ORDER BY id LIMIT ${SAMPLES}`),
    managers: await list(`SELECT DISTINCT "accountManagerId" AS id FROM "Customer" WHERE "accountManagerId" IS NOT NULL LIMIT ${SAMPLES}`),
    texts,
  };
}

const at = <T>(list: T[], i: number): T | undefined => list[i % Math.max(1, list.length)];

/** Every case; `missing` lists page routes that have no case (the caller stops), `skipped` the ones without sample rows. */
export function pageCases(routes: string[], s: Samples): { cases: PageCase[]; missing: string[]; skipped: string[] } {
  const t = (i: number) => at(s.texts, i)!;
  const label = (i: number) => t(i).domain.split(".")[0]!;
  const labelEnd = (i: number) => label(i).slice(label(i).indexOf("-") + 1);
  const emailStart = (i: number) => t(i).email.split(".")[0]!;
  const namePart = (i: number) => t(i).name.split(" ").slice(1).join(" ");
  const q = (text: string) => encodeURIComponent(text);
  const byRoute: Record<string, Array<Omit<PageCase, "route">> | null> = {
    "/": [{ name: "dashboard", url: () => "/" }],
    "/orders": [
      { name: "orders", url: () => "/orders" },
      { name: "orders ?status=AWAITING_AUTHORIZATION", url: () => "/orders?status=AWAITING_AUTHORIZATION" },
      { name: "orders ?q=<domain>", url: (i) => `/orders?q=${q(t(i).domain)}` },
    ],
    "/orders/[id]": s.orders.length ? [{ name: "order page", url: (i) => `/orders/${at(s.orders, i)}` }] : null,
    "/orders/awaiting": [{ name: "orders awaiting", url: () => "/orders/awaiting" }],
    "/orders/new": [{ name: "new order form", url: () => "/orders/new" }],
    "/licenses": [
      { name: "licenses", url: () => "/licenses" },
      { name: "licenses ?window=open&sort=domainName", url: () => "/licenses?window=open&sort=domainName" },
      { name: "licenses ?q=<label>", url: (i) => `/licenses?q=${q(label(i))}` },
    ],
    "/licenses/[id]": s.licenses.length ? [{ name: "license page", url: (i) => `/licenses/${at(s.licenses, i)}` }] : null,
    "/licenses/[id]/cancel": s.licenses.length ? [{ name: "license cancel", url: (i) => `/licenses/${at(s.licenses, i)}/cancel` }] : null,
    "/licenses/[id]/change-plan": s.licenses.length ? [{ name: "license change plan", url: (i) => `/licenses/${at(s.licenses, i)}/change-plan` }] : null,
    "/customers": [
      { name: "customers", url: () => "/customers" },
      { name: "customers ?q=<name part>", url: (i) => `/customers?q=${q(namePart(i))}` },
    ],
    "/customers/[id]": s.customers.length ? [{ name: "customer page", url: (i) => `/customers/${at(s.customers, i)}` }] : null,
    "/renewals": [
      { name: "renewals", url: () => "/renewals" },
      { name: "renewals ?bucket=0-7", url: () => "/renewals?bucket=0-7" },
      { name: "renewals ?autoRenew=on", url: () => "/renewals?autoRenew=on" },
      { name: "renewals ?tier=2&bucket=8-30", url: () => "/renewals?tier=2&bucket=8-30" },
      { name: "renewals ?manager=<id>", url: (i) => `/renewals?manager=${at(s.managers, i) ?? "none"}` },
      { name: "renewals ?customer=<id>", url: (i) => `/renewals?customer=${at(s.customers, i)}` },
      { name: "renewals ?sort=domainName&dir=desc", url: () => "/renewals?sort=domainName&dir=desc" },
    ],
    "/renewals/runs": [{ name: "renewal runs", url: () => "/renewals/runs" }],
    "/renewals/runs/[id]": s.runs.length ? [{ name: "renewal run", url: (i) => `/renewals/runs/${at(s.runs, i)}` }] : null,
    "/renewals/runs/new": [
      ...(s.renewable.length >= 3 ? [{ name: "new run, 3 licenses", url: (i: number) => `/renewals/runs/new?${[0, 1, 2].map((k) => `license=${at(s.renewable, i + k)}`).join("&")}` }] : []),
      { name: "new run, all of a customer", url: (i) => `/renewals/runs/new?all=1&customer=${at(s.customers, i)}` },
      { name: "new run, all 0-7 days (too many)", url: () => "/renewals/runs/new?all=1&bucket=0-7" },
    ],
    "/lookup": [
      { name: "lookup page ?q=<label>", url: (i) => `/lookup?q=${q(label(i))}`, lookup: true },
      { name: "lookup page ?q=<name part>", url: (i) => `/lookup?q=${q(namePart(i))}`, lookup: true },
      { name: "lookup page ?q=<order number> (redirect)", url: (i) => `/lookup?q=${q(t(i).orderNumber)}`, lookup: true, ok: [307] },
    ],
    "/sync": [{ name: "sync", url: () => "/sync" }],
    "/ordering-urls": [{ name: "ordering urls", url: () => "/ordering-urls" }],
    "/forbidden": [{ name: "forbidden (403 by design)", url: () => "/forbidden", ok: [403] }],
    "/settings": [{ name: "settings", url: () => "/settings" }],
    "/settings/accounts": [{ name: "settings accounts", url: () => "/settings/accounts" }],
    "/settings/accounts/new": [{ name: "settings new account", url: () => "/settings/accounts/new" }],
    "/settings/accounts/[id]": s.accounts.length ? [{ name: "settings account", url: (i) => `/settings/accounts/${at(s.accounts, i)}` }] : null,
    "/settings/audit": [{ name: "settings audit", url: () => "/settings/audit" }],
    "/settings/prices": [{ name: "settings prices", url: () => "/settings/prices" }],
    "/settings/users": [{ name: "settings users", url: () => "/settings/users" }],
    "/settings/users/[id]": s.users.length ? [{ name: "settings user", url: (i) => `/settings/users/${at(s.users, i)}` }] : null,
  };
  const api: PageCase[] = (
    [
      ["order number", (i) => t(i).orderNumber],
      ["our reference", (i) => t(i).reference],
      ["whole domain", (i) => t(i).domain],
      ["www.<domain>", (i) => `www.${t(i).domain}`],
      ["domain's first label", label],
      ["a label's end", labelEnd],
      ["whole e-mail", (i) => t(i).email],
      ["e-mail's start", emailStart],
      ["customer name", (i) => t(i).name],
      ["part of a name", namePart],
    ] as Array<[string, (i: number) => string]>
  ).map(([kind, text]) => ({ name: `/api/lookup ${kind}`, route: "/api/lookup", url: (i: number) => `/api/lookup?q=${q(text(i))}`, lookup: true }));
  const missing = routes.filter((r) => !(r in byRoute));
  const skipped = routes.filter((r) => byRoute[r] === null);
  const stale = Object.keys(byRoute).filter((r) => !routes.includes(r));
  if (stale.length) missing.push(...stale.map((r) => `${r} (a case without a page: remove it)`));
  const cases = routes.flatMap((route) => (byRoute[route] ?? []).map((c) => ({ ...c, route })));
  return { cases: [...cases, ...api], missing, skipped };
}
