/**
 * `!AutoAuthorize` and `!AutoReject` (Sectigo's AutoAuthorize and AutoReject references): orders placed with reseller=Y
 * wait for one of them. Newline-delimited answers only ("restricted to line-delimited parameters").
 *
 * Decisions [INFERENCE where the error table was not retrieved]:
 * - Success: line 1 `0`; for AutoAuthorize of an order whose only product is a SiteLock license,
 *   line 2 = slUserID and line 3 = slSiteID (the parameters the changelog added).
 * - Funds are debited on authorization ("SiteLock license", "Authorizing orders"); short -> -15.
 * - Not awaiting: refunded -18, cancelled or rejected -20, already authorized / not ours -4 orderNumber.
 * - test=Y validates and answers as usual without changing anything.
 */
import { productOf } from "../core/catalog";
import { authenticate, debit } from "../core/accounts";
import { err, type SandboxError } from "../core/errors";
import { licensesOfOrder } from "../core/licenses";
import { checkParams, optionalYN, orderNumberParam, type ParamBag, type ParamSpec } from "../core/params";
import type { Order } from "../core/types";
import type { World } from "../core/world";
import { newlineError, type Reply } from "../http/reply";
import type { Endpoint } from "./endpoint";
import { applyRenewal } from "./place-order/plan";

const AUTHORIZE_PARAMS: readonly ParamSpec[] = [
  { name: "loginName", required: true, max: 64 },
  { name: "loginPassword", required: true, max: 128 },
  { name: "orderNumber", required: true, max: 20 },
  { name: "test", max: 1 },
  { name: "disableSWP", max: 1 },
];
const REJECT_PARAMS = AUTHORIZE_PARAMS.filter((p) => p.name !== "disableSWP");

function awaitingOrder(world: World, params: ParamBag, loginName: string): Order {
  const number = orderNumberParam(params, "orderNumber") ?? "";
  const order = world.order(number);
  if (!order || order.loginName !== loginName) throw err.invalid("orderNumber");
  if (order.status === "refunded") throw err.alreadyRefunded();
  if (order.status === "cancelled" || order.status === "rejected") throw err.alreadyCancelled();
  if (order.status !== "awaiting") throw err.invalid("orderNumber");
  return order;
}

function authorize(world: World, order: Order): string[] {
  const account = world.account(order.loginName);
  if (!account) throw err.unknown();
  debit(account, order.totalCost);
  const now = world.now();
  for (const license of licensesOfOrder(world, order)) if (license.status === "awaiting") license.status = "active";
  for (const renewal of order.pendingRenewals ?? []) {
    const license = world.license(renewal.licenseId);
    if (license) applyRenewal(license, renewal.days, renewal.price, now, order.orderNumber);
  }
  delete order.pendingRenewals;
  order.status = "active";
  const licenses = licensesOfOrder(world, order);
  const base = licenses[0];
  const customer = order.customerId ? world.customer(order.customerId) : undefined;
  if (licenses.length === 1 && base && customer && productOf(base.productCode) !== undefined) return ["0", customer.slUserId, base.slSiteId];
  return ["0"];
}

function reject(world: World, order: Order): string[] {
  for (const license of licensesOfOrder(world, order)) if (license.status === "awaiting") license.status = "rejected";
  delete order.pendingRenewals;
  order.status = "rejected";
  return ["0"];
}

function endpoint(name: "AutoAuthorize" | "AutoReject"): Endpoint {
  return {
    name,
    allowGet: false,
    handle({ world, params }): Reply {
      checkParams(params, name === "AutoAuthorize" ? AUTHORIZE_PARAMS : REJECT_PARAMS);
      const account = authenticate(world, params);
      const test = optionalYN(params, "test", false);
      optionalYN(params, "disableSWP", false);
      const order = awaitingOrder(world, params, account.loginName);
      const act = () => (name === "AutoAuthorize" ? authorize(world, order) : reject(world, order));
      return { type: "newline", lines: test ? world.dryRun(act) : act() };
    },
    renderError(error: SandboxError): Reply {
      return newlineError(error);
    },
  };
}

export const autoAuthorize = endpoint("AutoAuthorize");
export const autoReject = endpoint("AutoReject");
