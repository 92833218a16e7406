/**
 * One WebHostReport page against Order Desk: every difference, found with three indexed queries per
 * page (licenses by current order number, orders by order number, licenses by domain), never one
 * query per row.
 *
 * Matching a report item (order X, item Y) to our license:
 * 1. a license whose current order number is X, same product (and domain when both have one);
 * 2. else, when X is an order we know, the license that order created or acted on (same product):
 *    an older order of a license we renewed is still listed by Sectigo;
 * 3. else a license of the same account with the same product and domain: an order placed behind
 *    our back on a license we know (Sectigo's own auto-renewal).
 * An order none of these match is UNKNOWN_TO_US (one row per order, its base item). Items that are
 * add-ons of a matched license are not compared (add-on drift is out of scope).
 *
 * Statuses compare by what they mean: Sectigo's active/expired and our ACTIVE/EXPIRED are both
 * "live" (the dates decide which, and the expiry is compared on its own), so a license that just
 * passed its expiry before the nightly pass is not drift.
 */
import type { LicenseStatus, PrismaClient } from "@/lib/generated/prisma/client";
import type { DriftKind } from "@/lib/generated/prisma/enums";
import { productById } from "@/lib/catalog";
import type { WebHostReportItem, WebHostReportRow } from "@/lib/sectigo/client/operations/web-host-report";

export interface DriftRow {
  kind: DriftKind;
  subject: string;
  orderNumber: string;
  productCode: number | null;
  domainName: string | null;
  licenseId: string | null;
  orderId: string | null;
  ours: string | null;
  theirs: string | null;
}

interface OurLicense {
  id: string;
  orderId: string;
  currentOrderNumber: string | null;
  productCode: number;
  domainName: string;
  status: LicenseStatus;
  expiresAt: Date | null;
  autoRenew: boolean;
}

const LICENSE_SELECT = { id: true, orderId: true, currentOrderNumber: true, productCode: true, domainName: true, status: true, expiresAt: true, autoRenew: true } as const;

type Meaning = "PENDING" | "LIVE" | "CANCELLED" | "REFUNDED";

function ourMeaning(status: LicenseStatus): Meaning {
  return status === "ACTIVE" || status === "EXPIRED" ? "LIVE" : status;
}

/** Sectigo's item status as our stored status; undefined for a value we do not know (not compared). */
export function theirStatus(status: string | undefined): LicenseStatus | undefined {
  switch (status?.toLowerCase()) {
    case "awaiting":
      return "PENDING";
    case "active":
      return "ACTIVE";
    case "expired":
      return "EXPIRED";
    case "cancelled":
    case "rejected":
      return "CANCELLED";
    case "refunded":
      return "REFUNDED";
    default:
      return undefined;
  }
}

function autoRenewOf(item: WebHostReportItem): boolean | undefined {
  const value = Object.entries(item.extra).find(([k]) => k.toLowerCase() === "autorenew")?.[1];
  if (value === "Y") return true;
  if (value === "N") return false;
  return undefined;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const sameDomain = (a: string | undefined, b: string) => !a || a.toLowerCase() === b.toLowerCase();
const isAddOnProduct = (code: number | undefined) => code !== undefined && productById(code)?.sitelock?.kind === "addon";

/** The differences between one license and the report's item for it. */
export function compareLicense(ours: OurLicense, item: WebHostReportItem, orderNumber: string): DriftRow[] {
  const base = { subject: ours.id, orderNumber, productCode: ours.productCode, domainName: ours.domainName, licenseId: ours.id, orderId: ours.orderId };
  const out: DriftRow[] = [];
  const status = theirStatus(item.status);
  if (status && ourMeaning(status) !== ourMeaning(ours.status)) out.push({ ...base, kind: "STATUS", ours: ours.status, theirs: status });
  if (item.notAfter && (!ours.expiresAt || seconds(ours.expiresAt) !== seconds(item.notAfter))) {
    out.push({ ...base, kind: "EXPIRY", ours: ours.expiresAt?.toISOString() ?? null, theirs: item.notAfter.toISOString() });
  }
  const autoRenew = autoRenewOf(item);
  if (autoRenew !== undefined && autoRenew !== ours.autoRenew) out.push({ ...base, kind: "AUTO_RENEW", ours: String(ours.autoRenew), theirs: String(autoRenew) });
  return out;
}

function describe(row: WebHostReportRow, item: WebHostReportItem | undefined): string {
  const parts = [item?.type ?? (item?.productCode !== undefined ? `product ${item.productCode}` : "order"), item?.domain ?? row.domainName, item?.status ?? row.orderStatus];
  if (item?.notAfter) parts.push(`expires ${item.notAfter.toISOString().slice(0, 10)}`);
  return parts.filter(Boolean).join(", ");
}

export async function comparePage(db: PrismaClient, resellerAccountId: string, rows: WebHostReportRow[]): Promise<{ drift: DriftRow[]; licenses: number }> {
  const numbers = [...new Set(rows.map((r) => r.orderNumber).filter((n): n is string => !!n))];
  const domains = [...new Set(rows.flatMap((r) => r.items.map((i) => i.domain?.toLowerCase())).filter((d): d is string => !!d))];
  // The account is checked on each found license's customer (a primary-key lookup), not joined as a
  // filter: with the join the planner hashes every customer of the account for each page.
  const withAccount = { ...LICENSE_SELECT, customer: { select: { resellerAccountId: true } } } as const;
  const ofAccount = (list: Array<OurLicense & { customer: { resellerAccountId: string } }>) => list.filter((l) => l.customer.resellerAccountId === resellerAccountId);
  const [byCurrent, orders, byDomain] = await Promise.all([
    db.license.findMany({ where: { currentOrderNumber: { in: numbers } }, select: withAccount }).then(ofAccount),
    db.order.findMany({
      where: { orderNumber: { in: numbers }, resellerAccountId },
      select: { id: true, orderNumber: true, licenses: { select: LICENSE_SELECT }, targetLicense: { select: LICENSE_SELECT } },
    }),
    domains.length > 0 ? db.license.findMany({ where: { domainName: { in: domains } }, select: withAccount }).then(ofAccount) : Promise.resolve([]),
  ]);
  const current = group(byCurrent, (l) => l.currentOrderNumber ?? "");
  const known = new Map(orders.map((o) => [o.orderNumber ?? "", o]));
  const domainIx = group(byDomain, (l) => l.domainName.toLowerCase());

  const drift: DriftRow[] = [];
  let licenses = 0;
  for (const row of rows) {
    const number = row.orderNumber;
    if (!number) continue;
    const order = known.get(number);
    const candidates = current.get(number) ?? (order ? [...order.licenses, ...(order.targetLicense ? [order.targetLicense] : [])] : undefined);
    let matchedAny = false;
    for (const item of row.items) {
      const pick = (list: OurLicense[] | undefined) => list?.find((l) => l.productCode === item.productCode && sameDomain(item.domain, l.domainName));
      const ours = pick(candidates) ?? (order ? undefined : pick(item.domain ? domainIx.get(item.domain.toLowerCase()) : undefined));
      if (!ours) continue;
      matchedAny = true;
      licenses++;
      drift.push(...compareLicense(ours, item, number));
    }
    if (!matchedAny && !order) {
      const item = row.items.find((i) => !isAddOnProduct(i.productCode)) ?? row.items[0];
      drift.push({
        kind: "UNKNOWN_TO_US",
        subject: `order:${number}`,
        orderNumber: number,
        productCode: item?.productCode ?? row.productCode ?? null,
        domainName: item?.domain ?? row.domainName ?? null,
        licenseId: null,
        orderId: null,
        ours: null,
        theirs: describe(row, item),
      });
    }
  }
  return { drift, licenses };
}

function group<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const arr = m.get(k);
    if (arr) arr.push(t);
    else m.set(k, [t]);
  }
  return m;
}
