/**
 * Add-ons on an existing license ("Ordering products": "Ordering an add-on for an existing product";
 * "Renewing product licenses"; "Upgrading or downgrading products"). Per add-on ID:
 * - the license already has it            -> add-on renewal (its own 30-day window, else -121)
 * - it has a smaller one of the same kind -> add-on upgrade, pro-rated to the add-on's expiry
 * - it has a larger one of the same kind  -> -121 lower-tier add-on
 * - otherwise                             -> new add-on for `days`, only while the base is valid (-128)
 * Tier rules: free/one-off products take none (-128); a tier that does not list the add-on -> -121.
 */
import { debit } from "../../core/accounts";
import { DAY_MS } from "../../core/clock";
import { addOnVerdict, productOf } from "../../core/catalog";
import { err } from "../../core/errors";
import { createLicense, inRenewalWindow, isExpired, liveAddOnsOf } from "../../core/licenses";
import { createOrder } from "../../core/orders";
import type { Customer, License } from "../../core/types";
import type { World } from "../../core/world";
import { priceFor } from "./new-license";
import type { Outcome } from "./outcome";
import { proRatedCharge } from "./pro-rate";
import type { AutoApplyRequest } from "./request";

export interface AddOnPlan {
  total: number;
  /** Existing add-ons the request explicitly keeps (upgrade path). */
  keep: Set<string>;
  /** Applies the planned changes; call only after funds were debited. */
  commit(): License[];
}

export function buyAddOns(
  world: World,
  req: AutoApplyRequest,
  base: License,
  customer: Customer,
  orderNumber: string,
  tierCode: number = base.productCode,
): AddOnPlan {
  const now = world.now();
  const live = liveAddOnsOf(world, base);
  const steps: Array<() => License> = [];
  const keep = new Set<string>();
  const families = new Set<string>();
  let total = 0;
  const upgrading = tierCode !== base.productCode;

  for (const code of req.addOns) {
    const product = productOf(code);
    const family = product?.family ?? String(code);
    if (families.has(family)) throw err.addOnNotAllowed();
    families.add(family);
    const verdict = addOnVerdict(tierCode, code);
    if (verdict === "none") throw err.addOnNotAllowed();
    if (verdict === "lower-tier") throw err.lowerTierAddOn();
    if (isExpired(base, now)) throw err.addOnNotAllowed();

    const same = live.find((l) => l.productCode === code);
    const sibling = live.find((l) => l.productCode !== code && productOf(l.productCode)?.family === family);
    if (same && upgrading) {
      keep.add(same.id);
    } else if (same) {
      if (!inRenewalWindow(same, now)) throw err.renewalWindow();
      const days = req.days;
      if (days === undefined) throw err.missing("days");
      const price = priceFor(code, days);
      total += price;
      steps.push(() => {
        same.expiresAt = new Date(Date.parse(same.expiresAt) + days * DAY_MS).toISOString();
        same.termDays = days;
        same.refundWindowStart = now.toISOString();
        same.periodCharge = price;
        if (req.autoRenew !== undefined) same.autoRenew = req.autoRenew;
        same.orderNumbers.push(orderNumber);
        return same;
      });
    } else if (sibling) {
      if ((productOf(sibling.productCode)?.capacity ?? 0) > (product?.capacity ?? 0)) throw err.lowerTierAddOn();
      priceFor(code, req.days);
      const charge = proRatedCharge(sibling, code, now);
      total += charge;
      keep.add(sibling.id);
      steps.push(() => {
        sibling.productCode = code;
        sibling.startsAt = now.toISOString();
        sibling.periodCharge = Math.round((sibling.periodCharge + charge) * 100) / 100;
        sibling.orderNumbers.push(orderNumber);
        return sibling;
      });
    } else {
      const days = req.days;
      const price = priceFor(code, days);
      total += price;
      steps.push(() => {
        const created = createLicense(world, {
          customer, productCode: code, domainName: base.domainName, termDays: days ?? 0, startsAt: now, periodCharge: price,
          autoRenew: req.autoRenew ?? base.autoRenew, status: "active", parentId: base.id, orderNumber,
        });
        created.slSiteId = base.slSiteId;
        return created;
      });
    }
  }
  return { total: Math.round(total * 100) / 100, keep, commit: () => steps.map((step) => step()) };
}

export function orderAddOns(world: World, req: AutoApplyRequest, base: License, customer: Customer): Outcome {
  if (req.addOns.length === 0) throw err.invalid("product");
  const orderNumber = world.nextOrderNumber();
  const plan = buyAddOns(world, req, base, customer, orderNumber);
  debit(req.account, plan.total);
  const touched = plan.commit();
  const order = createOrder(world, {
    orderNumber, loginName: req.account.loginName, customerId: customer.id, source: "AutoApplyOrder", kind: "addon",
    status: "active", totalCost: plan.total, licenseIds: touched.map((l) => l.id), products: req.codes,
    domainName: base.domainName, foreignOrderNumber: req.foreignOrderNumber, previousOrderNumber: req.previousOrderNumber ?? null,
  });
  return { order, customer, siteLicense: base };
}
