/**
 * SSL certificate orders carrying the free SSL PLUS SiteLock Bundle (1072), "Ordering products".
 * - One bundle license per qualifying certificate; for a wildcard only the root domain is covered.
 * - No bundle when disableSiteLock=Y, when appRepEmailAddress is missing (documented), or when the
 *   account is not SiteLock-enabled (sandbox decision: the SSL order still goes through).
 * - 1072 together with an SSL product is accepted as an explicit request for the bundle; SiteLock
 *   base products or add-ons mixed into an SSL order are rejected (-4 product), since add-ons are
 *   not available to bundle users.
 * - The certificate itself is modelled as a license of the SSL product (status active, an 8-digit
 *   certificate ID); issuance/validation is out of the sandbox's scope.
 */
import { debit } from "../../core/accounts";
import { err } from "../../core/errors";
import { createLicense } from "../../core/licenses";
import { createCustomer, createOrder, findCustomerByEmail } from "../../core/orders";
import type { License } from "../../core/types";
import { randomDigits, type World } from "../../core/world";
import { priceFor } from "./new-license";
import type { Outcome } from "./outcome";
import type { AutoApplyRequest } from "./request";

export function orderSsl(world: World, req: AutoApplyRequest): Outcome {
  if (req.base !== undefined || req.addOns.length > 0) throw err.invalid("product");
  if (req.days === undefined) throw err.missing("days");
  const prices = req.ssl.map((code) => priceFor(code, req.days));
  const total = prices.reduce((s, p) => s + p, 0);
  debit(req.account, total);

  const withBundle = !req.disableSiteLock && req.email !== undefined && req.account.siteLockEnabled;
  const existing = req.email ? findCustomerByEmail(world, req.account.loginName, req.email) : undefined;
  const customer =
    existing ??
    createCustomer(world, req.account.loginName, {
      ...req.details,
      email: req.email ?? "",
      name: req.details.organizationName ?? req.domainName,
    });
  const orderNumber = world.nextOrderNumber();
  const now = world.now();
  const rootDomain = req.domainName.replace(/^\*\./, "");
  const created: License[] = [];
  let firstBundle: License | null = null;
  let certificateId: string | undefined;
  req.ssl.forEach((code, i) => {
    const cert = createLicense(world, {
      customer, productCode: code, domainName: req.domainName, termDays: req.days ?? 0, startsAt: now,
      periodCharge: prices[i] ?? 0, autoRenew: false, status: "active", parentId: null, orderNumber,
    });
    cert.certificateId = randomDigits(8);
    certificateId ??= cert.certificateId;
    created.push(cert);
    if (!withBundle) return;
    const bundle = createLicense(world, {
      customer, productCode: 1072, domainName: rootDomain, termDays: req.days ?? 0, startsAt: now, periodCharge: 0,
      autoRenew: false, status: "active", parentId: null, orderNumber,
    });
    firstBundle ??= bundle;
    created.push(bundle);
  });
  const order = createOrder(world, {
    orderNumber, loginName: req.account.loginName, customerId: customer.id, source: "AutoApplyOrder", kind: "ssl",
    status: "active", totalCost: total, licenseIds: created.map((l) => l.id), products: req.codes,
    domainName: req.domainName, foreignOrderNumber: req.foreignOrderNumber,
  });
  return { order, customer, siteLicense: firstBundle, certificateId };
}
