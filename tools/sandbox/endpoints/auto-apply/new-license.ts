/**
 * A new SiteLock license (base + add-ons in the same call): for a new customer, or for an existing
 * customer on a new domain (previousOrderNumber + a domain not already on the account).
 */
import { debit } from "../../core/accounts";
import { addOnVerdict, priceOf, productOf } from "../../core/catalog";
import { err } from "../../core/errors";
import { createLicense, liveBaseForDomain } from "../../core/licenses";
import { createCustomer, createOrder, findCustomerByEmail } from "../../core/orders";
import type { Customer } from "../../core/types";
import type { World } from "../../core/world";
import type { Outcome } from "./outcome";
import type { AutoApplyRequest } from "./request";

/** -128 for add-ons on free/one-off products, -121 for an add-on the tier does not take, -128 for two of a family. */
export function checkAddOnsForBase(base: number, addOns: number[]): void {
  const families = new Set<string>();
  for (const addOn of addOns) {
    const verdict = addOnVerdict(base, addOn);
    if (verdict === "none") throw err.addOnNotAllowed();
    if (verdict === "lower-tier") throw err.lowerTierAddOn();
    const family = productOf(addOn)?.family ?? String(addOn);
    if (families.has(family)) throw err.addOnNotAllowed();
    families.add(family);
  }
}

/** Price of `code` for `days`; 911 is priced without days and rejects a `days` value (-115). */
export function priceFor(code: number, days: number | undefined): number {
  const isService = productOf(code)?.kind === "service";
  if (isService && days !== undefined) throw err.noPrice(code);
  if (!isService && days === undefined) throw err.missing("days");
  const price = priceOf(code, isService ? 0 : (days ?? 0));
  if (price === undefined) throw err.noPrice(code);
  return price;
}

export function orderNewLicense(world: World, req: AutoApplyRequest, existing: Customer | null): Outcome {
  const base = req.base;
  if (base === undefined) throw err.addOnNotAllowed();
  if (!req.email) throw err.missing("appRepEmailAddress");
  checkAddOnsForBase(base, req.addOns);
  const isService = productOf(base)?.kind === "service";
  const basePrice = priceFor(base, req.days);
  const addOnPrices = req.addOns.map((a) => priceFor(a, req.days));
  if (liveBaseForDomain(world, req.account.loginName, req.domainName)) throw err.alreadyExists("domainName");
  // Decision: with no previousOrderNumber a known customer e-mail is "account already exists" (-122,
  // SRA response list) — an existing customer orders a new domain with previousOrderNumber ("Ordering products").
  if (!existing && findCustomerByEmail(world, req.account.loginName, req.email)) throw err.alreadyExists("appRepEmailAddress");
  const total = basePrice + addOnPrices.reduce((s, p) => s + p, 0);
  debit(req.account, total);

  const customer = existing ?? createCustomer(world, req.account.loginName, req.details);
  const orderNumber = world.nextOrderNumber();
  const now = world.now();
  const autoRenew = isService ? false : (req.autoRenew ?? req.account.autoRenewDefault);
  const termDays = isService ? 0 : (req.days ?? 0);
  const common = { customer, domainName: req.domainName, termDays, startsAt: now, autoRenew, status: "active" as const, orderNumber };
  const baseLicense = createLicense(world, { ...common, productCode: base, periodCharge: basePrice, parentId: null });
  const addOnLicenses = req.addOns.map((code, i) =>
    createLicense(world, { ...common, productCode: code, periodCharge: addOnPrices[i] ?? 0, parentId: baseLicense.id }),
  );
  addOnLicenses.forEach((l) => (l.slSiteId = baseLicense.slSiteId));
  const order = createOrder(world, {
    orderNumber,
    loginName: req.account.loginName,
    customerId: customer.id,
    source: "AutoApplyOrder",
    kind: existing ? "new-domain" : "new",
    status: "active",
    totalCost: total,
    licenseIds: [baseLicense.id, ...addOnLicenses.map((l) => l.id)],
    products: req.codes,
    domainName: req.domainName,
    foreignOrderNumber: req.foreignOrderNumber,
  });
  return { order, customer, siteLicense: baseLicense };
}
