/** Creating orders and customers, and keeping order statuses in step with their licenses. */
import type { Customer, Order, OrderKind } from "./types";
import { randomDigits, randomToken, type World } from "./world";

export interface NewOrderInit {
  loginName: string;
  customerId: string | null;
  source: Order["source"];
  kind: OrderKind;
  status: Order["status"];
  totalCost: number;
  licenseIds: string[];
  products: number[];
  domainName: string | null;
  foreignOrderNumber?: string | null;
  reseller?: Order["reseller"];
  previousOrderNumber?: string | null;
  orderNumber?: string;
  createdAt?: string;
  extra?: Partial<Pick<Order, "ap" | "region" | "offerCode">>;
}

export function createOrder(world: World, init: NewOrderInit): Order {
  const order: Order = {
    orderNumber: init.orderNumber ?? world.nextOrderNumber(),
    loginName: init.loginName,
    customerId: init.customerId,
    foreignOrderNumber: init.foreignOrderNumber ?? null,
    createdAt: init.createdAt ?? world.nowIso(),
    source: init.source,
    kind: init.kind,
    status: init.status,
    totalCost: Math.round(init.totalCost * 100) / 100,
    licenseIds: init.licenseIds,
    products: init.products,
    domainName: init.domainName,
    reseller: init.reseller ?? null,
    previousOrderNumber: init.previousOrderNumber ?? null,
    uniqueValue: randomToken(8),
    ...init.extra,
  };
  world.insertOrder(order);
  return order;
}

export interface CustomerDetails {
  email: string;
  name?: string;
  foreName?: string;
  surName?: string;
  telephone?: string;
  organizationName?: string;
  countryName?: string;
  siteLockLogin?: string;
  address: Record<string, string>;
}

export function findCustomerByEmail(world: World, loginName: string, email: string): Customer | undefined {
  return world.customersByEmailOf(loginName, email)[0];
}

export function createCustomer(world: World, loginName: string, details: CustomerDetails): Customer {
  const fullName = details.name ?? [details.foreName, details.surName].filter(Boolean).join(" ");
  const customer: Customer = {
    id: world.newId("cust"),
    loginName,
    email: details.email,
    name: fullName || details.organizationName || details.email,
    foreName: details.foreName,
    surName: details.surName,
    telephone: details.telephone,
    organizationName: details.organizationName,
    countryName: details.countryName,
    address: details.address,
    siteLockLogin: details.siteLockLogin ?? details.email,
    slUserId: randomDigits(9),
    createdAt: world.nowIso(),
  };
  world.insertCustomer(customer);
  return customer;
}

/** Returning customers: supplied details replace earlier ones ("SiteLock license", "Company address details"). */
export function updateCustomer(customer: Customer, details: Partial<CustomerDetails>): void {
  if (details.name || details.foreName || details.surName) {
    customer.name = details.name ?? [details.foreName, details.surName].filter(Boolean).join(" ");
  }
  if (details.foreName) customer.foreName = details.foreName;
  if (details.surName) customer.surName = details.surName;
  if (details.telephone) customer.telephone = details.telephone;
  if (details.organizationName) customer.organizationName = details.organizationName;
  if (details.countryName) customer.countryName = details.countryName;
  if (details.address) Object.assign(customer.address, details.address);
}

/**
 * After licenses change: an order whose licenses are all refunded/cancelled follows them. Only the
 * orders of the licenses this call touched can change (every order a license belongs to is in its
 * `orderNumbers`).
 */
export function syncOrderStatuses(world: World): void {
  const orderNumbers = new Set(world.touchedLicenses().flatMap((l) => l.orderNumbers));
  for (const number of orderNumbers) {
    const order = world.order(number);
    if (!order || (order.status !== "active" && order.status !== "awaiting")) continue;
    const licenses = order.licenseIds.map((id) => world.license(id)).filter((l) => l !== undefined);
    if (licenses.length === 0) continue;
    if (licenses.every((l) => l.status === "refunded")) order.status = "refunded";
    else if (licenses.every((l) => l.status === "refunded" || l.status === "cancelled")) order.status = "cancelled";
  }
}
