/**
 * `!AutoRefund` (Sectigo's "Canceling orders" and the AutoRefund reference): checks that a refund is possible, then refunds AND
 * cancels. Newline-delimited answer: line 1 code, line 2 message on error.
 *
 * Rules: refundReasonCode 1..11 (-4 otherwise); the order's license must be an annual SiteLock license
 * (or an SSL certificate) still inside its 14-day refund period, counted from the purchase or the last
 * renewal; cancelling a base license cancels (and refunds) its add-ons. Already refunded -18, already
 * cancelled -20.
 * Decisions (codes not retrieved): an order that holds only add-ons, a monthly license, SiteLock 911,
 * the bundle, an order awaiting authorization or a period past 14 days -> -83 "'orderNumber' is not
 * applicable to this order!". The credit is what the reseller paid for the current period.
 */
import { authenticate, credit } from "../core/accounts";
import { productOf } from "../core/catalog";
import { err, type SandboxError } from "../core/errors";
import { baseLicenseOfOrder, cancelWithAddOns, inRefundWindow, licensesOfOrder } from "../core/licenses";
import { checkParams, optionalInt, orderNumberParam, type ParamSpec } from "../core/params";
import type { License } from "../core/types";
import { newlineError, type Reply } from "../http/reply";
import type { Endpoint } from "./endpoint";

const PARAMS: readonly ParamSpec[] = [
  { name: "loginName", required: true, max: 64 },
  { name: "loginPassword", required: true, max: 128 },
  { name: "orderNumber", required: true, max: 20 },
  { name: "refundReasonCode", required: true, max: 2 },
];

export function refusalFor(license: License | undefined): SandboxError | undefined {
  if (!license) return err.invalid("orderNumber");
  if (license.status === "refunded") return err.alreadyRefunded();
  if (license.status === "cancelled" || license.status === "rejected") return err.alreadyCancelled();
  return undefined;
}

export const autoRefund: Endpoint = {
  name: "AutoRefund",
  allowGet: false,
  handle({ world, params }): Reply {
    checkParams(params, PARAMS);
    const account = authenticate(world, params);
    const reason = optionalInt(params, "refundReasonCode");
    if (reason === undefined || reason < 1 || reason > 11) throw err.invalid("refundReasonCode");
    const order = world.order(orderNumberParam(params, "orderNumber") ?? "");
    if (!order || order.loginName !== account.loginName || order.status === "test") throw err.invalid("orderNumber");
    const licenses = licensesOfOrder(world, order);
    const onlyAddOns = licenses.length > 0 && licenses.every((l) => l.parentId !== null);
    const target = onlyAddOns ? licenses[0] : baseLicenseOfOrder(world, order);
    const refusal = refusalFor(target);
    if (refusal) throw refusal;
    if (!target || onlyAddOns) throw err.notApplicable("orderNumber");
    const kind = productOf(target.productCode)?.kind;
    const refundable = (kind === "base" || kind === "ssl") && target.status === "active" && inRefundWindow(target, world.now());
    if (!refundable) throw err.notApplicable("orderNumber");

    let amount = 0;
    if (kind === "ssl") {
      // An SSL refund removes the domain from SiteLock: the order's bundle license goes with it.
      for (const license of licenses) amount += cancelWithAddOns(world, license, license.id === target.id ? "always" : "never");
    } else {
      amount = cancelWithAddOns(world, target, "always");
    }
    credit(account, amount);
    order.refundReasonCode = reason;
    return { type: "newline", lines: ["0"] };
  },
  renderError(error: SandboxError): Reply {
    return newlineError(error);
  },
};
