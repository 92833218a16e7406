/**
 * The preview of a bulk renewal run: which of the chosen licenses would be renewed, which are
 * refused and why (the same eligibility rule the job applies), and what the accepted ones cost at
 * the configured buy and sell prices. Reads at most MAX_RUN_LICENSES + 1 licenses.
 */
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { productById, termByValue, termValue } from "@/lib/catalog";
import { expiryFilterWhere, type ExpiryFilter } from "@/lib/licenses/expiry-workspace/filter";
import { bucketRangeSql, filterConditionsSql } from "@/lib/licenses/expiry-workspace/sql";
import { ordersBillingCustomer } from "@/lib/licenses/rules/payer-query";
import { ELIGIBILITY_SELECT, type EligibilityFn } from "./renew-contract";
import { MAX_RUN_LICENSES, runSelectionSchema, type RunSelection } from "./run-selection";

export interface PreviewDeps {
  db: PrismaClient;
  eligibility: EligibilityFn;
  now?: () => Date;
}

export interface PreviewLine {
  licenseId: string;
  domainName: string;
  productName: string;
  customerName: string;
  expiresAt: Date | null;
  /** Refused lines: why (a sentence for the user) and the rule's code. */
  code?: string;
  reason?: string;
}

export interface CostLine {
  currency: string;
  sell: string;
  buy: string;
  count: number;
}

export type RunPreview =
  | { ok: true; accepted: PreviewLine[]; refused: PreviewLine[]; cost: CostLine[]; unpriced: number }
  | { ok: false; message: string };

const LINE_SELECT = { ...ELIGIBILITY_SELECT, domainName: true, productName: true, customer: { select: { name: true, resellerAccount: { select: { disabledAt: true } } } } } as const;

/** A license of a disabled reseller account is not renewed (the database would refuse its order anyway). */
export const ACCOUNT_DISABLED_REASON = "Its reseller account is disabled: an admin can enable it under Settings → Reseller accounts.";

export async function previewRenewalRun(actor: Actor | null, rawSelection: RunSelection, deps: PreviewDeps): Promise<RunPreview> {
  assertCan(actor, "manageRenewals");
  const parsed = runSelectionSchema.safeParse(rawSelection);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The choice of licenses is not valid.");
  const selection = parsed.data;
  const now = deps.now?.() ?? new Date();
  const where = selection.kind === "selection" ? { id: { in: selection.licenseIds } } : expiryFilterWhere(selection.filter, now);
  // Too many first, by a capped count (issue 19: loading 5,001 licenses with their customers and
  // accounts to say "narrow the filter" took ~150 ms at 1,000,000 licenses, for "Renew all" of a bucket).
  if (selection.kind === "filter" && (await matchesMoreThan(deps.db, selection.filter, now, MAX_RUN_LICENSES))) return tooMany();
  const rows = await deps.db.license.findMany({ where, select: LINE_SELECT, orderBy: [{ expiresAt: "asc" }, { id: "asc" }], take: MAX_RUN_LICENSES + 1 });
  if (rows.length > MAX_RUN_LICENSES) return tooMany();
  if (rows.length === 0) return { ok: false, message: selection.kind === "filter" ? "No license matches this filter." : "None of the chosen licenses exists." };

  // Who pays for each license (its creating order's payer): one select for all of them.
  const billedBySectigo = await ordersBillingCustomer(deps.db, rows.map((r) => r.orderId));
  const accepted: PreviewLine[] = [];
  const refused: PreviewLine[] = [];
  for (const row of rows) {
    const line: PreviewLine = { licenseId: row.id, domainName: row.domainName, productName: row.productName, customerName: row.customer.name, expiresAt: row.expiresAt };
    const verdict = row.customer.resellerAccount.disabledAt ? { ok: false as const, code: "ACCOUNT_DISABLED", message: ACCOUNT_DISABLED_REASON } : deps.eligibility({ ...row, sectigoBillsCustomer: billedBySectigo.has(row.orderId) }, now);
    if (verdict.ok) accepted.push(line);
    else refused.push({ ...line, code: verdict.code, reason: verdict.message });
  }
  if (selection.kind === "selection") {
    const found = new Set(rows.map((r) => r.id));
    for (const id of selection.licenseIds) {
      if (!found.has(id)) refused.push({ licenseId: id, domainName: "—", productName: "—", customerName: "—", expiresAt: null, code: "NOT_FOUND", reason: "No such license." });
    }
  }
  const acceptedIds = new Set(accepted.map((a) => a.licenseId));
  const { cost, unpriced } = await costOf(deps.db, rows.filter((r) => acceptedIds.has(r.id)));
  return { ok: true, accepted, refused, cost, unpriced };
}

/**
 * Whether more than `max` licenses match, reading at most max + 1 index entries: the filter's own SQL
 * translation (held equal to expiryFilterWhere by tests/integration/expiry-workspace.test.ts), not
 * Prisma's count({ take }), which sorts every match by id before its LIMIT.
 */
async function matchesMoreThan(db: PrismaClient, filter: ExpiryFilter, now: Date, max: number): Promise<boolean> {
  const conditions = [bucketRangeSql(filter, now), ...filterConditionsSql(filter, now)];
  const [row] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "License" l WHERE ${Prisma.join(conditions, " AND ")} LIMIT ${max + 1}) x`;
  return (row?.n ?? 0) > max;
}

function tooMany(): RunPreview {
  return { ok: false, message: `More than ${MAX_RUN_LICENSES.toLocaleString("en-US")} licenses match this filter. A run takes at most ${MAX_RUN_LICENSES.toLocaleString("en-US")}: narrow the filter (a bucket, a customer, a product or an account manager).` };
}

/** The license's renewal plan as priced under Settings → Prices: its product and term. */
function planKey(license: { productCode: number; termDays: number | null }): { productKey: string; term: string } | null {
  const product = productById(license.productCode);
  if (!product) return null;
  const days = license.termDays ?? 365;
  const term = product.terms.find((t) => t.days === days) ?? termByValue(product, String(days));
  return term ? { productKey: product.key, term: termValue(product, term) } : null;
}

async function costOf(db: PrismaClient, licenses: Array<{ productCode: number; termDays: number | null }>): Promise<{ cost: CostLine[]; unpriced: number }> {
  const plans = new Map<string, { productKey: string; term: string; count: number }>();
  let unpriced = 0;
  for (const l of licenses) {
    const plan = planKey(l);
    if (!plan) {
      unpriced++;
      continue;
    }
    const key = `${plan.productKey}|${plan.term}`;
    const entry = plans.get(key) ?? { ...plan, count: 0 };
    entry.count++;
    plans.set(key, entry);
  }
  if (plans.size === 0) return { cost: [], unpriced };
  const prices = await db.planPrice.findMany({
    where: { OR: [...plans.values()].map((p) => ({ productKey: p.productKey, term: p.term })) },
    select: { productKey: true, term: true, buyPrice: true, sellPrice: true, currency: true },
  });
  const byKey = new Map(prices.map((p) => [`${p.productKey}|${p.term}`, p]));
  const totals = new Map<string, { sell: number; buy: number; count: number }>();
  for (const [key, plan] of plans) {
    const price = byKey.get(key);
    if (!price) {
      unpriced += plan.count;
      continue;
    }
    const t = totals.get(price.currency) ?? { sell: 0, buy: 0, count: 0 };
    // Cents as integers: no floating-point drift over thousands of licenses.
    t.sell += Math.round(Number(price.sellPrice) * 100) * plan.count;
    t.buy += Math.round(Number(price.buyPrice) * 100) * plan.count;
    t.count += plan.count;
    totals.set(price.currency, t);
  }
  const cost = [...totals].map(([currency, t]) => ({ currency, sell: (t.sell / 100).toFixed(2), buy: (t.buy / 100).toFixed(2), count: t.count }));
  return { cost, unpriced };
}
