/** License rules shared by the endpoints: renewal and refund windows, add-ons, cancellation. */
import { DAY_MS } from "./clock";
import { refundableNow } from "./rules/refund-window";
import { hasExpired, renewableNow } from "./rules/renewal-window";
import { productOf } from "./catalog";
import type { Customer, License, Order } from "./types";
import { randomToken, type World } from "./world";

export { RENEWAL_WINDOW_DAYS } from "./rules/renewal-window";
export { REFUND_WINDOW_DAYS } from "./rules/refund-window";

/**
 * Renewal allowed iff expiry - 30 days <= now < expiry (the sandbox's own rule, rules/renewal-window.ts,
 * from Sectigo's "Renewing product licenses"). After expiry (from the expiry instant on) the license is outside the
 * window and the answer is -121 (AutoApplyOrder) / -56 (PlaceOrder): "Response parameters" and the PlaceOrder documents differ.
 */
export function inRenewalWindow(license: License, now: Date): boolean {
  return renewableNow(new Date(license.expiresAt), now);
}

/**
 * Refundable iff the license is annual (monthly licenses have no refund period: rules/refund-window.ts),
 * and now <= start of the current period (purchase or last renewal) + 14 days, inclusive.
 */
export function inRefundWindow(license: License, now: Date): boolean {
  return refundableNow(license.termDays, new Date(license.refundWindowStart), now);
}

export function isExpired(license: License, now: Date): boolean {
  return hasExpired(new Date(license.expiresAt), now);
}

/** Status as reported to the outside: an active license past its expiry reads "expired". */
export function reportedStatus(license: License, now: Date): string {
  if (license.status === "active" && license.termDays > 0 && isExpired(license, now)) return "expired";
  return license.status;
}

export function addOnsOf(world: World, license: License): License[] {
  return world.addOnsOf(license.id);
}

export function liveAddOnsOf(world: World, license: License): License[] {
  return addOnsOf(world, license).filter((l) => l.status === "active" || l.status === "awaiting");
}

export function licensesOfOrder(world: World, order: Order): License[] {
  return order.licenseIds.map((id) => world.license(id)).filter((l): l is License => l !== undefined);
}

/** The base license an order is about (an add-on order points at its parent). */
export function baseLicenseOfOrder(world: World, order: Order): License | undefined {
  const licenses = licensesOfOrder(world, order);
  const base = licenses.find((l) => l.parentId === null && productOf(l.productCode)?.kind !== "ssl");
  if (base) return base;
  const addOn = licenses.find((l) => l.parentId !== null);
  return addOn?.parentId ? world.license(addOn.parentId) : licenses[0];
}

/** Live (not cancelled/refunded/rejected) SiteLock base license for a domain within an account. */
export function liveBaseForDomain(world: World, loginName: string, domainName: string): License | undefined {
  return world.licensesForDomain(loginName, domainName).find(
    (l) =>
      l.parentId === null &&
      (productOf(l.productCode)?.kind === "base" || productOf(l.productCode)?.kind === "bundle") &&
      (l.status === "active" || l.status === "awaiting"),
  );
}

export interface NewLicenseInit {
  customer: Customer;
  productCode: number;
  domainName: string;
  termDays: number;
  startsAt: Date;
  periodCharge: number;
  autoRenew: boolean;
  status: License["status"];
  parentId: string | null;
  orderNumber: string;
  visibility?: number;
}

export function createLicense(world: World, init: NewLicenseInit): License {
  const license: License = {
    id: world.newId("lic"),
    loginName: init.customer.loginName,
    customerId: init.customer.id,
    productCode: init.productCode,
    domainName: init.domainName,
    termDays: init.termDays,
    startsAt: init.startsAt.toISOString(),
    expiresAt: new Date(init.startsAt.getTime() + init.termDays * DAY_MS).toISOString(),
    refundWindowStart: init.startsAt.toISOString(),
    periodCharge: init.periodCharge,
    autoRenew: init.autoRenew,
    status: init.status,
    parentId: init.parentId,
    slSiteId: `site-${randomToken(10)}`,
    orderNumbers: [init.orderNumber],
    visibility: init.visibility ?? -1,
  };
  world.insertLicense(license);
  return license;
}

/**
 * Cancels a license and, for a base license, all its live add-ons (Sectigo's "Canceling orders", "Common rules").
 * `refund` decides for the license itself ("always": the caller already checked its window);
 * its add-ons are refunded only inside their own refund window (a 30-day add-on has none), so
 * AutoRefund and modifyThirdPartyDetails credit the same add-ons. Returns the amount to credit.
 */
export function cancelWithAddOns(world: World, license: License, refund: "always" | "if-eligible" | "never"): number {
  const now = world.now();
  let credited = 0;
  const targets = license.parentId === null ? [license, ...liveAddOnsOf(world, license)] : [license];
  for (const target of targets) {
    const refundable =
      refund !== "never" && ((refund === "always" && target === license) || inRefundWindow(target, now));
    if (refundable && target.status === "active") {
      credited += target.periodCharge;
      target.status = "refunded";
    } else {
      target.status = "cancelled";
    }
  }
  return Math.round(credited * 100) / 100;
}
