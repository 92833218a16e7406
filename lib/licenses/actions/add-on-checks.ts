/**
 * What an add-on on an existing license must pass before it is ordered, wherever it is ordered from:
 * the license page (order-add-on.ts) and the order form (lib/orders/place-order-from-form.ts, an
 * add-on product with a license). One function for both, so the two ways cannot drift apart (issue
 * 18 review: a reseller=N license got TrueShield through the form, from our funds, past every check
 * the license page makes).
 *
 * Only on a live license; never on a license Sectigo bills the customer for (reseller=N: the add-on
 * would be debited from our funds); only an add-on the license's plan takes, that it does not have
 * yet, with no other order on the license of unknown outcome; only for a term it is sold for and an
 * admin has not disabled. Then the question (add-on-offer.ts: its price, the date its term ends,
 * whether it outlives its license), which the caller asks as a server confirmation.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { addOnsFor, productById, termByValue, termValue, type Product } from "@/lib/catalog";
import { licenseStatus } from "@/lib/licenses/rules/status";
import { SECTIGO_BILLS_CUSTOMER_REFUSALS } from "@/lib/licenses/rules/payer";
import { licenseBilledBySectigo } from "@/lib/licenses/rules/payer-query";
import type { AddOnOnLicenseRules } from "@/lib/orders/add-on-on-license";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { pendingLicenseOrder } from "@/lib/orders/pending-license-order";
import { addOnTermOffer, type AddOnDays, type AddOnTermOffer } from "./add-on-offer";

/** What the checks read of the license (one query, the callers' own). */
export const ADD_ON_LICENSE_INCLUDE = {
  customer: { select: { id: true, email: true, resellerAccountId: true } },
  addOns: { where: { status: "ACTIVE" }, select: { productCode: true } },
} satisfies Prisma.LicenseInclude;
export type LicenseForAddOn = Prisma.LicenseGetPayload<{ include: typeof ADD_ON_LICENSE_INCLUDE }>;

export type AddOnRefusal = {
  ok: false;
  message: string;
  code?: "ORDER_PENDING" | "SECTIGO_BILLS_CUSTOMER";
  /** A problem with what was asked for (the add-on, its term), on that field; otherwise the license's state. */
  field?: "productCode" | "days";
};

export type AddOnCheck =
  | {
      ok: true;
      /** The license's current Sectigo order number, which the add-on order names. */
      previousOrderNumber: string;
      addOn: Product;
      days: AddOnDays;
      /** The admin's price for this term; null when none is set. */
      price: { buyPrice: number; sellPrice: number; currency: string } | null;
      /** The question to ask before anything is sent; null for a submission already seen (it is answered with its order). */
      offer: AddOnTermOffer | null;
    }
  | AddOnRefusal;

/**
 * `seen`: the submission key is already an order's. The same submission again is answered by the
 * pipeline with its order, so the checks its own success would now fail ("has it already") are skipped.
 */
export async function checkAddOnOnLicense(
  d: OrderDeps,
  license: LicenseForAddOn,
  request: { productCode: number; days?: AddOnDays | undefined; seen: boolean },
  now: Date,
): Promise<AddOnCheck> {
  const { seen } = request;
  if (!seen) {
    const status = licenseStatus(license, now);
    if (status !== "ACTIVE" && status !== "RENEWABLE") return { ok: false, message: `This license is ${status.toLowerCase()}: add-ons can only be added to a live license.` };
    // Reseller=N: an add-on order from here would be debited from our funds.
    if (await licenseBilledBySectigo(d.db, license.orderId)) return { ok: false, code: "SECTIGO_BILLS_CUSTOMER", message: SECTIGO_BILLS_CUSTOMER_REFUSALS.addOn };
  }
  if (!license.currentOrderNumber) return { ok: false, message: "This license has no Sectigo order number recorded, so add-ons cannot be ordered for it from Order Desk." };
  const product = productById(license.productCode);
  const addOn = product ? addOnsFor(product).find((p) => p.productId === request.productCode) : undefined;
  if (!addOn) return { ok: false, field: "productCode", message: "This license's plan cannot take that add-on." };
  if (!seen) {
    if (license.addOns.some((a) => a.productCode === request.productCode)) return { ok: false, field: "productCode", message: "This license has that add-on already." };
    // Another order on the license with no known outcome (an add-on whose answer was lost, a plan
    // change, a cancellation): it may have happened, so a new add-on order could be a second charge.
    const pending = await pendingLicenseOrder(d, license.id);
    if (pending) return { ok: false, code: "ORDER_PENDING", message: pending.message };
  }

  const days: AddOnDays = request.days ?? (license.termDays === 30 ? 30 : 365);
  const term = termByValue(addOn, String(days));
  if (!seen && !term) return { ok: false, field: "days", message: `${addOn.name} is not sold for that term.` };
  const row = term ? await d.db.planPrice.findUnique({ where: { productKey_term: { productKey: addOn.key, term: termValue(addOn, term) } } }) : null;
  if (!seen && row && !row.enabled) return { ok: false, message: `${addOn.name} is not offered for this term any more (an admin disabled it).` };
  const price = row ? { buyPrice: Number(row.buyPrice), sellPrice: Number(row.sellPrice), currency: row.currency } : null;
  // The price and the date the term ends, asked before anything is written or sent.
  const offer = seen ? null : addOnTermOffer(license, { productId: request.productCode, name: addOn.name }, days, price ? { amount: price.sellPrice, currency: price.currency } : null, now);
  return { ok: true, previousOrderNumber: license.currentOrderNumber, addOn, days, price, offer };
}

/**
 * The checks above for the order form (lib/orders/add-on-on-license.ts): its refusals on the form's
 * fields, and the add-on's question for the form to ask with its other server confirmations.
 */
export const addOnOnLicenseRules: AddOnOnLicenseRules = async (d, request) => {
  const license = await d.db.license.findUnique({ where: { id: request.licenseId }, include: ADD_ON_LICENSE_INCLUDE });
  if (!license) return { ok: false, code: "INVALID_INPUT", message: "That license does not exist.", field: "licenseId" };
  const seen = await d.db.order.findUnique({ where: { submissionKey: request.submissionKey }, select: { id: true } });
  if (request.days !== 30 && request.days !== 365) return { ok: false, code: "INVALID_INPUT", message: "Choose 30 days or 1 year.", field: "values.term" };
  const check = await checkAddOnOnLicense(d, license, { productCode: request.productCode, days: request.days, seen: seen !== null }, d.now?.() ?? new Date());
  if (check.ok) return { ok: true, questions: check.offer ? [check.offer.confirmation] : [] };
  const field = check.field === "productCode" ? "productKey" : check.field === "days" ? "values.term" : "licenseId";
  return { ok: false, code: check.code === "ORDER_PENDING" ? "CONFLICT" : "INVALID_INPUT", message: check.message, field };
};
