/**
 * Auto-renewal at expiry, applied lazily whenever the sandbox handles a call or its clock moves.
 * Documented: enableAutoRenew=Y renews at expiry and "requires sufficient account funds".
 * [INFERENCE] The renewal keeps the license's term, starts at the old expiry, charges the full
 * price, restarts the refund period and is recorded as an order of kind "auto-renewal". When funds
 * are short the license is left to expire (autoRenewFailedAt is set) and is not tried again: the
 * reseller renews it by hand. Bases renew before add-ons;
 * an add-on renews only while its base is live past the add-on's expiry. The bundle (1072) renews
 * only with its SSL certificate and 911 is one-off, so neither auto-renews here.
 * Only the licenses due now are looked at (World keeps them on a heap by due instant, see
 * autoRenewDue), so a call costs the same whatever the number of licenses.
 * Renewals happen in the order they fall due, one period at a time (a base before its add-ons at
 * the same instant): when the clock moves over several periods and the funds run out on the way,
 * the licenses left unrenewed are the ones that fell due last, as they would be in real time.
 */
import { DAY_MS } from "./clock";
import { canAfford, debit } from "./accounts";
import { priceOf } from "./catalog";
import { createOrder } from "./orders";
import type { License } from "./types";
import { autoRenewDue, DueHeap, type World } from "./world";

const MAX_PERIODS = 100;

function renewable(world: World, license: License, now: number): boolean {
  const due = autoRenewDue(license);
  if (due === undefined || due > now) return false;
  if (license.parentId !== null) {
    const base = world.license(license.parentId);
    if (!base || base.status !== "active" || Date.parse(base.expiresAt) <= Date.parse(license.expiresAt)) return false;
  }
  return true;
}

/** Heap key: the due instant, then bases before add-ons (exact in a double: due < 2^52). */
function dueKey(license: License): number {
  return Date.parse(license.expiresAt) * 2 + (license.parentId !== null ? 1 : 0);
}

export function runAutoRenewals(world: World): number {
  const now = world.now().getTime();
  let renewed = 0;
  const byId = new Map<string, License>();
  const queue = new DueHeap();
  for (const license of world.dueForAutoRenewal(now)) {
    byId.set(license.id, license);
    queue.push(dueKey(license), license.id);
  }
  const periods = new Map<string, number>();
  for (let next = queue.popMin(); next; next = queue.popMin()) {
    const license = byId.get(next.id)!;
    const done = periods.get(license.id) ?? 0;
    if (done >= MAX_PERIODS || !renewable(world, license, now)) continue;
    const account = world.account(license.loginName);
    const price = priceOf(license.productCode, license.termDays);
    if (!account || price === undefined || !canAfford(account, price)) {
      license.autoRenewFailedAt = license.expiresAt;
      continue;
    }
    debit(account, price);
    const renewalStart = license.expiresAt;
    license.expiresAt = new Date(Date.parse(license.expiresAt) + license.termDays * DAY_MS).toISOString();
    license.refundWindowStart = renewalStart;
    license.periodCharge = price;
    const order = createOrder(world, {
      loginName: license.loginName,
      customerId: license.customerId,
      source: "auto-renewal",
      kind: "auto-renewal",
      status: "active",
      totalCost: price,
      licenseIds: [license.id],
      products: [license.productCode],
      domainName: license.domainName,
      previousOrderNumber: license.orderNumbers.at(-1) ?? null,
      createdAt: renewalStart,
    });
    license.orderNumbers.push(order.orderNumber);
    renewed++;
    periods.set(license.id, done + 1);
    // Its next period is due later: back in line behind whatever falls due before it.
    queue.push(dueKey(license), license.id);
  }
  return renewed;
}
