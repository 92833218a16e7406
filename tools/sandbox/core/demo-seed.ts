/**
 * The demo world, derived from tools/demo-world/demo-data.ts so the app's seed and "Sectigo" agree on
 * logins, order numbers, foreign order numbers, domains and dates (both use anchorDay/demoDates).
 * Demo orders are history: they do not debit the accounts, whose funds are the current balance.
 * A license in state "awaiting" is a PlaceOrder with reseller=Y not yet authorized.
 */
import {
  DEMO_CUSTOMERS,
  DEMO_RESELLER,
  DEMO_RESELLER_NO_SITELOCK,
  demoDates,
  type DemoCustomer,
  type DemoLicense,
} from "../../demo-world/demo-data";
import { renewalsBookCustomers } from "../../demo-world/renewals-book";
import type { Account, Customer, License, Order, SandboxState } from "./types";

function account(state: SandboxState, a: typeof DEMO_RESELLER | typeof DEMO_RESELLER_NO_SITELOCK): Account {
  return {
    loginName: a.loginName,
    loginPassword: a.password,
    accountId: state.nextAccountId++,
    funds: a.funds,
    currency: a.currency,
    creditLimit: a.creditLimit,
    siteLockEnabled: a.siteLockEnabled,
    autoRenewDefault: a.autoRenewDefault,
    callLimitPerMinute: null,
  };
}

/** Stable, readable IDs so the app and tests can refer to demo records. */
function slUserId(index: number): string {
  return String(700_000_101 + index);
}

/**
 * The sandbox records of one demo-shaped license: the base license, its add-ons (riding on the same
 * order at no separate charge) and the order. Shared by the demo and the scaled world (scaled-seed.ts).
 */
export function licenseRecords(customer: Customer, l: DemoLicense, anchor: Date): { licenses: License[]; order: Order } {
  const { startsAt, expiresAt } = demoDates(l, anchor);
  const awaiting = l.state === "awaiting";
  const base: License = {
    id: `lic-${l.key}`,
    loginName: customer.loginName,
    customerId: customer.id,
    productCode: l.productCode,
    domainName: l.domainName,
    termDays: l.termDays,
    startsAt: startsAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    refundWindowStart: startsAt.toISOString(),
    periodCharge: l.cost,
    autoRenew: l.autoRenew,
    status: awaiting ? "awaiting" : "active",
    parentId: null,
    slSiteId: `site-${l.key}`,
    orderNumbers: [l.orderNumber],
    visibility: -1,
  };
  const licenses = [base];
  for (const addOn of l.addOns) {
    const id = `lic-${l.key}-${addOn.productCode}`;
    licenses.push({ ...base, id, productCode: addOn.productCode, parentId: base.id, periodCharge: 0, slSiteId: base.slSiteId, orderNumbers: [l.orderNumber] });
  }
  const order: Order = {
    orderNumber: l.orderNumber,
    loginName: customer.loginName,
    customerId: customer.id,
    foreignOrderNumber: l.foreignOrderNumber,
    createdAt: startsAt.toISOString(),
    source: awaiting ? "PlaceOrder" : "AutoApplyOrder",
    kind: "new",
    status: awaiting ? "awaiting" : "active",
    totalCost: l.cost,
    licenseIds: licenses.map((x) => x.id),
    products: [l.productCode, ...l.addOns.map((a) => a.productCode)],
    domainName: l.domainName,
    reseller: awaiting ? "Y" : null,
    previousOrderNumber: null,
    uniqueValue: `demo${l.orderNumber}`,
  };
  return { licenses, order };
}

/** The sandbox customer record of a demo-shaped customer. */
export function customerRecord(c: DemoCustomer, loginName: string, slUserId: string, anchor: Date): Customer {
  return {
    id: `cust-${c.key}`,
    loginName,
    email: c.email,
    name: c.name,
    foreName: c.foreName,
    surName: c.surName,
    telephone: c.telephone,
    organizationName: c.name,
    countryName: c.country,
    address: {},
    siteLockLogin: c.email,
    slUserId,
    createdAt: anchor.toISOString(),
  };
}

export function seedDemo(state: SandboxState, anchor: Date): void {
  const demo = account(state, DEMO_RESELLER);
  state.accounts[demo.loginName] = demo;
  const noSiteLock = account(state, DEMO_RESELLER_NO_SITELOCK);
  state.accounts[noSiteLock.loginName] = noSiteLock;
  DEMO_CUSTOMERS.forEach((c, index) => {
    const customer = customerRecord(c, demo.loginName, slUserId(index), anchor);
    state.customers[customer.id] = customer;
    for (const license of c.licenses) {
      const { licenses, order } = licenseRecords(customer, license, anchor);
      for (const l of licenses) state.licenses[l.id] = l;
      state.orders[order.orderNumber] = order;
    }
  });
  // The renewals book: the same licenses the app's seed writes (tools/demo-world/renewals-book.ts).
  for (const { customer: c, slUserId: userId } of renewalsBookCustomers()) {
    const customer = customerRecord(c, demo.loginName, userId, anchor);
    state.customers[customer.id] = customer;
    for (const license of c.licenses) {
      const { licenses, order } = licenseRecords(customer, license, anchor);
      for (const l of licenses) state.licenses[l.id] = l;
      state.orders[order.orderNumber] = order;
    }
  }
}
