/**
 * PlaceOrder customer rules ("SiteLock license" and "The !PlaceOrder API for Resellers"):
 * - New vs returning: `isReturningCustomer` Y/N when sent; otherwise emailAddress present = new,
 *   absent = returning. A returning customer is found by emailAddress, else by `licenceCode` (an
 *   order number from a previous order), else by the domain's existing license; not found -> -4.
 *   Decision: a *new* customer whose e-mail is already a customer of the account -> -122 when the
 *   order has a SiteLock item (the SiteLock provisioning rule shared with AutoApplyOrder); for any
 *   other order the existing customer record is reused and its details updated (a certificate buyer
 *   orders again with the same address).
 * - Personal name: "The !PlaceOrder API for Resellers" says `name` and `foreName`/`surName` should not be combined, the newer
 *   "SiteLock license" only says either makes the other unnecessary. Decision (newer wins): all optional for
 *   SiteLock (002's own sample sends none); `name` wins, else "foreName surName".
 * - Address: "state or province may be omitted if locality is specified, and vice versa". Decision:
 *   when a street address / PO box / postal code is supplied, one of localityName or
 *   stateOrProvinceName is required (-3 localityName).
 * - Country: `countryName` or `country` (ISO-3166, -7), default US.
 * - Returning customers: supplied details replace the stored ones.
 */
import { err } from "../../core/errors";
import { createCustomer, findCustomerByEmail, updateCustomer, type CustomerDetails } from "../../core/orders";
import { isEmail, optionalCountry, optionalYN, type ParamBag } from "../../core/params";
import type { Account, Customer } from "../../core/types";
import { liveBaseForDomain } from "../../core/licenses";
import type { World } from "../../core/world";

const ADDRESS_FIELDS = [
  "organizationalUnitName", "postOfficeBox", "streetAddress1", "streetAddress2", "streetAddress3",
  "localityName", "stateOrProvinceName", "postalCode", "dunsNumber", "companyNumber", "BusinessCategory", "title", "faxNumber",
];

export function customerDetails(bag: ParamBag): CustomerDetails {
  const email = bag.get("emailAddress");
  if (email !== undefined && !isEmail(email)) throw err.invalidEmail();
  const category = bag.get("BusinessCategory");
  if (category !== undefined && !/^[bcd]$/.test(category)) throw err.invalid("BusinessCategory");
  // Decision: both PlaceOrder documents say "many products do not require an address" and that, *where one is
  // required*, locality or state/province may stand alone. No SiteLock row requires an address, so a
  // partial address is accepted here; the products that require one are checked from the catalog
  // (./product-fields.ts).
  const address: Record<string, string> = {};
  for (const field of ADDRESS_FIELDS) {
    const value = bag.get(field);
    if (value !== undefined) address[field] = value;
  }
  const countryName = bag.has("countryName") ? optionalCountry(bag, "countryName") : optionalCountry(bag, "country");
  return {
    email: email ?? "",
    name: bag.get("name"),
    foreName: bag.get("foreName"),
    surName: bag.get("surName"),
    telephone: bag.get("telephoneNumber"),
    organizationName: bag.get("organizationName"),
    countryName,
    address,
  };
}

/** isReturningCustomer when sent; otherwise emailAddress present = new, absent = returning. */
export function isReturning(bag: ParamBag): boolean {
  return optionalYN(bag, "isReturningCustomer", bag.get("emailAddress") === undefined);
}

export interface ResolvedCustomer {
  customer: Customer | null;
  details: CustomerDetails;
  isNew: boolean;
}

/** Works out who orders; a new customer is only created by `materialize` once every check passed. */
export function resolveCustomer(
  world: World,
  account: Account,
  bag: ParamBag,
  domainName: string | undefined,
  options: { siteLock: boolean } = { siteLock: true },
): ResolvedCustomer {
  const details = customerDetails(bag);
  const email = bag.get("emailAddress");
  const returning = isReturning(bag);
  if (!returning) {
    if (!email) throw err.missing("emailAddress");
    const existing = findCustomerByEmail(world, account.loginName, email);
    if (existing && options.siteLock) throw err.alreadyExists("emailAddress");
    return existing ? { customer: existing, details, isNew: false } : { customer: null, details, isNew: true };
  }
  let customer = email ? findCustomerByEmail(world, account.loginName, email) : undefined;
  const licenceCode = bag.get("licenceCode");
  if (!customer && licenceCode) {
    const order = world.order(licenceCode.trim());
    if (order && order.loginName === account.loginName && order.customerId) customer = world.customer(order.customerId);
  }
  if (!customer && !email && domainName) {
    const base = liveBaseForDomain(world, account.loginName, domainName);
    if (base) customer = world.customer(base.customerId);
  }
  if (!customer) throw email ? err.invalid("emailAddress") : err.missing("emailAddress");
  return { customer, details, isNew: false };
}

export function materialize(world: World, account: Account, resolved: ResolvedCustomer): Customer {
  if (resolved.customer) {
    updateCustomer(resolved.customer, resolved.details);
    return resolved.customer;
  }
  return createCustomer(world, account.loginName, { ...resolved.details, countryName: resolved.details.countryName ?? "US" });
}
