/**
 * Adding an add-on to an existing license from its page: an AutoApplyOrder "addOn" with the
 * license's order number and domain (Sectigo's "Ordering products", "Ordering an add-on for an existing product"),
 * through the exactly-once pipeline as kind ADD_ON with `targetLicenseId`. The form's own
 * submission key (made when the form is shown) makes a double click one order.
 *
 * Only add-ons the license's tier may take (catalog `addOnsFor`) and that it does not have yet;
 * only on a live license. The add-on runs for the chosen term (30 days or 1 year) from today (as
 * Sectigo sells it), so it may outlive the license. Nothing is sent until the person confirmed the
 * price and the date the term ends, and was warned when it outlives the license (add-on-offer.ts):
 * a server confirmation (lib/orders/server-confirmations.ts), so a request without it is answered
 * with the question, never placed.
 */
import { answeredByTwin, refusedWithoutOrder } from "../../orders/twin-submission";
import { withLicenseStateRecorded } from "@/lib/audit/record-state-change";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import type { OrderDeps } from "../../orders/order-deps";
import { licenseChangeConflict } from "../../orders/pending-license-order";
import { submitOrder, type SubmitResult } from "../../orders/submit-order";
import { confirmedSchema, unconfirmed, type Confirmation } from "../../orders/server-confirmations";
import { ADD_ON_TERMS, addOnTermOffer, type AddOnTermOffer } from "./add-on-offer";
import { ADD_ON_LICENSE_INCLUDE, checkAddOnOnLicense } from "./add-on-checks";

export const orderAddOnSchema = z.object({
  licenseId: z.string().trim().min(1).max(64),
  productCode: z.coerce.number().int().positive("Choose an add-on."),
  submissionKey: z.uuid("The form is missing its submission key: reload the page."),
  /** The add-on's term; absent: the license's own term. */
  days: z.coerce.number().pipe(z.union([z.literal(30), z.literal(365)], { error: "Choose 30 days or 1 year." })).optional(),
  /** Keys of the questions answered "yes" (the add-on's price and term end). */
  confirmed: confirmedSchema,
});
export type OrderAddOnInput = z.input<typeof orderAddOnSchema>;

export type OrderAddOnResult =
  | { ok: true; orderId: string; status: SubmitResult["order"]["status"]; duplicate: boolean }
  | { ok: false; message: string; orderId?: string; code?: "ORDER_PENDING" | "CHANGED" | "FAILED" | "SECTIGO_BILLS_CUSTOMER" }
  /** Nothing was written or sent: send the same request again with these keys in `confirmed`. */
  | { ok: false; code: "NEEDS_CONFIRMATION"; message: string; confirmations: Confirmation[]; offer: AddOnTermOffer };

async function orderAddOnOnce(actor: Actor | null, raw: OrderAddOnInput, deps?: OrderDeps): Promise<OrderAddOnResult> {
  assertCan(actor, "manageRenewals");
  const parsed = orderAddOnSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Choose an add-on.", String(parsed.error.issues[0]?.path[0] ?? "productCode"));
  const input = parsed.data;
  const d = deps ?? (await (await import("../../orders/app-deps")).appLifecycleDeps());
  const now = d.now?.() ?? new Date();

  const license = await d.db.license.findUnique({ where: { id: input.licenseId }, include: ADD_ON_LICENSE_INCLUDE });
  if (!license) throw new AppError("NOT_FOUND", "That license does not exist.", "licenseId");
  // The same submission again (a double click, a retry after a lost answer) is answered by the
  // pipeline with its order, before any check its own success would now fail ("has it already").
  // Only if it is this form's order: a key already used for another license's add-on (or another
  // kind of order) is refused, never answered "added" with that other order (as cancel.ts does).
  const seen = await d.db.order.findUnique({ where: { submissionKey: input.submissionKey }, select: { id: true, kind: true, targetLicenseId: true } });
  if (seen && (seen.kind !== "ADD_ON" || seen.targetLicenseId !== license.id)) {
    throw new AppError("CONFLICT", "This form was already used for another order. Reload the page and try again.");
  }
  // The checks the order form makes too (add-on-checks.ts), in one place.
  const check = await checkAddOnOnLicense(d, license, { productCode: input.productCode, days: input.days, seen: seen !== null }, now);
  if (!check.ok) {
    if (check.field) throw new AppError("INVALID_INPUT", check.message, check.field);
    return { ok: false, message: check.message, ...(check.code ? { code: check.code } : {}) };
  }
  const { previousOrderNumber, addOn, days, price, offer } = check;
  if (offer) {
    const open = unconfirmed([offer.confirmation], input.confirmed);
    if (open.length > 0) return { ok: false, code: "NEEDS_CONFIRMATION", message: offer.confirmation.message, confirmations: open, offer };
  }

  let result: SubmitResult;
  try {
    result = await submitOrder(
      actor,
      {
        submissionKey: input.submissionKey,
        resellerAccountId: license.customer.resellerAccountId,
        customer: { id: license.customer.id },
        kind: "ADD_ON",
        targetLicenseId: license.id,
        // The license as checked above ("does not have it yet", nothing pending): claimed only if nothing changed it since.
        licenseVersion: license.changeVersion,
        currency: price?.currency ?? null,
        items: [{ productCode: input.productCode, productName: addOn.name, days, domainName: license.domainName, isAddOn: true, buyPrice: price?.buyPrice ?? null, sellPrice: price?.sellPrice ?? null }],
        sectigo: {
          operation: "autoApplyOrder",
          input: { kind: "addOn", previousOrderNumber, addOnCodes: [input.productCode], days, domainName: license.domainName, contactEmail: license.customer.email, autoRenew: license.autoRenew },
        },
      },
      d,
      { permission: "manageRenewals" },
    );
  } catch (error) {
    // Another order on this license got in between the checks and our insert (still open, or placed
    // meanwhile): the database let one through (pending-license-order.ts); this one is answered.
    const conflict = await licenseChangeConflict(d, license.id, error);
    if (conflict) return { ok: false, ...conflict };
    throw error;
  }
  if (result.outcome === "FAILED") return { ok: false, code: "FAILED", message: `Sectigo refused the add-on: ${result.message}`, orderId: result.order.id };
  // The same submission again, answered by its order: a refusal stays a refusal (never "added"), as cancel.ts does.
  if (result.outcome === "ALREADY_SUBMITTED" && result.order.status === "FAILED") {
    const failed = await d.db.order.findUnique({ where: { id: result.order.id }, select: { errorMessage: true } });
    return { ok: false, code: "FAILED", message: `Sectigo refused the add-on: ${failed?.errorMessage ?? "see the order"}`, orderId: result.order.id };
  }
  return { ok: true, orderId: result.order.id, status: result.order.status, duplicate: result.outcome === "ALREADY_SUBMITTED" };
}

/** Every term the add-on is offered for on this license now, with its question (the license page's choice). */
export function addOnTermOffers(
  license: { id: string; expiresAt: Date | null },
  addOn: { productId: number; name: string },
  prices: ReadonlyMap<number, { amount: number; currency: string } | null>,
  now: Date,
): AddOnTermOffer[] {
  return ADD_ON_TERMS.filter((days) => prices.has(days)).map((days) => addOnTermOffer(license, addOn, days, prices.get(days) ?? null, now));
}

/** orderAddOn, with the license's before/after in the person's audit entry (lib/audit/record-state-change.ts). */
export async function orderAddOn(actor: Actor | null, raw: OrderAddOnInput, deps?: OrderDeps): Promise<OrderAddOnResult> {
  const d = deps ?? (await (await import("@/lib/orders/app-deps")).appLifecycleDeps());
  const id = (raw as { licenseId?: unknown } | null)?.licenseId;
  return typeof id === "string" ? withLicenseStateRecorded(d.db, id, () => answeredByTwin(d.db, raw.submissionKey, () => orderAddOnOnce(actor, raw, d), refusedWithoutOrder), (r) => r.ok && !r.duplicate) : orderAddOnOnce(actor, raw, d);
}
