/**
 * Sectigo's auto-renewal at expiry, followed instead of reported as drift (issue 18).
 *
 * Documented (Sectigo's reseller API, `enableAutoRenew`): with auto-renew on, Sectigo renews the
 * license at expiry, as a new order. The report then shows that order (a number unknown to us) on
 * the license (matched by account, product and domain, compare-page.ts), with a later expiry. That
 * is expected, not drift, when all of these hold:
 * - auto-renew was on in our records, and the license is live with us (ACTIVE or EXPIRED);
 * - our expiry has passed (on the app's clock: in sandbox mode the sandbox's, lib/clock);
 * - the order is none of ours and not the license's current one;
 * - the new expiry is later than ours by whole terms (±1 day): a renewal keeps the license's term.
 * - no order of ours on the license is open (SUBMITTING/UNKNOWN): that new order may be our own
 *   renewal whose answer was lost; reconciliation (lib/orders/reconcile-order.ts) finds it by our
 *   reference, so the license stays drift until then (review i18: taking it for Sectigo's recorded
 *   our renewal under a made-up order and left ours UNKNOWN for good).
 * Then the license takes the new expiry and order number, and its history gets a RENEWAL order
 * (PLACED, the new number, "Renewed automatically by Sectigo") with what Sectigo debited for it (the
 * report's cost, asked for with showCost) in the currency the license was sold in; no drift row.
 * Each renewal order is dated at the start of its own period (old expiry + (k-1) terms): the refund
 * window counts from the last one (lib/licenses/rules/refund-window.ts, currentPeriodStart).
 * Anything else (an expiry moved on the current order, auto-renew off, a license not expired yet,
 * an odd length) stays drift for a person.
 *
 * Exactly once, by the database: the license moves only from the expiry the sync saw (a guarded
 * UPDATE: a second worker or run finds it moved and records nothing), and Order.orderNumber is
 * unique (the insert of an order number already recorded does nothing).
 *
 * Known limit: when Sectigo renewed several periods at once (the clock moved years), each period is
 * its own order; the report shows the final expiry on each, and only the orders on the page that
 * moves the license are recorded (a later page finds the license up to date: no drift, no entry).
 * The orders recorded then take the LAST periods, so the latest is dated at the current period's
 * start whatever the paging: the refund window stays right, an earlier order's date may not be.
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AUTO_RENEWAL_REFERENCE_PREFIX } from "@/lib/orders/settle-taken-number";
import type { DriftRow } from "./compare-page";

const DAY_MS = 86_400_000;
export const AUTO_RENEWED_MESSAGE = "Renewed automatically by Sectigo";

export interface AutoRenewal {
  licenseId: string;
  customerId: string;
  /** Sectigo's renewal orders for this license on the page, ascending. */
  orderNumbers: string[];
  from: Date;
  to: Date;
  /** The license's term in days (whole terms lie between `from` and `to`). */
  termDays: number;
  /** What Sectigo debited per order (WebHostReport's cost, showCost), when it said. */
  costs: Record<string, number | null>;
  /** The currency the license was sold in (its first order's): the renewal's amounts are in it. */
  currency: string | null;
  /** The order's line, as on a renewal placed by Order Desk (the orders list and page show it). */
  item: { productCode: number; productName: string; days: number | null; domainName: string };
}

const byNumber = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

function wholeTerms(from: Date, to: Date, termDays: number | null): boolean {
  if (!termDays || termDays <= 0) return false;
  const delta = to.getTime() - from.getTime();
  const terms = Math.round(delta / (termDays * DAY_MS));
  return terms >= 1 && Math.abs(delta - terms * termDays * DAY_MS) <= DAY_MS;
}

/** The page's EXPIRY drift that is an expected auto-renewal (two indexed queries, none per row). */
/** An order of ours whose outcome is not known yet: it may be the very order the report shows. */
export const OPEN_ORDER_STATUSES = ["SUBMITTING", "UNKNOWN"] as const;

/**
 * The page's EXPIRY drift that is an expected auto-renewal (three indexed queries, none per row).
 * `costs`: the page's report rows' cost by order number (WebHostReport with showCost).
 */
export async function expectedAutoRenewals(db: PrismaClient, drift: DriftRow[], now: Date, costs: ReadonlyMap<string, number> = new Map()): Promise<AutoRenewal[]> {
  const rows = drift.filter((d) => d.kind === "EXPIRY" && d.licenseId && d.ours && d.theirs);
  if (rows.length === 0) return [];
  const licenseIds = [...new Set(rows.map((r) => r.licenseId!))];
  const [licenses, known, open] = await Promise.all([
    db.license.findMany({
      where: { id: { in: licenseIds } },
      select: { id: true, customerId: true, status: true, autoRenew: true, expiresAt: true, termDays: true, currentOrderNumber: true, productCode: true, productName: true, domainName: true, order: { select: { currency: true } } },
    }),
    db.order.findMany({ where: { orderNumber: { in: rows.map((r) => r.orderNumber) } }, select: { orderNumber: true } }),
    // Order_targetLicenseId index: the licenses with an order of ours still open are left to reconciliation.
    db.order.findMany({ where: { targetLicenseId: { in: licenseIds }, status: { in: [...OPEN_ORDER_STATUSES] } }, select: { targetLicenseId: true } }),
  ]);
  const ours = new Set(known.map((o) => o.orderNumber));
  const pending = new Set(open.map((o) => o.targetLicenseId));
  const byId = new Map(licenses.map((l) => [l.id, l]));
  const found = new Map<string, AutoRenewal>();
  const conflicted = new Set<string>();
  for (const row of rows) {
    const l = byId.get(row.licenseId!);
    if (!l || conflicted.has(l.id) || pending.has(l.id)) continue;
    const to = new Date(row.theirs!);
    if (!l.expiresAt || !l.autoRenew || (l.status !== "ACTIVE" && l.status !== "EXPIRED")) continue;
    if (l.expiresAt.toISOString() !== row.ours || l.expiresAt.getTime() > now.getTime()) continue;
    if (row.orderNumber === l.currentOrderNumber || ours.has(row.orderNumber)) continue;
    if (!wholeTerms(l.expiresAt, to, l.termDays)) continue;
    const seen = found.get(l.id);
    if (seen && seen.to.getTime() !== to.getTime()) {
      // Two different new expiries for one license: not for us to pick; a person decides.
      found.delete(l.id);
      conflicted.add(l.id);
      continue;
    }
    const cost = costs.get(row.orderNumber) ?? null;
    if (seen) {
      seen.orderNumbers = [...seen.orderNumbers, row.orderNumber].sort(byNumber);
      seen.costs[row.orderNumber] = cost;
    } else {
      const item = { productCode: l.productCode, productName: l.productName, days: l.termDays, domainName: l.domainName };
      found.set(l.id, { licenseId: l.id, customerId: l.customerId, orderNumbers: [row.orderNumber], from: l.expiresAt, to, termDays: l.termDays!, costs: { [row.orderNumber]: cost }, currency: l.order.currency, item });
    }
  }
  return [...found.values()];
}

/**
 * When each recorded renewal's period began: the k-th of n periods at the old expiry + (k-1) terms.
 * The orders recorded take the last periods (fewer orders than periods: the rest were on another page).
 */
export function periodStarts(r: Pick<AutoRenewal, "from" | "to" | "termDays" | "orderNumbers">): Date[] {
  const term = r.termDays * DAY_MS;
  const periods = Math.max(r.orderNumbers.length, Math.round((r.to.getTime() - r.from.getTime()) / term));
  const first = periods - r.orderNumbers.length;
  return r.orderNumbers.map((_, i) => new Date(r.from.getTime() + (first + i) * term));
}

/** The drift left once the followed licenses' expiry rows are taken out (the current order's row too). */
export function withoutFollowed(drift: DriftRow[], renewals: AutoRenewal[]): DriftRow[] {
  const followed = new Set(renewals.map((r) => r.licenseId));
  return drift.filter((d) => !(d.kind === "EXPIRY" && d.licenseId && followed.has(d.licenseId)));
}

/**
 * Records the renewals in the page's transaction; returns the licenses it could not move (their
 * expiry changed since the sync read it): those stay drift.
 */
export async function recordAutoRenewals(tx: Prisma.TransactionClient, resellerAccountId: string, renewals: AutoRenewal[]): Promise<{ applied: string[]; skipped: string[] }> {
  const applied: string[] = [];
  const skipped: string[] = [];
  for (const r of renewals) {
    const current = r.orderNumbers.at(-1)!;
    // The guard: only from the expiry the sync saw, with auto-renew still on. Raising changeVersion
    // makes a renewal by hand read before this one lose its claim (lib/orders/pending-license-order.ts).
    const moved = await tx.license.updateMany({
      // Still no open order of ours on it (one may have been claimed since the page was read).
      where: { id: r.licenseId, expiresAt: r.from, autoRenew: true, status: { in: ["ACTIVE", "EXPIRED"] }, actingOrders: { none: { status: { in: [...OPEN_ORDER_STATUSES] } } } },
      data: { expiresAt: r.to, currentOrderNumber: current, status: "ACTIVE", changeVersion: { increment: 1 } },
    });
    if (moved.count === 0) {
      skipped.push(r.licenseId);
      continue;
    }
    applied.push(r.licenseId);
    const starts = periodStarts(r);
    for (const [k, orderNumber] of r.orderNumbers.entries()) {
      const message = `${AUTO_RENEWED_MESSAGE}: order ${orderNumber}, now expiring ${r.to.toISOString().slice(0, 10)} (was ${r.from.toISOString().slice(0, 10)}).`;
      const cost = r.costs[orderNumber] ?? null;
      // Order.orderNumber is unique: an order number recorded already is left as it is. What Sectigo
      // debited is both what we paid (totalCost) and, as nobody priced it beforehand, what we expected to (buyTotal).
      const inserted = await tx.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "Order" (id, "foreignOrderNumber", "orderNumber", kind, status, "customerId", "resellerAccountId", "targetLicenseId", currency, "totalCost", "buyTotal", "placedAt", "createdAt", "updatedAt")
        VALUES (gen_random_uuid()::text, ${`${AUTO_RENEWAL_REFERENCE_PREFIX}${orderNumber}`}, ${orderNumber}, 'RENEWAL', 'PLACED', ${r.customerId}, ${resellerAccountId}, ${r.licenseId},
          ${r.currency}, ${cost}::numeric, ${cost}::numeric, ${starts[k]!}::timestamp, now(), now())
        ON CONFLICT DO NOTHING RETURNING id`;
      const id = inserted[0]?.id;
      if (!id) continue;
      await tx.orderItem.create({ data: { orderId: id, ...r.item, cost } });
      await tx.orderEvent.create({
        data: { orderId: id, actorLabel: "Order Desk (sync with Sectigo)", kind: "PLACED", toStatus: "PLACED", message, data: { source: "sectigo-auto-renewal", licenseId: r.licenseId, from: r.from.toISOString(), to: r.to.toISOString() } },
      });
    }
  }
  return { applied, skipped };
}

/**
 * At the end of a run: its open expiry rows that our license now agrees with are no difference any
 * more. Another run (a second worker) may have followed a renewal after this run stored the license's
 * current-order row, or this run's guard found the license already moved. One statement on the run's rows.
 */
export async function dropResolvedExpiryDrift(tx: Prisma.TransactionClient, runId: string): Promise<number> {
  return tx.$executeRaw`
    DELETE FROM "DriftItem" d USING "License" l
    WHERE d."runId" = ${runId} AND d."kind" = 'EXPIRY' AND d."state" = 'OPEN' AND d."licenseId" = l."id"
      AND l."expiresAt" = (d."theirs"::timestamptz AT TIME ZONE 'UTC')`;
}
