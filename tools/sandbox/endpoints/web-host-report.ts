/**
 * `!WebHostReport` (Sectigo's WebHostReport reference). The response page was never retrieved, so the
 * shape is reconstructed [INFERENCE]: URL-encoded, `errorCode=0&noOfResults=N`, then numbered keys,
 * `X_field` per order and `X_Y_field` per license (item) of order X, 1-based.
 *
 * Decisions:
 * - Cost: an unfiltered page is a slice of the account's ordered order numbers; orderNumber and
 *   foreignOrderNumber are index lookups; other filters walk the account's orders in order up to
 *   the end of the requested page.
 * - Results are the account's orders sorted by order number; `firstResultNo`/`lastResultNo` are
 *   1-based and inclusive; defaults 1 and first+99 (pages of 100); at most 500 per call; first >
 *   last -> -4.
 * - notBefore/notAfter (UNIX seconds) filter on the order date (the reference also calls them issuance times);
 *   expireNotBefore/expireNotAfter on the order's license expiry.
 * - organizationName / fqdn: `_` one character, `%` any run, case-insensitive.
 * - orderNumber / foreignOrderNumber / certificateID: comma lists; orderNumber may repeat.
 * - certificateStatusDesc filters on the item status (active, awaiting, expired, cancelled,
 *   refunded, rejected); certificateStatusCode on the sandbox's code for it (see STATUS_CODES).
 * - `X_cost` only with showCost=Y; `X_Y_certificateID` only with showCertificateID=Y.
 * - Items: `X_Y_type` = the product's name, `X_Y_productID` = the SiteLock product ID, or the PPP code for
 *   every other PlaceOrder product (the code Order Desk records); `X_Y_domain` only when the item has one
 *   (a certificate's CSR common name; code signing, HackerGuardian, ... have none).
 */
import { authenticate } from "../core/accounts";
import { productName } from "../core/catalog";
import { err, type SandboxError } from "../core/errors";
import { licensesOfOrder, reportedStatus } from "../core/licenses";
import { checkParams, optionalInt, optionalYN, type ParamBag, type ParamSpec } from "../core/params";
import type { License, Order } from "../core/types";
import { money, type World } from "../core/world";
import { urlencodedError, type Reply } from "../http/reply";
import type { Endpoint } from "./endpoint";

const PARAMS: readonly ParamSpec[] = [
  { name: "loginName", required: true, max: 64 },
  { name: "loginPassword", required: true, max: 128 },
  ...["notBefore", "notAfter", "firstResultNo", "lastResultNo", "expireNotBefore", "expireNotAfter"].map((name) => ({ name, max: 15 })),
  { name: "organizationName", max: 64 },
  { name: "fqdn", max: 255 },
  { name: "orderNumber", max: 32767 },
  { name: "foreignOrderNumber", max: 32767 },
  { name: "certificateID", max: 32767 },
  { name: "certificateStatusCode", max: 255 },
  { name: "certificateStatusDesc", max: 64 },
  ...["showStatusDetails", "showAdditionalDomains", "showSignatureAlgorithm", "showOldItems", "showCertificateID", "showExtStatus", "showCost", "showAssociatedOrders"].map((name) => ({ name, max: 1 })),
  // Deprecated in v1.06; still accepted and ignored.
  { name: "saspSessionID", max: 255 },
];

/** The sandbox's numeric codes for license states (Sectigo's list was not retrieved). */
export const STATUS_CODES: Record<string, number> = { awaiting: 1, active: 6, rejected: 7, cancelled: 8, refunded: 15, expired: 16, test: 0 };

const PAGE = 100;
const MAX_PAGE = 500;

function list(params: ParamBag, name: string): Set<string> | undefined {
  const values = params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  return values.length > 0 ? new Set(values) : undefined;
}

function like(pattern: string | undefined): ((value: string) => boolean) | undefined {
  if (pattern === undefined) return undefined;
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
  const regex = new RegExp(`^${escaped}$`, "i");
  return (value) => regex.test(value);
}

function seconds(iso: string): string {
  return String(Math.floor(Date.parse(iso) / 1000));
}

function orderFields(world: World, order: Order, licenses: License[], n: number, params: ParamBag): Array<[string, string]> {
  const customer = order.customerId ? world.customer(order.customerId) : undefined;
  const now = world.now();
  const f: Array<[string, string]> = [
    [`${n}_orderNumber`, order.orderNumber],
    [`${n}_dateTime`, seconds(order.createdAt)],
    [`${n}_orderStatus`, order.status],
  ];
  if (order.foreignOrderNumber) f.push([`${n}_foreignOrderNumber`, order.foreignOrderNumber]);
  if (customer?.organizationName) f.push([`${n}_organizationName`, customer.organizationName]);
  if (customer?.countryName) f.push([`${n}_countryName`, customer.countryName]);
  if (optionalYN(params, "showCost", false)) f.push([`${n}_cost`, money(order.totalCost)]);
  f.push([`${n}_noOfItems`, String(licenses.length)]);
  licenses.forEach((l, i) => {
    const p = `${n}_${i + 1}_`;
    const status = reportedStatus(l, now);
    f.push(
      [`${p}type`, productName(l.productCode) ?? String(l.productCode)],
      [`${p}productID`, String(l.productCode)],
    );
    if (l.domainName) f.push([`${p}domain`, l.domainName]);
    f.push(
      [`${p}status`, status],
      [`${p}statusCode`, String(STATUS_CODES[status] ?? 0)],
      [`${p}notBefore`, seconds(l.startsAt)],
      [`${p}notAfter`, seconds(l.expiresAt)],
      [`${p}productTermStartDate`, l.startsAt.slice(0, 10)],
      [`${p}productTermEndDate`, l.expiresAt.slice(0, 10)],
      [`${p}productTermDuration`, String(l.termDays)],
      [`${p}autoRenew`, l.autoRenew ? "Y" : "N"],
    );
    if (l.certificateId && optionalYN(params, "showCertificateID", false)) f.push([`${p}certificateID`, l.certificateId]);
  });
  return f;
}

/** The order numbers named by `orderNumber` and `foreignOrderNumber` (either list), ascending. */
function namedOrders(world: World, loginName: string, orders: Set<string> | undefined, foreign: Set<string> | undefined): number[] {
  const numbers = new Set<number>();
  if (orders) {
    for (const n of orders) if (/^\d+$/.test(n)) numbers.add(Number(n));
  } else if (foreign) {
    for (const f of foreign) for (const o of world.ordersByForeignNumber(loginName, f)) numbers.add(Number(o.orderNumber));
  }
  return [...numbers].sort((a, b) => a - b);
}

export const webHostReport: Endpoint = {
  name: "WebHostReport",
  allowGet: false,
  handle({ world, params }): Reply {
    checkParams(params, PARAMS);
    const account = authenticate(world, params);
    const [notBefore, notAfter, expireNotBefore, expireNotAfter] = ["notBefore", "notAfter", "expireNotBefore", "expireNotAfter"].map((n) => optionalInt(params, n));
    const first = optionalInt(params, "firstResultNo") ?? 1;
    const last = optionalInt(params, "lastResultNo") ?? first + PAGE - 1;
    if (first < 1) throw err.invalid("firstResultNo");
    if (last < first || last - first + 1 > MAX_PAGE) throw err.invalid("lastResultNo");
    const codes = list(params, "certificateStatusCode");
    if (codes && [...codes].some((c) => !/^\d+$/.test(c))) throw err.invalid("certificateStatusCode");
    const descs = list(params, "certificateStatusDesc");
    const orders = list(params, "orderNumber");
    const foreign = list(params, "foreignOrderNumber");
    const certs = list(params, "certificateID");
    const org = like(params.get("organizationName"));
    const fqdn = like(params.get("fqdn"));
    const now = world.now();

    const matches = (order: Order, licenses: License[]): boolean => {
      const created = Date.parse(order.createdAt) / 1000;
      const statuses = licenses.length > 0 ? licenses.map((l) => reportedStatus(l, now)) : [order.status];
      const customer = order.customerId ? world.customer(order.customerId) : undefined;
      const expiry = Math.max(0, ...licenses.map((l) => Date.parse(l.expiresAt) / 1000));
      return (
        (notBefore === undefined || created >= notBefore) &&
        (notAfter === undefined || created <= notAfter) &&
        (expireNotBefore === undefined || expiry >= expireNotBefore) &&
        (expireNotAfter === undefined || expiry <= expireNotAfter) &&
        (!orders || orders.has(order.orderNumber)) &&
        (!foreign || (order.foreignOrderNumber !== null && foreign.has(order.foreignOrderNumber))) &&
        (!certs || licenses.some((l) => l.certificateId !== undefined && certs.has(l.certificateId))) &&
        (!org || org(customer?.organizationName ?? "")) &&
        (!fqdn || licenses.some((l) => fqdn(l.domainName)) || fqdn(order.domainName ?? "")) &&
        (!descs || statuses.some((s) => descs.has(s))) &&
        (!codes || statuses.some((s) => codes.has(String(STATUS_CODES[s] ?? 0))))
      );
    };
    const filtered = [notBefore, notAfter, expireNotBefore, expireNotAfter, orders, foreign, certs, org, fqdn, descs, codes].some((f) => f !== undefined);
    const page: Array<{ order: Order; licenses: License[] }> = [];
    const take = (order: Order | undefined) => {
      if (order?.loginName !== account.loginName) return;
      page.push({ order, licenses: licensesOfOrder(world, order) });
    };
    if (!filtered) {
      // The whole list: the page is a slice of the account's ordered order numbers.
      for (const n of world.orderNumbersOf(account.loginName).slice(first - 1, last)) take(world.order(String(n)));
    } else {
      // Named orders come from the indexes; other filters walk the account's orders in order and
      // stop at the end of the page (cost grows with the page's position, not the account's size).
      const named = orders || foreign ? namedOrders(world, account.loginName, orders, foreign) : undefined;
      const numbers = named ?? world.orderNumbersOf(account.loginName);
      let seen = 0;
      for (const n of numbers) {
        const order = world.order(String(n));
        if (!order || order.loginName !== account.loginName) continue;
        const licenses = licensesOfOrder(world, order);
        if (!matches(order, licenses)) continue;
        seen++;
        if (seen >= first) page.push({ order, licenses });
        if (seen >= last) break;
      }
    }
    const fields: Array<[string, string]> = [
      ["errorCode", "0"],
      ["noOfResults", String(page.length)],
    ];
    page.forEach(({ order, licenses }, i) => fields.push(...orderFields(world, order, licenses, i + 1, params)));
    return { type: "urlencoded", fields };
  },
  renderError(error: SandboxError): Reply {
    return urlencodedError(error);
  },
};
