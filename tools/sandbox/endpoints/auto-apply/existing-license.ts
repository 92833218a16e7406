/**
 * AutoApplyOrder with previousOrderNumber ("Ordering products", "Renewing product licenses", "Upgrading or downgrading products"):
 * - a different domainName            -> new license for the same customer (new-license.ts)
 * - same domain, same base product    -> renewal (only inside the 30 days before expiry, else -121)
 * - same domain, other base product   -> upgrade / downgrade (upgrade.ts)
 * - same domain, only add-on IDs      -> add-on purchase, add-on renewal or add-on upgrade (add-ons.ts)
 * - same domain, SiteLock 911         -> the one-off service for that site
 */
import { debit } from "../../core/accounts";
import { DAY_MS } from "../../core/clock";
import { err } from "../../core/errors";
import { baseLicenseOfOrder, createLicense, inRenewalWindow, liveAddOnsOf } from "../../core/licenses";
import { createOrder } from "../../core/orders";
import type { License } from "../../core/types";
import type { World } from "../../core/world";
import { orderAddOns } from "./add-ons";
import { orderNewLicense, priceFor } from "./new-license";
import type { Outcome } from "./outcome";
import type { AutoApplyRequest } from "./request";
import { changeTier } from "./upgrade";

export function requireLive(license: License): void {
  if (license.status === "refunded") throw err.alreadyRefunded();
  if (license.status === "cancelled" || license.status === "rejected") throw err.alreadyCancelled();
  // An order still awaiting AutoAuthorize cannot be renewed or changed yet.
  if (license.status !== "active") throw err.invalid("previousOrderNumber");
}

export function orderOnExistingLicense(world: World, req: AutoApplyRequest, previous: string): Outcome {
  const order = world.order(previous);
  if (!order || order.loginName !== req.account.loginName || order.status === "test") throw err.invalid("previousOrderNumber");
  const base = baseLicenseOfOrder(world, order);
  if (!base) throw err.invalid("previousOrderNumber");
  const customer = world.customer(base.customerId);
  if (!customer) throw err.invalid("previousOrderNumber");
  if (base.domainName.toLowerCase() !== req.domainName.toLowerCase()) return orderNewLicense(world, req, customer);

  requireLive(base);
  if (req.base === 1082) return orderService(world, req, base);
  if (req.base === undefined) return orderAddOns(world, req, base, customer);
  if (req.base !== base.productCode) return changeTier(world, req, base, customer);
  return renew(world, req, base);
}

/**
 * Renewal. [INFERENCE] The new term starts at the old expiry (remaining days carry over), costs the
 * full price of `days`, and restarts the 14-day refund period ("Canceling orders"). Add-on IDs sent
 * along are renewed to the same term (or bought, when the license does not have them yet).
 */
function renew(world: World, req: AutoApplyRequest, base: License): Outcome {
  if (!inRenewalWindow(base, world.now())) throw err.renewalWindow();
  const days = req.days;
  if (days === undefined) throw err.missing("days");
  const price = priceFor(base.productCode, days);
  const live = liveAddOnsOf(world, base);
  const renewedAddOns = req.addOns.map((code) => ({ code, license: live.find((l) => l.productCode === code), price: priceFor(code, days) }));
  const total = price + renewedAddOns.reduce((s, a) => s + a.price, 0);
  debit(req.account, total);

  const now = world.nowIso();
  const orderNumber = world.nextOrderNumber();
  const extend = (l: License, charge: number) => {
    l.expiresAt = new Date(Date.parse(l.expiresAt) + days * DAY_MS).toISOString();
    l.termDays = days;
    l.refundWindowStart = now;
    l.periodCharge = charge;
    if (req.autoRenew !== undefined) l.autoRenew = req.autoRenew;
    l.orderNumbers.push(orderNumber);
  };
  extend(base, price);
  const touched = [base];
  const customer = world.customer(base.customerId) ?? null;
  for (const addOn of renewedAddOns) {
    if (addOn.license) {
      extend(addOn.license, addOn.price);
      touched.push(addOn.license);
    } else if (customer) {
      const created = createLicense(world, {
        customer, productCode: addOn.code, domainName: base.domainName, termDays: days, startsAt: world.now(),
        periodCharge: addOn.price, autoRenew: req.autoRenew ?? base.autoRenew, status: "active", parentId: base.id, orderNumber,
      });
      created.slSiteId = base.slSiteId;
      touched.push(created);
    }
  }
  const order = createOrder(world, {
    orderNumber, loginName: req.account.loginName, customerId: base.customerId, source: "AutoApplyOrder", kind: "renewal",
    status: "active", totalCost: total, licenseIds: touched.map((l) => l.id), products: req.codes,
    domainName: base.domainName, foreignOrderNumber: req.foreignOrderNumber, previousOrderNumber: req.previousOrderNumber ?? null,
  });
  return { order, customer, siteLicense: base };
}

/** SiteLock 911 for a site that already has a license: a one-off service attached to it. */
function orderService(world: World, req: AutoApplyRequest, base: License): Outcome {
  if (req.addOns.length > 0) throw err.addOnNotAllowed();
  const price = priceFor(1082, req.days);
  debit(req.account, price);
  const customer = world.customer(base.customerId) ?? null;
  if (!customer) throw err.invalid("previousOrderNumber");
  const orderNumber = world.nextOrderNumber();
  const service = createLicense(world, {
    customer, productCode: 1082, domainName: base.domainName, termDays: 0, startsAt: world.now(), periodCharge: price,
    autoRenew: false, status: "active", parentId: base.id, orderNumber,
  });
  service.slSiteId = base.slSiteId;
  const order = createOrder(world, {
    orderNumber, loginName: req.account.loginName, customerId: customer.id, source: "AutoApplyOrder", kind: "addon",
    status: "active", totalCost: price, licenseIds: [service.id], products: req.codes, domainName: base.domainName,
    foreignOrderNumber: req.foreignOrderNumber, previousOrderNumber: req.previousOrderNumber ?? null,
  });
  return { order, customer, siteLicense: base };
}
