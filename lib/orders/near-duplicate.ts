/**
 * The near-duplicate guard: an order for the same reseller account, customer and product as one
 * placed or pending in the last 24 hours, for the same domain or the same CSR, is asked about
 * ("An identical order … was placed at … by …; place another?") before anything is sent. The
 * submission key makes one submission go once; this catches the same order typed twice (two tabs,
 * two people, a forgotten order).
 *
 * What makes two orders "the same": at least one product in common (its main items: companions and
 * add-ons count only for an add-on-only order), and a domain or a CSR in common. Domains are the
 * items' `domainName` and the common name of any CSR in the request, so SSL orders match whether
 * or not their items record the certificate's domain; CSRs are compared as their Base-64 body (line
 * breaks, spaces, CRLF and the header variant do not matter). Orders that name no domain and no CSR
 * (code signing, document signing) match on the product alone.
 *
 * Cost at 1,000,000 orders: the customer's orders of the last 24 hours, read through the
 * ("customerId", "createdAt") index (at most 50 of them), then compared here.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { parseCsr, productById, productByPpp } from "@/lib/catalog";
import type { Confirmation } from "./server-confirmations";

export const NEAR_DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** "Placed or pending": not failed, rejected, cancelled or refunded. */
const LIVE_STATUSES = ["SUBMITTING", "UNKNOWN", "AWAITING_AUTHORIZATION", "PLACED"] as const;

export interface OrderShape {
  operation: string | null;
  items: ReadonlyArray<{ productCode: number; domainName: string | null; isAddOn: boolean }>;
  /** The Sectigo request as stored on the order (`{ operation, input }`). */
  request: unknown;
}

export interface Fingerprint {
  products: Set<string>;
  domains: Set<string>;
  csrs: Set<string>;
}

export function normaliseCsr(text: string): string {
  return text.replace(/-----(BEGIN|END)[^-]*-----/g, "").replace(/\s+/g, "");
}

export function normaliseDomain(text: string): string {
  return text.trim().toLowerCase().replace(/\.+$/, "");
}

/** Every string under a key named `csr` (PlaceOrder items' `params.csr`, AutoApplyOrder's `csr`). */
function csrsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) csrsIn(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.toLowerCase() === "csr" && typeof v === "string") out.push(v);
      else csrsIn(v, out);
    }
  }
  return out;
}

/**
 * The catalog product an item stands for, whichever route placed it. PlaceOrder items record the PPP
 * code, except SiteLock ordered with "Sectigo charges the customer" (reseller=N), whose items keep
 * their SiteLock product IDs (build-submission.ts): so a PlaceOrder code that is no PPP code is read
 * as a product ID, and SiteLock Basic for a domain is the same product on either route. No SiteLock
 * product ID is also a PPP code (the catalog has none in common), so the fallback never misreads.
 */
function productOf(operation: string | null, code: number): string {
  const product = operation === "placeOrder" ? (productByPpp(code)?.product ?? productById(code)) : productById(code);
  return product?.key ?? `${operation ?? "?"}:${code}`;
}

export function fingerprint(order: OrderShape): Fingerprint {
  const main = order.items.filter((i) => !i.isAddOn);
  const counted = main.length > 0 ? main : order.items;
  const domains = new Set(order.items.flatMap((i) => (i.domainName ? [normaliseDomain(i.domainName)] : [])));
  const csrs = new Set<string>();
  for (const text of csrsIn(order.request)) {
    csrs.add(normaliseCsr(text));
    const parsed = parseCsr(text);
    if (parsed.ok && parsed.commonName) domains.add(normaliseDomain(parsed.commonName));
  }
  return { products: new Set(counted.map((i) => productOf(order.operation, i.productCode))), domains, csrs };
}

const meets = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

export function isNearDuplicate(a: Fingerprint, b: Fingerprint): boolean {
  if (!meets(a.products, b.products)) return false;
  const aNamesNothing = a.domains.size === 0 && a.csrs.size === 0;
  const bNamesNothing = b.domains.size === 0 && b.csrs.size === 0;
  if (aNamesNothing && bNamesNothing) return true;
  return meets(a.domains, b.domains) || meets(a.csrs, b.csrs);
}

/** At most this many of the customer's recent orders are read and compared. */
const RECENT_LIMIT = 50;

export interface RecentOrderQuery {
  customerId: string;
  resellerAccountId: string;
  /** The submission being placed: its own order (a retry) is not a duplicate of itself. */
  submissionKey: string;
  since: Date;
}

/** The customer's live orders since `since`, newest first (the SQL is exported for the plan test). */
export function recentOrdersSql(q: RecentOrderQuery): Prisma.Sql {
  return Prisma.sql`
    SELECT o.id, o."foreignOrderNumber", o."orderNumber", o."createdAt", o.operation, o.request, u.name AS "placedBy",
           COALESCE((SELECT json_agg(json_build_object('productCode', i."productCode", 'domainName', i."domainName", 'isAddOn', i."isAddOn"))
                     FROM "OrderItem" i WHERE i."orderId" = o.id), '[]'::json) AS items
    FROM "Order" o LEFT JOIN "User" u ON u.id = o."placedById"
    WHERE o."customerId" = ${q.customerId} AND o."createdAt" >= ${q.since}::timestamp
      AND o."resellerAccountId" = ${q.resellerAccountId}
      AND o.status::text IN (${Prisma.join([...LIVE_STATUSES])})
      AND o."submissionKey" IS DISTINCT FROM ${q.submissionKey}
    ORDER BY o."createdAt" DESC
    LIMIT ${RECENT_LIMIT}`;
}

type RecentRow = { id: string; foreignOrderNumber: string; orderNumber: string | null; createdAt: Date; operation: string | null; request: unknown; placedBy: string | null; items: OrderShape["items"] };

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * The confirmation the new order needs: none, or ONE question however many recent orders it repeats,
 * naming the newest and counting the others. Its key names the newest and the count, so a duplicate
 * placed after the question was shown asks again (the newest or the count changed).
 */
export async function nearDuplicateConfirmations(db: Pick<PrismaClient, "$queryRaw">, q: RecentOrderQuery, order: OrderShape): Promise<Confirmation[]> {
  const mine = fingerprint(order);
  const rows = await db.$queryRaw<RecentRow[]>(recentOrdersSql(q));
  const same = rows.filter((row) => isNearDuplicate(mine, fingerprint(row)));
  const newest = same[0];
  if (!newest) return [];
  const more = same.length - 1;
  // The read stops at RECENT_LIMIT orders: past it, the count is a lower bound.
  const others = more === 0 ? "" : `, and ${rows.length === RECENT_LIMIT ? "at least " : ""}${more} more in the last 24 hours`;
  return [{
    kind: "near-duplicate" as const,
    key: `near-duplicate:${newest.id}:${same.length}`,
    message: `An identical order (number ${newest.orderNumber ?? newest.foreignOrderNumber}) was placed at ${when(newest.createdAt)} by ${newest.placedBy ?? "Order Desk"}${others}; place another?`,
  }];
}
