/**
 * Upgrade or downgrade a SiteLock license (Sectigo's "Upgrading or downgrading products"): a preview first (the pro-rated charge, the
 * new dates, the add-ons that go), then one AutoApplyOrder `planChange` through the ordering
 * pipeline: an UPGRADE/DOWNGRADE order acting on the license, exactly once per `submissionKey`.
 * The license itself is updated when the order settles (settle-order.ts, case planChange).
 */
import { answeredByTwin, refusedWithoutOrder } from "../../orders/twin-submission";
import { withLicenseStateRecorded } from "@/lib/audit/record-state-change";
import { changePlanSchema, planChangeSchema, type ChangePlanInput, type PlanChangeInput } from "./change-plan-schema";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { productById, termByValue } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { addOnsLost, BUNDLE_REFUSAL, SSL_BUNDLE_CODE, tierOf } from "@/lib/licenses/rules/add-on-rules";
import { licenseStatus } from "@/lib/licenses/rules/status";
import { SECTIGO_BILLS_CUSTOMER_REFUSALS } from "@/lib/licenses/rules/payer";
import { licenseBilledBySectigo } from "@/lib/licenses/rules/payer-query";
import { planChangeQuote, type PlanChangeDirection } from "@/lib/licenses/rules/pro-rate";
import { priceFor, type PlanPriceInfo } from "@/lib/settings/offered-plans";
import type { OrderDeps } from "../../orders/order-deps";
import { licenseChangeConflict, pendingLicenseOrder } from "../../orders/pending-license-order";
import { submitOrder, type SubmitResult } from "../../orders/submit-order";

export { planChangeSchema, changePlanSchema, type PlanChangeInput, type ChangePlanInput };

export type PlanChangeRefusal = "SAME_TIER" | "BUNDLE" | "NOT_ACTIVE" | "NOT_A_PLAN" | "ORDER_PENDING" | "SECTIGO_BILLS_CUSTOMER";

export interface PlanChangePreview {
  ok: true;
  license: { id: string; domainName: string; productCode: number; productName: string; termDays: number; startsAt: Date; expiresAt: Date };
  target: { productCode: number; productName: string };
  direction: PlanChangeDirection;
  /** What Sectigo charges us (pro-rated buy price) and what the customer pays (pro-rated sell price); null when no price is set. */
  charge: { cost: number; customer: number; currency: string } | null;
  startsAt: Date;
  expiresAt: Date;
  remainingDays: number;
  addOnsLost: { id: string; productCode: number; productName: string }[];
}
export type PlanChangePreviewResult = PlanChangePreview | { ok: false; code: PlanChangeRefusal; message: string; field?: "productCode" };

/** Plans a license may move to: the paid and free SiteLock base plans. */
export const PLAN_CODES = [1059, 1060, 1061, 1062] as const;

export type PriceLookup = (actor: Actor, productKey: string, term: string) => Promise<PlanPriceInfo | null>;
export interface ChangePlanDeps extends OrderDeps {
  /** The plan's configured price; the app uses /settings/prices (priceFor). */
  price?: PriceLookup;
}

const appPrice: PriceLookup = async (actor, productKey, term) => {
  const found = await priceFor(actor, productKey, term);
  return found.offered ? found.price : null;
};

async function loadLicense(deps: Pick<OrderDeps, "db">, licenseId: string) {
  const license = await deps.db.license.findUnique({
    where: { id: licenseId },
    include: { addOns: { where: { status: "ACTIVE" }, orderBy: { createdAt: "asc" } }, customer: { select: { id: true, email: true, resellerAccountId: true } } },
  });
  if (!license) throw new AppError("NOT_FOUND", "That license does not exist.", "licenseId");
  return license;
}

export interface PlanChoices {
  license: { id: string; domainName: string; productCode: number; productName: string; termDays: number | null; startsAt: Date; expiresAt: Date | null };
  /** The plans to pick from, lowest tier first; `current` marks the license's own. */
  plans: { productCode: number; name: string; current: boolean }[];
}

/** What the plan picker shows: the license and the SiteLock plans. */
export async function planChangeChoices(actor: Actor | null, raw: { licenseId: string }, deps: Pick<OrderDeps, "db">): Promise<PlanChoices> {
  assertCan(actor, "manageRenewals");
  const { licenseId } = planChangeSchema.pick({ licenseId: true }).parse(raw);
  const l = await loadLicense(deps, licenseId);
  return {
    license: { id: l.id, domainName: l.domainName, productCode: l.productCode, productName: l.productName, termDays: l.termDays, startsAt: l.startsAt, expiresAt: l.expiresAt },
    plans: PLAN_CODES.map((code) => ({ productCode: code, name: productById(code)?.name ?? `Product ${code}`, current: code === l.productCode })),
  };
}

export async function previewPlanChange(actor: Actor | null, raw: PlanChangeInput, deps: ChangePlanDeps): Promise<PlanChangePreviewResult> {
  assertCan(actor, "manageRenewals");
  const input = planChangeSchema.parse(raw);
  const license = await loadLicense(deps, input.licenseId);
  return quote(actor, license, input.productCode, deps);
}

async function quote(actor: Actor, license: Awaited<ReturnType<typeof loadLicense>>, productCode: number, deps: ChangePlanDeps): Promise<PlanChangePreviewResult> {
  const now = deps.now?.() ?? new Date();
  if (license.productCode === SSL_BUNDLE_CODE) return { ok: false, code: "BUNDLE", message: BUNDLE_REFUSAL };
  const status = licenseStatus(license, now);
  const oldTier = tierOf(license.productCode);
  if (status !== "ACTIVE" && status !== "RENEWABLE") {
    return { ok: false, code: "NOT_ACTIVE", message: `Only an active license can change plan; this one is ${status.toLowerCase()}.` };
  }
  // Reseller=N: a plan change from here would be debited from our funds (the preview and the change both ask).
  if (await licenseBilledBySectigo(deps.db, license.orderId)) return { ok: false, code: "SECTIGO_BILLS_CUSTOMER", message: SECTIGO_BILLS_CUSTOMER_REFUSALS.planChange };
  const target = productById(productCode);
  const newTier = tierOf(productCode);
  if (!target || newTier === undefined || !(PLAN_CODES as readonly number[]).includes(productCode)) {
    return { ok: false, code: "NOT_A_PLAN", message: "Pick one of the SiteLock plans.", field: "productCode" };
  }
  if (oldTier === undefined || !license.termDays || !license.expiresAt) {
    return { ok: false, code: "NOT_A_PLAN", message: "This license is not a SiteLock plan that can change tier." };
  }
  if (!termByValue(target, String(license.termDays))) {
    return { ok: false, code: "NOT_A_PLAN", message: `${target.name} is not sold for a ${license.termDays}-day term: pick another plan.`, field: "productCode" };
  }
  const pending = await pendingLicenseOrder(deps, license.id);
  if (pending) return { ok: false, code: "ORDER_PENDING", message: pending.message };
  if (productCode === license.productCode) return { ok: false, code: "SAME_TIER", message: `The license is already on ${target.name}: pick another plan.`, field: "productCode" };

  const price = deps.price ?? appPrice;
  const term = String(license.termDays);
  const current = productById(license.productCode);
  const [oldPrice, newPrice] = await Promise.all([current ? price(actor, current.key, term) : null, price(actor, target.key, term)]);
  const base = { oldTier, newTier, termDays: license.termDays, expiresAt: license.expiresAt };
  const costQuote = planChangeQuote({ ...base, oldPrice: Number(oldPrice?.buyPrice ?? 0), newPrice: Number(newPrice?.buyPrice ?? 0) }, now);
  const charge = newPrice
    ? {
        cost: costQuote.charge,
        customer: planChangeQuote({ ...base, oldPrice: Number(oldPrice?.sellPrice ?? 0), newPrice: Number(newPrice.sellPrice) }, now).charge,
        currency: newPrice.currency,
      }
    : null;
  return {
    ok: true,
    license: { id: license.id, domainName: license.domainName, productCode: license.productCode, productName: license.productName, termDays: license.termDays, startsAt: license.startsAt, expiresAt: license.expiresAt },
    target: { productCode, productName: target.name },
    direction: costQuote.direction,
    charge,
    startsAt: costQuote.startsAt,
    expiresAt: costQuote.expiresAt,
    remainingDays: costQuote.remainingDays,
    addOnsLost: addOnsLost(productCode, license.addOns).map((a) => ({ id: a.id, productCode: a.productCode, productName: a.productName })),
  };
}

export type ChangePlanResult =
  | { ok: true; orderId: string; outcome: SubmitResult["outcome"]; message?: string }
  | { ok: false; code: PlanChangeRefusal | "CHANGED" | "FAILED"; message: string; field?: string; orderId?: string };

async function changePlanOnce(actor: Actor | null, raw: ChangePlanInput, deps: ChangePlanDeps): Promise<ChangePlanResult> {
  assertCan(actor, "manageRenewals");
  const input = changePlanSchema.parse(raw);
  const license = await loadLicense(deps, input.licenseId);
  // The same submission again is answered by the pipeline (one row per key) before any check that
  // its own success would now fail (e.g. "already on that plan").
  const seen = await deps.db.order.findUnique({ where: { submissionKey: input.submissionKey }, select: { id: true, status: true, errorMessage: true, kind: true, targetLicenseId: true } });
  if (seen) {
    // It answers only for this license's own plan change, and with what is known of it: a refusal
    // stays a refusal (never "already sent" as if it had worked), as cancel-license.ts does.
    if (seen.targetLicenseId !== license.id || (seen.kind !== "UPGRADE" && seen.kind !== "DOWNGRADE")) {
      throw new AppError("CONFLICT", "This form was already used for another order. Reload the page and try again.");
    }
    if (seen.status === "FAILED") {
      return { ok: false, code: "FAILED", message: `${seen.errorMessage ?? "Sectigo refused it."} Nothing was changed; reload the page to try again.`, orderId: seen.id };
    }
  }
  const preview = seen ? null : await quote(actor, license, input.productCode, deps);
  if (preview && !preview.ok) return preview;
  if (!license.currentOrderNumber) throw new AppError("CONFLICT", "Sectigo's order number of this license is not known yet.");
  let result: SubmitResult;
  try {
    result = await submitPlanChange(actor, input, license, preview, deps);
  } catch (error) {
    // Another order on this license got in between our checks and our insert (still open, or placed
    // meanwhile): the database let one through (pending-license-order.ts); this one is answered.
    const conflict = await licenseChangeConflict(deps, license.id, error);
    if (conflict) return { ok: false, ...conflict };
    throw error;
  }
  if (result.outcome === "FAILED") return { ok: false, code: "FAILED", message: result.message, field: result.parameters?.[0], orderId: result.order.id };
  return { ok: true, orderId: result.order.id, outcome: result.outcome, message: "message" in result ? result.message : undefined };
}

function submitPlanChange(
  actor: Actor,
  input: ReturnType<typeof changePlanSchema.parse>,
  license: Awaited<ReturnType<typeof loadLicense>>,
  preview: PlanChangePreview | null,
  deps: ChangePlanDeps,
): Promise<SubmitResult> {
  const target = productById(input.productCode);
  const days = license.termDays === 30 ? 30 : 365;
  return submitOrder(
    actor,
    {
      submissionKey: input.submissionKey,
      resellerAccountId: license.customer.resellerAccountId,
      customer: { id: license.customer.id },
      kind: preview?.direction ?? "UPGRADE",
      targetLicenseId: license.id,
      // The license as the quote read it: claimed only if nothing changed it since.
      licenseVersion: license.changeVersion,
      currency: preview?.charge?.currency ?? null,
      items: [
        {
          productCode: input.productCode, productName: target?.name ?? `Product ${input.productCode}`, days, domainName: license.domainName, isAddOn: false,
          buyPrice: preview?.charge?.cost ?? null, sellPrice: preview?.charge?.customer ?? null,
        },
      ],
      sectigo: {
        operation: "autoApplyOrder",
        input: {
          kind: "planChange", previousOrderNumber: license.currentOrderNumber as string, productCode: input.productCode, days,
          domainName: license.domainName, contactEmail: license.customer.email, autoRenew: license.autoRenew,
        },
      },
    },
    deps,
    { permission: "manageRenewals" },
  );
}

/** changePlan, with the license's before/after in the person's audit entry (lib/audit/record-state-change.ts). */
export async function changePlan(actor: Actor | null, raw: ChangePlanInput, deps: ChangePlanDeps): Promise<ChangePlanResult> {
  const d = deps;
  const id = (raw as { licenseId?: unknown } | null)?.licenseId;
  return typeof id === "string" ? withLicenseStateRecorded(d.db, id, () => answeredByTwin(d.db, raw.submissionKey, () => changePlanOnce(actor, raw, d), refusedWithoutOrder), (r) => r.ok && r.outcome !== "ALREADY_SUBMITTED") : changePlanOnce(actor, raw, d);
}
