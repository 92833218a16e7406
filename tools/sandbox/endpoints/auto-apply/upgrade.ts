/**
 * Upgrade or downgrade of a base license ("Upgrading or downgrading products"): new product ID, same domain, previous order.
 * The license keeps its expiry, starts again on the change date and the order is pro-rated
 * (pro-rate.ts). `days` must still be a priced term of the new product (-115) but does not change
 * the term.
 *
 * Decision: the rule for "upgraded to a product with lower capacity than an existing add-on" was cut
 * off in the source. The sandbox cancels (without credit) any live add-on the new product cannot
 * take; add-on IDs sent in the same call are then bought for the new tier.
 */
import { debit } from "../../core/accounts";
import { addOnVerdict, productOf } from "../../core/catalog";
import { err } from "../../core/errors";
import { isExpired, liveAddOnsOf } from "../../core/licenses";
import { createOrder } from "../../core/orders";
import type { Customer, License } from "../../core/types";
import type { World } from "../../core/world";
import { buyAddOns } from "./add-ons";
import { priceFor } from "./new-license";
import type { Outcome } from "./outcome";
import { proRatedCharge } from "./pro-rate";
import type { AutoApplyRequest } from "./request";

export function changeTier(world: World, req: AutoApplyRequest, base: License, customer: Customer): Outcome {
  const now = world.now();
  const target = req.base;
  if (target === undefined) throw err.invalid("product");
  if (isExpired(base, now)) throw err.invalid("previousOrderNumber");
  priceFor(target, req.days);
  const oldTier = productOf(base.productCode)?.tier ?? 0;
  const newTier = productOf(target)?.tier ?? 0;
  const charge = proRatedCharge(base, target, now);
  const orderNumber = world.nextOrderNumber();

  const plan = buyAddOns(world, req, base, customer, orderNumber, target);
  const total = charge + plan.total;
  debit(req.account, total);

  for (const addOn of liveAddOnsOf(world, base)) {
    if (addOnVerdict(target, addOn.productCode) !== "ok" && !plan.keep.has(addOn.id)) addOn.status = "cancelled";
  }
  base.productCode = target;
  base.startsAt = now.toISOString();
  base.periodCharge = Math.round((base.periodCharge + charge) * 100) / 100;
  if (req.autoRenew !== undefined) base.autoRenew = req.autoRenew;
  base.orderNumbers.push(orderNumber);
  const touched = plan.commit();

  const order = createOrder(world, {
    orderNumber, loginName: req.account.loginName, customerId: customer.id, source: "AutoApplyOrder",
    kind: newTier >= oldTier ? "upgrade" : "downgrade", status: "active", totalCost: total,
    licenseIds: [base.id, ...touched.map((l) => l.id)], products: req.codes, domainName: base.domainName,
    foreignOrderNumber: req.foreignOrderNumber, previousOrderNumber: req.previousOrderNumber ?? null,
  });
  return { order, customer, siteLicense: base };
}
