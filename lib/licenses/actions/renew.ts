/**
 * Renewing a license by hand: an AutoApplyOrder with the license's order number, through the
 * exactly-once pipeline (submit-order.ts), as kind RENEWAL with `targetLicenseId`.
 *
 * Exactly once per period: the submission key is derived from the license and the expiry being
 * renewed (`renew:<licenseId>:<expiresAt ISO>`, shaped as a name-based UUID because the pipeline's
 * key is a UUID). A double click, a second tab, a bulk run and a second app instance all compute
 * the same key, hit the unique constraint, and reach Sectigo once; the duplicate is answered with
 * the existing order. Once the renewal is PLACED the expiry moves, so the next period has a new key.
 * Only a FAILED attempt (nothing was bought) lets the same period be tried again, under the next
 * attempt number (`…:2`, `…:3`); two retries racing still compute the same next key.
 *
 * Decisions (Sectigo's "Renewing product licenses"):
 * - "domainName and product must be the same values as in the initial order", and one call may
 *   carry "one product ID plus one or more add-on IDs": the request sends the license's domain, its
 *   base product and the add-ons it still has (active ones), so the add-ons renew with it to the
 *   same term. An add-on bought later counts as part of the license (the sandbox renews it along).
 * - The term is the license's own (30 or 365 days). The new expiry is the old expiry plus the term
 *   (remaining days carry over: our reading, the document does not say; the sandbox does the same), which
 *   settle-order.ts applies for kind "renewal": inside the window the old expiry is always later
 *   than now, so `max(expiry, now) + days` is `expiry + days`.
 * - `enableAutoRenew` is sent as the license's setting, which is off here (auto-renew on is refused).
 */
import { withLicenseStateRecorded } from "@/lib/audit/record-state-change";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import type { LicenseStatus, OrderStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { productById, termValue, termByValue } from "@/lib/catalog";
import { renewalEligibility, type RenewalRefusalCode } from "@/lib/licenses/rules/renewal-eligibility";
import { sectigoBillsCustomer } from "@/lib/licenses/rules/payer";
import { payerRequestOf } from "@/lib/licenses/rules/payer-query";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrderDeps } from "../../orders/order-deps";
import type { AccountForClient } from "@/lib/sectigo/account-client";
import type { OrderSubmissionInput } from "../../orders/submission";
import { licenseChangeConflict, pendingOrderMessage } from "../../orders/pending-license-order";
import { submitOrder } from "../../orders/submit-order";

export const renewLicenseSchema = z.object({
  licenseId: z.string().trim().min(1, "Choose a license.").max(64),
  /** The expiry the person saw when they chose to renew: a page left open after someone else renewed must not renew again. */
  expiresAt: z.iso.datetime().optional(),
});
export type RenewLicenseInput = z.input<typeof renewLicenseSchema>;

export type RenewLicenseResult =
  | { ok: true; orderId: string; status: OrderStatus; duplicate: boolean; newExpiresAt: Date | null }
  | {
      ok: false;
      code: RenewalRefusalCode | "FAILED" | "CHANGED" | "ORDER_PENDING";
      message: string;
      opensAt?: Date;
      orderId?: string;
      /** FAILED: Sectigo's error code as it answered (e.g. -42, its call limit), for callers that act on it. */
      sectigoCode?: number;
    };

const MAX_ATTEMPTS = 20;

async function renewLicenseOnce(actor: Actor | null, raw: RenewLicenseInput, deps?: OrderDeps): Promise<RenewLicenseResult> {
  assertCan(actor, "manageRenewals");
  const parsed = renewLicenseSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Choose a license.", "licenseId");
  const input = parsed.data;
  const d = deps ?? (await (await import("../../orders/app-deps")).appLifecycleDeps());
  const now = d.now?.() ?? new Date();

  const license = await licenseForRenewal(d.db, input.licenseId);
  if (!license) throw new AppError("NOT_FOUND", "That license does not exist.", "licenseId");

  // The period the person meant: if it was renewed meanwhile, answer with that renewal.
  const period = input.expiresAt ?? license.expiresAt?.toISOString() ?? "none";
  // What the steps below ask the database, in one statement (a bulk run renews thousands).
  const context = await renewalContext(d.db, license, renewalSubmissionKey(license.id, period));
  const claimed = await claimedKey(d.db, license.id, period, context.firstAttempt);
  if (claimed.existing) return answer(d.db, claimed.existing.id, true);
  if (input.expiresAt && license.expiresAt?.toISOString() !== input.expiresAt) {
    return { ok: false, code: "CHANGED", message: "This license changed since the page was opened (its expiry is different now). Reload the page and check before renewing." };
  }

  const eligibility = renewalEligibility(license, now);
  if (!eligibility.ok) return eligibility;
  // Another order on this license (a plan change, an add-on) whose outcome is unknown: it may have
  // changed the license at Sectigo, and a renewal built from our record could undo it.
  if (context.pendingOrder) return { ok: false, code: "ORDER_PENDING", message: pendingOrderMessage(context.pendingOrder) };
  if (!license.currentOrderNumber) throw new AppError("CONFLICT", "This license has no Sectigo order number recorded, so it cannot be renewed from Order Desk.");

  const quote = quoteFromPrices(license, context.prices);
  const days = license.termDays === 30 ? 30 : 365;
  const submission: OrderSubmissionInput = {
    submissionKey: claimed.key,
    resellerAccountId: license.customer.resellerAccountId,
    customer: { id: license.customer.id },
    kind: "RENEWAL",
    targetLicenseId: license.id,
    // The license as read above: claimed only if no other change was made on it since.
    licenseVersion: license.changeVersion,
    currency: quote.currency,
    items: quote.items.map((i) => ({ ...i, domainName: license.domainName })),
    sectigo: {
      operation: "autoApplyOrder",
      input: {
        kind: "renewal",
        previousOrderNumber: license.currentOrderNumber,
        productCodes: [license.productCode, ...license.addOns.map((a) => a.productCode)],
        days,
        domainName: license.domainName,
        contactEmail: license.customer.email,
        autoRenew: license.autoRenew,
      },
    },
  };
  // The customer and the account are the license's own, read together above; so is what the
  // account's Sectigo client needs (no second read of the account for the call).
  const withAccount: OrderDeps = { ...d, sectigo: (accountId, link) => d.sectigo(accountId, { ...link, account: license.account }) };
  let result: Awaited<ReturnType<typeof submitOrder>>;
  try {
    result = await submitOrder(actor, submission, withAccount, { permission: "manageRenewals", customerOfAccountKnown: true });
  } catch (error) {
    // Another order on this license (another tab's, a run's) got in between our checks and our
    // insert, still open or placed meanwhile: the database let one through (pending-license-order.ts).
    const conflict = await licenseChangeConflict(d, license.id, error);
    if (conflict) return { ok: false, ...conflict };
    throw error;
  }
  if (result.outcome === "FAILED") return { ok: false, code: "FAILED", message: renewalFailureMessage(result.code, result.message), orderId: result.order.id, sectigoCode: result.code };
  if (result.outcome === "ALREADY_SUBMITTED") return answer(d.db, result.order.id, true);
  // This request settled the order: its status is known; only a placed renewal has a new expiry to read.
  const newExpiresAt =
    result.order.status !== "PLACED" ? null : "licenseExpiresAt" in result && result.licenseExpiresAt ? result.licenseExpiresAt : ((await d.db.license.findUnique({ where: { id: license.id }, select: { expiresAt: true } }))?.expiresAt ?? null);
  return { ok: true, orderId: result.order.id, status: result.order.status, duplicate: false, newExpiresAt };
}

interface LicenseForRenewal {
  id: string;
  status: LicenseStatus;
  expiresAt: Date | null;
  autoRenew: boolean;
  productCode: number;
  productName: string;
  termDays: number | null;
  domainName: string;
  currentOrderNumber: string | null;
  /** Whether Sectigo bills the customer (the creating order's payer, license-payer.ts): then it is never renewed from our funds. */
  sectigoBillsCustomer: boolean;
  /** License.changeVersion, read with the rest of the row: the order is claimed on it. */
  changeVersion: number;
  customer: { id: string; email: string; resellerAccountId: string };
  /** The customer's reseller account as its Sectigo client needs it (password encrypted). */
  account: AccountForClient;
  /** Active add-ons, oldest first (they renew with the license). */
  addOns: Array<{ productCode: number; productName: string }>;
}

/**
 * The license with its customer, its account and active add-ons in ONE statement (a Prisma `include` sends one
 * query per relation: a bulk run renews thousands, and every statement costs CPU on both sides).
 */
async function licenseForRenewal(db: PrismaClient, licenseId: string): Promise<LicenseForRenewal | null> {
  type AccountColumns = { accountApiBaseUrl: string; accountMode: AccountForClient["mode"]; accountLoginName: string; accountLoginPasswordEnc: string; accountUpdatedAt: Date };
  const rows = await db.$queryRaw<Array<Omit<LicenseForRenewal, "customer" | "account" | "sectigoBillsCustomer"> & { creatingRequest: unknown; customerId: string; customerEmail: string; resellerAccountId: string } & AccountColumns>>`
    SELECT l.id, l.status::text AS status, l."expiresAt", l."autoRenew", l."productCode", l."productName", l."termDays", l."domainName", l."currentOrderNumber", l."changeVersion",
      ${payerRequestOf(Prisma.raw('l."orderId"'))} AS "creatingRequest",
      c.id AS "customerId", c.email AS "customerEmail", c."resellerAccountId",
      ra."apiBaseUrl" AS "accountApiBaseUrl", ra.mode::text AS "accountMode", ra."loginName" AS "accountLoginName", ra."loginPasswordEnc" AS "accountLoginPasswordEnc", ra."updatedAt" AS "accountUpdatedAt",
      COALESCE((
        SELECT json_agg(json_build_object('productCode', a."productCode", 'productName', a."productName") ORDER BY a."createdAt", a.id)
        FROM "AddOn" a WHERE a."licenseId" = l.id AND a.status = 'ACTIVE'
      ), '[]'::json) AS "addOns"
    FROM "License" l JOIN "Customer" c ON c.id = l."customerId" JOIN "ResellerAccount" ra ON ra.id = c."resellerAccountId"
    WHERE l.id = ${licenseId}`;
  const row = rows[0];
  if (!row) return null;
  const { creatingRequest, customerId, customerEmail, resellerAccountId, accountApiBaseUrl, accountMode, accountLoginName, accountLoginPasswordEnc, accountUpdatedAt, ...license } = row;
  return {
    ...license,
    sectigoBillsCustomer: sectigoBillsCustomer(creatingRequest),
    customer: { id: customerId, email: customerEmail, resellerAccountId },
    account: { id: resellerAccountId, apiBaseUrl: accountApiBaseUrl, mode: accountMode, loginName: accountLoginName, loginPasswordEnc: accountLoginPasswordEnc, updatedAt: accountUpdatedAt },
  };
}

/** Sectigo's -121 on a renewal ("Renew must be within the renewal period…") as a sentence for the person. */
export function renewalFailureMessage(code: number | undefined, message: string): string {
  if (code === -121 || code === -56) {
    return "Sectigo refused the renewal: it is outside the renewal period (the 30 days before expiry). Nothing was charged. Check the license's expiry date at Sectigo.";
  }
  return `Sectigo refused the renewal: ${message}`;
}

export interface RenewalQuoteItem {
  productCode: number;
  productName: string;
  days: number;
  isAddOn: boolean;
  buyPrice: number | null;
  sellPrice: number | null;
}

type QuotedLicense = { productCode: number; productName: string; termDays: number | null; addOns: Array<{ productCode: number; productName: string }> };
type PriceRow = { productKey: string; term: string; buyPrice: unknown; sellPrice: unknown; currency: string };

/** The plan price rows a renewal of this license needs: its base product and active add-ons for its term. */
function quoteLines(license: QuotedLicense) {
  const days = license.termDays === 30 ? 30 : 365;
  const lines = [
    { productCode: license.productCode, productName: license.productName, isAddOn: false },
    ...license.addOns.map((a) => ({ productCode: a.productCode, productName: a.productName, isAddOn: true })),
  ];
  const keys = lines.map((l) => {
    const product = productById(l.productCode);
    const term = product ? termByValue(product, String(days)) : undefined;
    return product && term ? { productKey: product.key, term: termValue(product, term) } : null;
  });
  return { days, lines, keys };
}

/** What renewing costs: the base product and its active add-ons for the license's term, at the configured plan prices. */
export async function renewalQuote(db: PrismaClient, license: QuotedLicense): Promise<{ items: RenewalQuoteItem[]; currency: string | null; sellTotal: number | null }> {
  const { keys } = quoteLines(license);
  const rows = await db.planPrice.findMany({
    where: { OR: keys.filter((k) => k !== null).map((k) => ({ productKey: k.productKey, term: k.term })) },
    select: { productKey: true, term: true, buyPrice: true, sellPrice: true, currency: true },
  });
  return quoteFromPrices(license, rows);
}

function quoteFromPrices(license: QuotedLicense, rows: PriceRow[]): { items: RenewalQuoteItem[]; currency: string | null; sellTotal: number | null } {
  const { days, lines, keys } = quoteLines(license);
  const currencies = new Set<string>();
  const items = lines.map((l, i) => {
    const k = keys[i];
    const row = k ? rows.find((r) => r.productKey === k.productKey && r.term === k.term) : undefined;
    if (row) currencies.add(row.currency);
    return { ...l, days, buyPrice: row ? Number(row.buyPrice) : null, sellPrice: row ? Number(row.sellPrice) : null };
  });
  const sellTotal = items.some((i) => i.sellPrice === null) ? null : Math.round(items.reduce((s, i) => s + (i.sellPrice ?? 0), 0) * 100) / 100;
  return { items, currency: currencies.size === 1 ? [...currencies][0]! : null, sellTotal };
}

interface KeyedOrder {
  id: string;
  status: OrderStatus;
  kind: string;
  targetLicenseId: string | null;
}

/**
 * In one statement: the order holding the period's first-attempt key (if any), the newest order on
 * the license of another kind whose outcome is not known yet (`pendingLicenseOrder`'s question), and
 * the plan prices of what would be renewed (`renewalQuote`'s).
 */
async function renewalContext(db: PrismaClient, license: LicenseForRenewal, firstKey: string): Promise<{ firstAttempt: KeyedOrder | null; pendingOrder: string | null; prices: PriceRow[] }> {
  const keys = quoteLines(license).keys.filter((k) => k !== null);
  const rows = await db.$queryRaw<Array<{ firstAttempt: KeyedOrder | null; pendingOrder: string | null; prices: PriceRow[] }>>`
    SELECT
      (SELECT json_build_object('id', o.id, 'status', o.status, 'kind', o.kind, 'targetLicenseId', o."targetLicenseId") FROM "Order" o WHERE o."submissionKey" = ${firstKey}) AS "firstAttempt",
      (SELECT o."foreignOrderNumber" FROM "Order" o
        WHERE o."targetLicenseId" = ${license.id} AND o.status IN ('SUBMITTING', 'UNKNOWN') AND o.kind <> 'RENEWAL'
        ORDER BY o."createdAt" DESC LIMIT 1) AS "pendingOrder",
      COALESCE((SELECT json_agg(json_build_object('productKey', p."productKey", 'term', p.term, 'buyPrice', p."buyPrice", 'sellPrice', p."sellPrice", 'currency', p.currency))
        FROM "PlanPrice" p JOIN unnest(${keys.map((k) => k.productKey)}::text[], ${keys.map((k) => k.term)}::text[]) AS k(key, term) ON p."productKey" = k.key AND p.term = k.term), '[]'::json) AS prices`;
  const row = rows[0];
  return { firstAttempt: row?.firstAttempt ?? null, pendingOrder: row?.pendingOrder ?? null, prices: row?.prices ?? [] };
}

/** The name-based key of a period's n-th attempt, shaped as a UUID (v5 layout over SHA-1). */
export function renewalSubmissionKey(licenseId: string, expiresAtIso: string, attempt = 1): string {
  const name = `renew:${licenseId}:${expiresAtIso}${attempt > 1 ? `:${attempt}` : ""}`;
  const h = createHash("sha1").update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The period's key to use now: the first attempt's, or the next after FAILED ones; `existing` when that attempt is taken (answered, never resent). */
async function claimedKey(db: PrismaClient, licenseId: string, period: string, firstAttempt: KeyedOrder | null): Promise<{ key: string; existing?: { id: string } }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const key = renewalSubmissionKey(licenseId, period, attempt);
    // The first attempt's order came with the renewal's context; later ones (after FAILED attempts) are read.
    const order = attempt === 1 ? firstAttempt : await db.order.findUnique({ where: { submissionKey: key }, select: { id: true, status: true, kind: true, targetLicenseId: true } });
    if (!order) return { key };
    // The key can be computed by anyone who sees the license: an order that is not this license's
    // renewal (placed with a borrowed key) never answers for it; the next attempt's key is used.
    if (order.kind !== "RENEWAL" || order.targetLicenseId !== licenseId) continue;
    if (order.status !== "FAILED") return { key, existing: order };
  }
  throw new AppError("CONFLICT", "This renewal failed too many times; check the reseller account at Sectigo before trying again.");
}

async function answer(db: PrismaClient, orderId: string, duplicate: boolean): Promise<RenewLicenseResult> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { id: true, status: true, errorMessage: true, errorCode: true, targetLicense: { select: { expiresAt: true } } } });
  if (order.status === "FAILED") return { ok: false, code: "FAILED", message: renewalFailureMessage(order.errorCode ?? undefined, order.errorMessage ?? "see the order."), orderId: order.id, sectigoCode: order.errorCode ?? undefined };
  return { ok: true, orderId: order.id, status: order.status, duplicate, newExpiresAt: order.status === "PLACED" ? (order.targetLicense?.expiresAt ?? null) : null };
}

/** renewLicense, with the license's before/after in the person's audit entry (lib/audit/record-state-change.ts). */
export async function renewLicense(actor: Actor | null, raw: RenewLicenseInput, deps?: OrderDeps): Promise<RenewLicenseResult> {
  const d = deps ?? (await (await import("@/lib/orders/app-deps")).appLifecycleDeps());
  const id = (raw as { licenseId?: unknown } | null)?.licenseId;
  return typeof id === "string" ? withLicenseStateRecorded(d.db, id, () => renewLicenseOnce(actor, raw, d), (r) => r.ok && !r.duplicate) : renewLicenseOnce(actor, raw, d);
}
