/** What the admin API shows of orders and licenses (what "Sectigo" holds), with derived statuses. */
import { productName } from "../core/catalog";
import { licensesOfOrder, reportedStatus } from "../core/licenses";
import type { License, Order } from "../core/types";
import type { World } from "../core/world";

function licenseView(world: World, l: License) {
  return { ...l, productName: productName(l.productCode) ?? null, reportedStatus: reportedStatus(l, world.now()) };
}

export function orderView(world: World, orderNumber: string) {
  const order = world.order(orderNumber);
  if (!order) return undefined;
  return summary(world, order);
}

function summary(world: World, order: Order) {
  const customer = order.customerId ? world.customer(order.customerId) : undefined;
  return {
    order,
    customer: customer ?? null,
    licenses: licensesOfOrder(world, order).map((l) => licenseView(world, l)),
  };
}

/** The records that pass, taken as the scan goes: the scan unpacks each record, a million would not fit at once. */
function kept<T>(records: Iterable<T>, keep: (record: T) => boolean): T[] {
  const out: T[] = [];
  for (const record of records) if (keep(record)) out.push(record);
  return out;
}

/**
 * Filters: loginName, foreignOrderNumber, domainName, status. With loginName and
 * foreignOrderNumber the index answers; otherwise this debugging view scans.
 */
export function findOrders(world: World, query: URLSearchParams) {
  const login = query.get("loginName");
  const foreign = query.get("foreignOrderNumber");
  const domain = query.get("domainName")?.toLowerCase();
  const status = query.get("status");
  const candidates = login && foreign ? world.ordersByForeignNumber(login, foreign) : world.scan("orders");
  return kept(candidates, (o) => (!login || o.loginName === login) && (!foreign || o.foreignOrderNumber === foreign))
    .filter((o) => (!domain || o.domainName?.toLowerCase() === domain) && (!status || o.status === status))
    .sort((a, b) => Number(a.orderNumber) - Number(b.orderNumber))
    .map((o) => summary(world, o));
}

/** Filters: loginName, domainName, orderNumber (any order that touched the license). */
export function licensesView(world: World, query: URLSearchParams) {
  const login = query.get("loginName");
  const domain = query.get("domainName")?.toLowerCase();
  const orderNumber = query.get("orderNumber");
  const candidates = login && domain ? world.licensesForDomain(login, domain) : world.scan("licenses");
  return kept(candidates, (l) => (!login || l.loginName === login) && (!domain || l.domainName.toLowerCase() === domain))
    .filter((l) => !orderNumber || l.orderNumbers.includes(orderNumber))
    .map((l) => licenseView(world, l));
}
