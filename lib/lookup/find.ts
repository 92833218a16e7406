import "server-only";
import { z } from "zod";
import { prisma, PREPARED } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { escapeLike, searchTextSchema } from "@/lib/pagination";
import { domainLabelCondition } from "@/lib/search/domain-search";
import type { FindHit, FindKind, FindResult, MatchedOn } from "@/lib/lookup/find-types";
import { planFind, rankCandidates, type Candidate, type FindPlan } from "@/lib/lookup/find-plan";
import { pastedValue } from "@/lib/lookup/pasted-text";

export const findInputSchema = z.object({
  q: searchTextSchema,
  limit: z.number().int().min(1).max(50).catch(8).default(8),
});

/**
 * Support's search (issue 10): one pasted text, tried as every kind it can be (lib/lookup/find-plan.ts),
 * every kind's branches in ONE indexed statement, each branch capped (UNION ALL of branches, each with
 * its own LIMIT, so a broad term stops early), ranked per kind; then every hit's summary in ONE more
 * statement (issue 19: round trips, not the indexed reads, were most of a lookup's CPU). An exact order number or our reference is
 * `exact`: the UI goes straight to it. Indexes: the unique order numbers, Customer(email) and its
 * text_pattern_ops twin, Customer(lower(name) text_pattern_ops) and its pg_trgm index, and for
 * domains (OrderItem and License alike) the btree, text_pattern_ops, label (domain_search_tokens)
 * and pg_trgm indexes (migrations 20261122060000, 20261122070500 and *_lookup_and_list_search).
 * Figures: tools/bench/lookup/README.md.
 */
export async function findAnything(actor: Actor, rawQ: string, opts: { limit?: number } = {}): Promise<FindResult | null> {
  assertCan(actor, "lookup");
  const parsed = findInputSchema.parse({ q: rawQ, limit: opts.limit });
  // A URL, "Name <address>", mailto:, quotes, "www." or a trailing dot: what the pasted text names.
  const q = pastedValue(parsed.q);
  const limit = parsed.limit;
  if (q.length < 2) return null;
  const plan = planFind(q);
  const { orders, licenses, customers } = await findCandidates(plan, limit + 1);
  const { orderHits, licenseHits, customerHits } = await summaries(orders.slice(0, limit), licenses.slice(0, limit), customers.slice(0, limit));
  const exactOrder = orders[0] && (orders[0].matchedOn === "orderNumber" || orders[0].matchedOn === "foreignOrderNumber") ? orderHits[0] : undefined;
  // A whole domain with exactly one license (or, with none, one order) is the answer itself: Enter opens it.
  const exactDomain = exactlyOne(licenses, licenseHits, WHOLE_DOMAIN_RANK) ?? (licenses.length === 0 ? exactlyOne(orders, orderHits, ORDER_WHOLE_DOMAIN_RANK) : undefined);
  const group = (kind: FindKind, label: string, hits: FindHit[], all: Candidate[]) => ({ kind, label, hits, more: all.length > limit });
  return {
    q,
    exact: exactOrder ?? exactDomain ?? null,
    groups: [
      group("order", "Orders", orderHits, orders),
      group("license", "Licenses", licenseHits, licenses),
      group("customer", "Customers", customerHits, customers),
    ]
      .filter((g) => g.hits.length > 0)
      // The group holding the best match first (an order number before a domain's licenses).
      .sort((a, b) => bestRank(a.kind) - bestRank(b.kind)),
  };

  function bestRank(kind: FindKind): number {
    const list = kind === "order" ? orders : kind === "license" ? licenses : customers;
    return list[0]?.rank ?? Number.POSITIVE_INFINITY;
  }
}

/** The one hit that matched the whole domain, when exactly one did. */
function exactlyOne(candidates: Candidate[], hits: FindHit[], rank: number): FindHit | undefined {
  const whole = candidates.filter((c) => c.rank === rank);
  return whole.length === 1 ? hits.find((h) => h.id === whole[0]!.id) : undefined;
}

type Branch = { sql: Prisma.Sql; rank: number; matchedOn: MatchedOn };

/**
 * Ranks compare across groups too (the group with the best match comes first): a whole domain is a
 * license's (10) before an order's (10.5) and before its owner among the customers (11), so the
 * license the domain names is the first option.
 */
const WHOLE_DOMAIN_RANK = 10;
const ORDER_WHOLE_DOMAIN_RANK = 10.5;

/**
 * Each branch's LIMIT. Not the handful the search box shows: under a LIMIT of a few rows PostgreSQL
 * bets on a sequential scan finding them early (it guesses ~1% of the rows match a label tsquery),
 * and a rare domain then reads all 1,000,000 licenses (742 ms, seen on the scaled world); from
 * ~100 rows on it takes the index (0.2 ms). Extra rows are dropped here.
 */
const BRANCH_LIMIT = 200;

/**
 * Runs the branches of every kind as ONE statement (a round trip to PostgreSQL costs the app and the
 * database more CPU than these indexed reads: issue 19, tools/bench/http/throughput/README.md);
 * each branch reads a bounded number of ids through its index. Per kind, its candidates ranked.
 */
async function runGroups<K extends string>(groups: Record<K, Branch[]>, cap: number): Promise<Record<K, Candidate[]>> {
  const keys = Object.keys(groups) as K[];
  const all = keys.flatMap((key) => groups[key].map((branch) => ({ key, branch })));
  const out = Object.fromEntries(keys.map((key) => [key, [] as Candidate[]])) as Record<K, Candidate[]>;
  if (all.length === 0) return out;
  const parts = all.map(({ branch }, k) => Prisma.sql`(SELECT m.id, ${k}::int AS branch FROM (${branch.sql}) m LIMIT ${Math.max(cap, BRANCH_LIMIT)})`);
  const rows = await prisma.$queryRaw<Array<{ id: string; branch: number }>>`${Prisma.join(parts, " UNION ALL ")}`;
  const perBranch = new Map<number, number>();
  for (const r of rows) {
    const n = (perBranch.get(r.branch) ?? 0) + 1;
    perBranch.set(r.branch, n);
    if (n > cap) continue;
    const { key, branch } = all[r.branch]!;
    out[key].push({ id: r.id, rank: branch.rank, matchedOn: branch.matchedOn });
  }
  for (const key of keys) out[key] = rankCandidates(out[key]);
  return out;
}

/**
 * Every kind's candidates, up to `cap` per branch: one statement for the direct branches of all
 * kinds, and a second only when a kind needs its fallback (a fragment inside a domain's label
 * when nothing else matched; a word inside a customer's name when fewer than `cap` matched).
 */
async function findCandidates(plan: FindPlan, cap: number): Promise<{ orders: Candidate[]; licenses: Candidate[]; customers: Candidate[] }> {
  const order = orderBranches(plan);
  const license = licenseBranches(plan);
  const customer = customerBranches(plan);
  const found = await runGroups({ order: order.direct, license: license.direct, customer: customer.direct }, cap);
  const more = await runGroups(
    {
      order: found.order.length === 0 ? order.fallback : [],
      license: found.license.length === 0 ? license.fallback : [],
      customer: found.customer.length < cap ? customer.fallback : [],
    },
    cap,
  );
  return {
    orders: found.order.length > 0 ? found.order : more.order,
    licenses: found.license.length > 0 ? found.license : more.license,
    customers: more.customer.length > 0 ? rankCandidates([...found.customer, ...more.customer]) : found.customer,
  };
}

const column = (sql: string) => Prisma.raw(sql);

/** Domain branches for a table's domain column, ranked: whole, parents, subdomains/labels, start. */
function domainBranches(plan: FindPlan, select: Prisma.Sql, from: Prisma.Sql, domainColumn: string, wholeRank = WHOLE_DOMAIN_RANK): Branch[] {
  if (!plan.domain) return [];
  const d = plan.domain;
  const col = column(domainColumn);
  // "acme.example" is also "www.acme.example" (the pasted text lost its "www.", lib/lookup/pasted-text.ts).
  const whole = d.includes(".") ? [d, `www.${d}`] : [d];
  const branches: Branch[] = [{ sql: Prisma.sql`SELECT ${select} AS id FROM ${from} WHERE ${col} IN (${Prisma.join(whole)})`, rank: wholeRank, matchedOn: "domain" }];
  if (plan.parents?.length) {
    branches.push({ sql: Prisma.sql`SELECT ${select} AS id FROM ${from} WHERE ${col} IN (${Prisma.join(plan.parents)})`, rank: 12, matchedOn: "subdomain" });
  }
  const labels = domainLabelCondition(col, d);
  if (labels) {
    // A dotted term found inside a longer domain is that domain's subdomain ("acme.com" in "blog.acme.com").
    branches.push({ sql: Prisma.sql`SELECT ${select} AS id FROM ${from} WHERE ${labels}`, rank: 14, matchedOn: d.includes(".") ? "subdomain" : "domainPart" });
  }
  branches.push({ sql: Prisma.sql`SELECT ${select} AS id FROM ${from} WHERE ${col} LIKE ${`${escapeLike(d)}%`}`, rank: 16, matchedOn: "domainPart" });
  return branches;
}

/**
 * A fragment from inside one label ("cme" in "acme"), through pg_trgm: only when nothing else matched.
 * Never for a term with a dot: any dotted part of a domain is a label's end, whole labels and a
 * label's start, which the label branch already finds exactly; a whole domain nobody licensed (an
 * SSL order's name) would otherwise cost a trigram scan of every license's domain.
 */
function fragmentBranch(plan: FindPlan, select: Prisma.Sql, from: Prisma.Sql, domainColumn: string): Branch[] {
  if (!plan.domain || plan.domain.length < 3 || plan.domain.includes(".")) return [];
  return [{ sql: Prisma.sql`SELECT ${select} AS id FROM ${from} WHERE ${column(domainColumn)} LIKE ${`%${escapeLike(plan.domain)}%`}`, rank: 18, matchedOn: "domainPart" }];
}

type KindBranches = { direct: Branch[]; fallback: Branch[] };

function orderBranches(plan: FindPlan): KindBranches {
  const branches: Branch[] = [];
  if (plan.orderNumber) branches.push({ sql: Prisma.sql`SELECT id FROM "Order" WHERE "orderNumber" = ${plan.orderNumber}`, rank: 0, matchedOn: "orderNumber" });
  if (plan.foreignOrderNumber) {
    branches.push({ sql: Prisma.sql`SELECT id FROM "Order" WHERE "foreignOrderNumber" = ${plan.foreignOrderNumber}`, rank: 0, matchedOn: "foreignOrderNumber" });
  }
  const items = Prisma.sql`"OrderItem" i`;
  branches.push(...domainBranches(plan, Prisma.sql`i."orderId"`, items, `i."domainName"`, ORDER_WHOLE_DOMAIN_RANK));
  // Every name a certificate covers (its CSR's common name and SANs, issue 17 item 8).
  const names = Prisma.sql`"OrderItemDomain" d`;
  branches.push(...domainBranches(plan, Prisma.sql`d."orderId"`, names, `d."domainName"`, ORDER_WHOLE_DOMAIN_RANK));
  if (plan.email) {
    branches.push({
      sql: Prisma.sql`SELECT o.id FROM "Order" o WHERE o."customerId" IN (SELECT c.id FROM "Customer" c WHERE c.email = ${plan.email}) ORDER BY o."createdAt" DESC`,
      rank: 11,
      matchedOn: "email",
    });
  }
  return { direct: branches, fallback: [...fragmentBranch(plan, Prisma.sql`i."orderId"`, items, `i."domainName"`), ...fragmentBranch(plan, Prisma.sql`d."orderId"`, names, `d."domainName"`)] };
}

function licenseBranches(plan: FindPlan): KindBranches {
  const branches: Branch[] = [];
  if (plan.orderNumber) {
    branches.push({
      sql: Prisma.sql`SELECT id FROM "License" WHERE "currentOrderNumber" = ${plan.orderNumber}
        UNION ALL SELECT l.id FROM "License" l WHERE l."orderId" IN (SELECT o.id FROM "Order" o WHERE o."orderNumber" = ${plan.orderNumber})`,
      rank: 1,
      matchedOn: "orderNumber",
    });
  }
  if (plan.foreignOrderNumber) {
    branches.push({
      sql: Prisma.sql`SELECT l.id FROM "License" l WHERE l."orderId" IN (SELECT o.id FROM "Order" o WHERE o."foreignOrderNumber" = ${plan.foreignOrderNumber})`,
      rank: 1,
      matchedOn: "foreignOrderNumber",
    });
  }
  const licenses = Prisma.sql`"License" l`;
  branches.push(...domainBranches(plan, Prisma.sql`l.id`, licenses, `l."domainName"`));
  if (plan.email) {
    branches.push({
      sql: Prisma.sql`SELECT l.id FROM "License" l WHERE l."customerId" IN (SELECT c.id FROM "Customer" c WHERE c.email = ${plan.email}) ORDER BY l."expiresAt" ASC NULLS LAST`,
      rank: 11,
      matchedOn: "email",
    });
  }
  return { direct: branches, fallback: fragmentBranch(plan, Prisma.sql`l.id`, licenses, `l."domainName"`) };
}

function customerBranches(plan: FindPlan): KindBranches {
  const direct: Branch[] = [];
  if (plan.email) direct.push({ sql: Prisma.sql`SELECT id FROM "Customer" WHERE email = ${plan.email}`, rank: 0, matchedOn: "email" });
  if (plan.orderNumber) {
    direct.push({ sql: Prisma.sql`SELECT o."customerId" AS id FROM "Order" o WHERE o."orderNumber" = ${plan.orderNumber}`, rank: 1, matchedOn: "orderNumber" });
  }
  if (plan.foreignOrderNumber) {
    direct.push({ sql: Prisma.sql`SELECT o."customerId" AS id FROM "Order" o WHERE o."foreignOrderNumber" = ${plan.foreignOrderNumber}`, rank: 1, matchedOn: "foreignOrderNumber" });
  }
  // The owner of the domain pasted.
  // After the license itself (ranks compare across groups): support wants the license first.
  if (plan.domain) direct.push({ sql: Prisma.sql`SELECT l."customerId" AS id FROM "License" l WHERE l."domainName" = ${plan.domain}`, rank: 11, matchedOn: "domain" });
  if (plan.name) {
    direct.push({ sql: Prisma.sql`SELECT id FROM "Customer" WHERE lower(name) LIKE ${`${escapeLike(plan.name.toLowerCase())}%`}`, rank: 3, matchedOn: "name" });
  }
  if (plan.emailStart) {
    direct.push({ sql: Prisma.sql`SELECT id FROM "Customer" WHERE email LIKE ${`${escapeLike(plan.emailStart)}%`}`, rank: 4, matchedOn: "emailPart" });
  }
  // A word from inside a name ("Bakery" in "Bluebird Bakery"): pg_trgm, three characters at least.
  const inside: Branch[] =
    plan.name && plan.name.length >= 3
      ? [{ sql: Prisma.sql`SELECT id FROM "Customer" WHERE name ILIKE ${`%${escapeLike(plan.name)}%`}`, rank: 5, matchedOn: "name" }]
      : [];
  return { direct, fallback: inside };
}

type SummaryRow = { kind: FindKind; id: string; a: string | null; b: string | null; c: string | null; d: string | null; e: string | null; t: Date | null };

/**
 * What the box shows for each hit, for all three kinds in ONE statement (it was six: each kind and
 * each relation its own query). An order's line names its first item that is not an add-on.
 */
async function summaries(orders: Candidate[], licenses: Candidate[], customers: Candidate[]): Promise<{ orderHits: FindHit[]; licenseHits: FindHit[]; customerHits: FindHit[] }> {
  const ids = (cs: Candidate[]) => cs.map((c) => c.id);
  const parts: Prisma.Sql[] = [];
  if (orders.length) {
    parts.push(Prisma.sql`SELECT 'order' AS kind, o.id, o."orderNumber" AS a, o."foreignOrderNumber" AS b, o.status::text AS c, cu.name AS d,
        COALESCE(i."domainName", i."productName") AS e, o."createdAt" AS t
      FROM "Order" o JOIN "Customer" cu ON cu.id = o."customerId"
      LEFT JOIN LATERAL (SELECT it."domainName", it."productName" FROM "OrderItem" it WHERE it."orderId" = o.id AND NOT it."isAddOn" ORDER BY it.id LIMIT 1) i ON true
     WHERE o.id = ANY(${ids(orders)}::text[])`);
  }
  if (licenses.length) {
    parts.push(Prisma.sql`SELECT 'license' AS kind, l.id, l."domainName" AS a, l."productName" AS b, NULL::text AS c, cu.name AS d, NULL::text AS e, l."expiresAt" AS t
      FROM "License" l JOIN "Customer" cu ON cu.id = l."customerId" WHERE l.id = ANY(${ids(licenses)}::text[])`);
  }
  if (customers.length) {
    parts.push(Prisma.sql`SELECT 'customer' AS kind, c.id, c.name AS a, c.email AS b, NULL::text AS c, NULL::text AS d, NULL::text AS e, NULL::timestamp AS t
      FROM "Customer" c WHERE c.id = ANY(${ids(customers)}::text[])`);
  }
  // Prepared (lib/db.ts PREPARED): primary keys only, one plan whatever the ids; a handful of texts (which kinds hit).
  const rows = parts.length ? await prisma.$queryRaw<SummaryRow[]>`${Prisma.raw(PREPARED)}${Prisma.join(parts, " UNION ALL ")}` : [];
  const byKind = (kind: FindKind) => new Map(rows.filter((r) => r.kind === kind).map((r) => [r.id, r]));
  const o = byKind("order");
  const l = byKind("license");
  const cu = byKind("customer");
  return {
    orderHits: orders.flatMap((c) => {
      const r = o.get(c.id);
      if (!r) return [];
      const title = r.a ? `Order ${r.a}` : r.b!;
      const subtitle = [r.a ? r.b : null, r.d, r.e, humanStatus(r.c!), r.t!.toISOString().slice(0, 10)].filter(Boolean).join(" · ");
      return [{ kind: "order" as const, id: r.id, href: `/orders/${r.id}`, title, subtitle, matchedOn: c.matchedOn }];
    }),
    licenseHits: licenses.flatMap((c) => {
      const r = l.get(c.id);
      if (!r) return [];
      const expiry = r.t ? `expires ${r.t.toISOString().slice(0, 10)}` : "not started";
      return [{ kind: "license" as const, id: r.id, href: `/licenses/${r.id}`, title: r.a!, subtitle: `${r.b} · ${r.d} · ${expiry}`, matchedOn: c.matchedOn }];
    }),
    customerHits: customers.flatMap((c) => {
      const r = cu.get(c.id);
      return r ? [{ kind: "customer" as const, id: r.id, href: `/customers/${r.id}`, title: r.a!, subtitle: r.b!, matchedOn: c.matchedOn }] : [];
    }),
  };
}

function humanStatus(status: string): string {
  return status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, " ");
}
