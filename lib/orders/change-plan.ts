/**
 * Upgrade or downgrade a SiteLock licence (upgrades.md): a preview first (the pro-rated charge, the
 * new dates, the add-ons that go), then one AutoApplyOrder `planChange` through the ordering
 * pipeline: an UPGRADE/DOWNGRADE order acting on the licence, exactly once per `submissionKey`.
 * The licence itself is updated when the order settles (settle-order.ts, case planChange).
 */
import { withLicenceStateRecorded } from "@/lib/audit/record-state-change";
import { changePlanSchema, planChangeSchema, type ChangePlanInput, type PlanChangeInput } from "./change-plan-schema";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { productById, termByValue } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { addOnsLost, BUNDLE_REFUSAL, SSL_BUNDLE_CODE, tierOf } from "@/lib/licenses/add-on-rules";
import { licenceStatus } from "@/lib/licenses/licence-status";
import { SECTIGO_BILLS_CUSTOMER_REFUSALS } from "@/lib/licenses/licence-payer";
import { licenceBilledBySectigo } from "@/lib/licenses/licence-payer-query";
import { planChangeQuote, type PlanChangeDirection } from "@/lib/licenses/pro-rate";
import { priceFor, type PlanPriceInfo } from "@/lib/settings/offered-plans";
import type { OrderDeps } from "./order-deps";
import { licenceChangeConflict, pendingLicenceOrder } from "./pending-licence-order";
import { submitOrder, type SubmitResult } from "./submit-order";

export { planChangeSchema, changePlanSchema, type PlanChangeInput, type ChangePlanInput };

export type PlanChangeRefusal = "SAME_TIER" | "BUNDLE" | "NOT_ACTIVE" | "NOT_A_PLAN" | "ORDER_PENDING" | "SECTIGO_BILLS_CUSTOMER";

export interface PlanChangePreview {
  ok: true;
  licence: { id: string; domainName: string; productCode: number; productName: string; termDays: number; startsAt: Date; expiresAt: Date };
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

/** Plans a licence may move to: the paid and free SiteLock base plans. */
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

async function loadLicence(deps: Pick<OrderDeps, "db">, licenceId: string) {
  const licence = await deps.db.license.findUnique({
    where: { id: licenceId },
    include: { addOns: { where: { status: "ACTIVE" }, orderBy: { createdAt: "asc" } }, customer: { select: { id: true, email: true, resellerAccountId: true } } },
  });
  if (!licence) throw new AppError("NOT_FOUND", "That license does not exist.", "licenceId");
  return licence;
}

export interface PlanChoices {
  licence: { id: string; domainName: string; productCode: number; productName: string; termDays: number | null; startsAt: Date; expiresAt: Date | null };
  /** The plans to pick from, lowest tier first; `current` marks the licence's own. */
  plans: { productCode: number; name: string; current: boolean }[];
}

/** What the plan picker shows: the licence and the SiteLock plans. */
export async function planChangeChoices(actor: Actor | null, raw: { licenceId: string }, deps: Pick<OrderDeps, "db">): Promise<PlanChoices> {
  assertCan(actor, "manageRenewals");
  const { licenceId } = planChangeSchema.pick({ licenceId: true }).parse(raw);
  const l = await loadLicence(deps, licenceId);
  return {
    licence: { id: l.id, domainName: l.domainName, productCode: l.productCode, productName: l.productName, termDays: l.termDays, startsAt: l.startsAt, expiresAt: l.expiresAt },
    plans: PLAN_CODES.map((code) => ({ productCode: code, name: productById(code)?.name ?? `Product ${code}`, current: code === l.productCode })),
  };
}

export async function previewPlanChange(actor: Actor | null, raw: PlanChangeInput, deps: ChangePlanDeps): Promise<PlanChangePreviewResult> {
  assertCan(actor, "manageRenewals");
  const input = planChangeSchema.parse(raw);
  const licence = await loadLicence(deps, input.licenceId);
  return quote(actor, licence, input.productCode, deps);
}

async function quote(actor: Actor, licence: Awaited<ReturnType<typeof loadLicence>>, productCode: number, deps: ChangePlanDeps): Promise<PlanChangePreviewResult> {
  const now = deps.now?.() ?? new Date();
  if (licence.productCode === SSL_BUNDLE_CODE) return { ok: false, code: "BUNDLE", message: BUNDLE_REFUSAL };
  const status = licenceStatus(licence, now);
  const oldTier = tierOf(licence.productCode);
  if (status !== "ACTIVE" && status !== "RENEWABLE") {
    return { ok: false, code: "NOT_ACTIVE", message: `Only an active license can change plan; this one is ${status.toLowerCase()}.` };
  }
  // Reseller=N: a plan change from here would be debited from our funds (the preview and the change both ask).
  if (await licenceBilledBySectigo(deps.db, licence.orderId)) return { ok: false, code: "SECTIGO_BILLS_CUSTOMER", message: SECTIGO_BILLS_CUSTOMER_REFUSALS.planChange };
  const target = productById(productCode);
  const newTier = tierOf(productCode);
  if (!target || newTier === undefined || !(PLAN_CODES as readonly number[]).includes(productCode)) {
    return { ok: false, code: "NOT_A_PLAN", message: "Pick one of the SiteLock plans.", field: "productCode" };
  }
  if (oldTier === undefined || !licence.termDays || !licence.expiresAt) {
    return { ok: false, code: "NOT_A_PLAN", message: "This license is not a SiteLock plan that can change tier." };
  }
  if (!termByValue(target, String(licence.termDays))) {
    return { ok: false, code: "NOT_A_PLAN", message: `${target.name} is not sold for a ${licence.termDays}-day term: pick another plan.`, field: "productCode" };
  }
  const pending = await pendingLicenceOrder(deps, licence.id);
  if (pending) return { ok: false, code: "ORDER_PENDING", message: pending.message };
  if (productCode === licence.productCode) return { ok: false, code: "SAME_TIER", message: `The license is already on ${target.name}: pick another plan.`, field: "productCode" };

  const price = deps.price ?? appPrice;
  const term = String(licence.termDays);
  const current = productById(licence.productCode);
  const [oldPrice, newPrice] = await Promise.all([current ? price(actor, current.key, term) : null, price(actor, target.key, term)]);
  const base = { oldTier, newTier, termDays: licence.termDays, expiresAt: licence.expiresAt };
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
    licence: { id: licence.id, domainName: licence.domainName, productCode: licence.productCode, productName: licence.productName, termDays: licence.termDays, startsAt: licence.startsAt, expiresAt: licence.expiresAt },
    target: { productCode, productName: target.name },
    direction: costQuote.direction,
    charge,
    startsAt: costQuote.startsAt,
    expiresAt: costQuote.expiresAt,
    remainingDays: costQuote.remainingDays,
    addOnsLost: addOnsLost(productCode, licence.addOns).map((a) => ({ id: a.id, productCode: a.productCode, productName: a.productName })),
  };
}

export type ChangePlanResult =
  | { ok: true; orderId: string; outcome: SubmitResult["outcome"]; message?: string }
  | { ok: false; code: PlanChangeRefusal | "CHANGED" | "FAILED"; message: string; field?: string; orderId?: string };

async function changePlanOnce(actor: Actor | null, raw: ChangePlanInput, deps: ChangePlanDeps): Promise<ChangePlanResult> {
  assertCan(actor, "manageRenewals");
  const input = changePlanSchema.parse(raw);
  const licence = await loadLicence(deps, input.licenceId);
  // The same submission again is answered by the pipeline (one row per key) before any check that
  // its own success would now fail (e.g. "already on that plan").
  const seen = await deps.db.order.findUnique({ where: { submissionKey: input.submissionKey }, select: { id: true, status: true, errorMessage: true, kind: true, targetLicenseId: true } });
  if (seen) {
    // It answers only for this licence's own plan change, and with what is known of it: a refusal
    // stays a refusal (never "already sent" as if it had worked), as cancel-license.ts does.
    if (seen.targetLicenseId !== licence.id || (seen.kind !== "UPGRADE" && seen.kind !== "DOWNGRADE")) {
      throw new AppError("CONFLICT", "This form was already used for another order. Reload the page and try again.");
    }
    if (seen.status === "FAILED") {
      return { ok: false, code: "FAILED", message: `${seen.errorMessage ?? "Sectigo refused it."} Nothing was changed; reload the page to try again.`, orderId: seen.id };
    }
  }
  const preview = seen ? null : await quote(actor, licence, input.productCode, deps);
  if (preview && !preview.ok) return preview;
  if (!licence.currentOrderNumber) throw new AppError("CONFLICT", "Sectigo's order number of this license is not known yet.");
  let result: SubmitResult;
  try {
    result = await submitPlanChange(actor, input, licence, preview, deps);
  } catch (error) {
    // Another order on this licence got in between our checks and our insert (still open, or placed
    // meanwhile): the database let one through (pending-licence-order.ts); this one is answered.
    const conflict = await licenceChangeConflict(deps, licence.id, error);
    if (conflict) return { ok: false, ...conflict };
    throw error;
  }
  if (result.outcome === "FAILED") return { ok: false, code: "FAILED", message: result.message, field: result.field, orderId: result.order.id };
  return { ok: true, orderId: result.order.id, outcome: result.outcome, message: "message" in result ? result.message : undefined };
}

function submitPlanChange(
  actor: Actor,
  input: ReturnType<typeof changePlanSchema.parse>,
  licence: Awaited<ReturnType<typeof loadLicence>>,
  preview: PlanChangePreview | null,
  deps: ChangePlanDeps,
): Promise<SubmitResult> {
  const target = productById(input.productCode);
  const days = licence.termDays === 30 ? 30 : 365;
  return submitOrder(
    actor,
    {
      submissionKey: input.submissionKey,
      resellerAccountId: licence.customer.resellerAccountId,
      customer: { id: licence.customer.id },
      kind: preview?.direction ?? "UPGRADE",
      targetLicenseId: licence.id,
      // The licence as the quote read it: claimed only if nothing changed it since.
      licenceVersion: licence.changeVersion,
      currency: preview?.charge?.currency ?? null,
      items: [
        {
          productCode: input.productCode, productName: target?.name ?? `Product ${input.productCode}`, days, domainName: licence.domainName, isAddOn: false,
          buyPrice: preview?.charge?.cost ?? null, sellPrice: preview?.charge?.customer ?? null,
        },
      ],
      sectigo: {
        operation: "autoApplyOrder",
        input: {
          kind: "planChange", previousOrderNumber: licence.currentOrderNumber as string, productCode: input.productCode, days,
          domainName: licence.domainName, contactEmail: licence.customer.email, autoRenew: licence.autoRenew,
        },
      },
    },
    deps,
    { permission: "manageRenewals" },
  );
}

/** changePlan, with the licence's before/after in the person's audit entry (lib/audit/record-state-change.ts). */
export async function changePlan(actor: Actor | null, raw: ChangePlanInput, deps: ChangePlanDeps): Promise<ChangePlanResult> {
  const d = deps;
  const id = (raw as { licenceId?: unknown } | null)?.licenceId;
  return typeof id === "string" ? withLicenceStateRecorded(d.db, id, () => changePlanOnce(actor, raw, d), (r) => r.ok && r.outcome !== "ALREADY_SUBMITTED") : changePlanOnce(actor, raw, d);
}
