/**
 * Switching auto-renew on or off for one license, at Sectigo first (modifyThirdPartyDetails
 * AUTORENEW, lib/sectigo/README.md "Auto-renew on an existing license"), then in Order Desk.
 *
 * Who switched it is an OrderEvent on the order that created the license (kind AUTO_RENEW), not an
 * order of its own: nothing is bought (no order number, no cost, nothing to reconcile or refund),
 * and an Order row would show up in order lists and totals as a purchase. The event carries the
 * actor, the license and the new value; the ApiCall row (linked to the same order) keeps the call.
 *
 * Safe to repeat: the call sets a value, it does not toggle, so after a lost answer the person can
 * simply switch again. Our record changes only once Sectigo said yes.
 */
import { recordChange } from "@/lib/audit/audit-scope";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { eventData } from "@/lib/orders/settle-order";
import { actorLabel, actorUserId } from "@/lib/auth/system-actor";
import { SECTIGO_BILLS_CUSTOMER_REFUSALS } from "../rules/payer";
import { licenseBilledBySectigo } from "../rules/payer-query";
import { licenseStatus } from "../rules/status";
import { SITELOCK_911_PRODUCT_CODE, SSL_BUNDLE_PRODUCT_CODE } from "../rules/renewal-eligibility";

export const setAutoRenewSchema = z.object({
  licenseId: z.string().trim().min(1, "Choose a license.").max(64),
  autoRenew: z.boolean(),
});
export type SetAutoRenewInput = z.input<typeof setAutoRenewSchema>;

export type SetAutoRenewResult =
  | { ok: true; autoRenew: boolean; changed: boolean }
  | { ok: false; code: "NOT_APPLICABLE" | "REFUSED" | "UNKNOWN"; message: string };

export async function setAutoRenew(actor: Actor | null, raw: SetAutoRenewInput, deps?: OrderDeps): Promise<SetAutoRenewResult> {
  assertCan(actor, "manageRenewals");
  const parsed = setAutoRenewSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Choose a license.", "licenseId");
  const input = parsed.data;
  const d = deps ?? (await (await import("@/lib/orders/app-deps")).appLifecycleDeps());
  const now = d.now?.() ?? new Date();

  const license = await d.db.license.findUnique({ where: { id: input.licenseId }, include: { customer: { select: { resellerAccountId: true } } } });
  if (!license) throw new AppError("NOT_FOUND", "That license does not exist.", "licenseId");
  if (license.autoRenew === input.autoRenew) return { ok: true, autoRenew: license.autoRenew, changed: false };

  const status = licenseStatus(license, now);
  if (license.productCode === SSL_BUNDLE_PRODUCT_CODE) return notApplicable("The SSL PLUS SiteLock bundle renews with its SSL certificate; it has no auto-renew of its own.");
  if (license.productCode === SITELOCK_911_PRODUCT_CODE || !license.expiresAt) return notApplicable("This is a one-off service; there is nothing to renew.");
  if (status === "CANCELLED" || status === "REFUNDED" || status === "PENDING") {
    return notApplicable(`This license is ${status.toLowerCase()}; auto-renew can only be switched on a live license.`);
  }
  if (status === "EXPIRED" && input.autoRenew) return notApplicable("This license has expired: Sectigo cannot renew it any more. Order a new license instead.");
  // Reseller=N: Sectigo's auto-renew would renew it from our funds; switching it off spends nothing.
  if (input.autoRenew && (await licenseBilledBySectigo(d.db, license.orderId))) return notApplicable(SECTIGO_BILLS_CUSTOMER_REFUSALS.autoRenew);
  if (!license.currentOrderNumber) throw new AppError("CONFLICT", "This license has no Sectigo order number recorded, so its auto-renew cannot be switched from Order Desk.");

  const client = await d.sectigo(license.customer.resellerAccountId, { orderId: license.orderId, actorId: actorUserId(actor) });
  const result = await client.setAutoRenew({ orderNumber: license.currentOrderNumber, productCode: license.productCode, autoRenew: input.autoRenew });
  const word = input.autoRenew ? "on" : "off";
  if (!result.ok) {
    const unknown = result.error.mayHavePlaced;
    const message = unknown
      ? `Sectigo's answer was lost, so whether auto-renew is ${word} is not known. Switching again is safe: it sets the same value.`
      : `Sectigo did not switch auto-renew ${word}: ${result.error.userMessage}`;
    recordChange({ target: `License:${license.id}`, before: { autoRenew: license.autoRenew }, after: { autoRenew: license.autoRenew, asked: input.autoRenew, sectigo: unknown ? "answer lost" : "refused" } });
    await d.db.orderEvent.create({
      data: eventData(license.orderId, actor, { kind: "AUTO_RENEW_FAILED", message: `${actorLabel(actor)} tried to switch auto-renew ${word} for ${license.domainName}. ${message}`, data: { licenseId: license.id, autoRenew: input.autoRenew, code: result.error.code ?? null } }),
    });
    return { ok: false, code: unknown ? "UNKNOWN" : "REFUSED", message };
  }
  await d.db.$transaction([
    d.db.license.update({ where: { id: license.id }, data: { autoRenew: input.autoRenew } }),
    d.db.orderEvent.create({
      data: eventData(license.orderId, actor, { kind: "AUTO_RENEW", message: `${actorLabel(actor)} switched auto-renew ${word} for ${license.domainName} (license ${license.productName}).`, data: { licenseId: license.id, autoRenew: input.autoRenew } }),
    }),
  ]);
  recordChange({ target: `License:${license.id}`, before: { autoRenew: license.autoRenew }, after: { autoRenew: input.autoRenew } });
  return { ok: true, autoRenew: input.autoRenew, changed: true };
}

function notApplicable(message: string): SetAutoRenewResult {
  return { ok: false, code: "NOT_APPLICABLE", message };
}
