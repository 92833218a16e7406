/**
 * `!modifyThirdPartyDetails` with action=CANCELLICENCE (Sectigo's modifyThirdPartyDetails reference): always
 * cancels the license of the given product on the order — a base license takes its add-ons with it —
 * and refunds whatever is still inside its own refund period. URL-encoded answers only.
 *
 * Decisions:
 * - `product` accepts every SiteLock code incl. 1072, 1076, 1078, 1082 ("Canceling orders" cancels add-ons and 1072 this way; the reference's list is shorter).
 * - `action`: CANCELLICENCE (documented British spelling) and CANCELLICENSE are both accepted.
 * - `action=AUTORENEW` with `autoRenew=Y|N` switches auto-renew on the license of that product
 *   (lib/sectigo/README.md "Auto-renew on an existing license", [INFERENCE]): a live license only
 *   (-20/-18 when cancelled/refunded, -4 orderNumber while awaiting authorization); switching it on
 *   once the license has expired is refused like a late renewal (-121), so it never renews a lapsed
 *   license from its old expiry. Other actions are not simulated (-4 action).
 * - Rows whose names were not legible are accepted under plausible names and ignored:
 *   qualysCompanyName, codeGuardUserName, codeGuardEmailAddress (autoRenew is read by AUTORENEW). [INFERENCE]
 * - The product must be a license on that order or an add-on of its base license (-4 product).
 */
import { authenticate, credit } from "../core/accounts";
import { isSiteLockCode, productOf } from "../core/catalog";
import { err, type SandboxError } from "../core/errors";
import { baseLicenseOfOrder, cancelWithAddOns, licensesOfOrder, liveAddOnsOf } from "../core/licenses";
import { checkParams, optionalInt, orderNumberParam, type ParamSpec } from "../core/params";
import { urlencodedError, type Reply } from "../http/reply";
import type { Endpoint } from "./endpoint";
import { refusalFor } from "./auto-refund";
import { hasExpired } from "../core/rules/renewal-window";

const PARAMS: readonly ParamSpec[] = [
  { name: "loginName", required: true, max: 64 },
  { name: "loginPassword", required: true, max: 128 },
  { name: "orderNumber", required: true, max: 20 },
  { name: "product", required: true, max: 9 },
  { name: "action", required: true, max: 32 },
  { name: "qualysLoginName", max: 50 },
  { name: "qualysCompanyName", max: 50 },
  { name: "codeGuardUserName", max: 50 },
  { name: "codeGuardEmailAddress", max: 50 },
  { name: "autoRenew", max: 1 },
];

export const modifyThirdPartyDetails: Endpoint = {
  name: "modifyThirdPartyDetails",
  allowGet: false,
  handle({ world, params }): Reply {
    checkParams(params, PARAMS);
    const account = authenticate(world, params);
    const action = (params.get("action") ?? "").toUpperCase();
    if (action !== "CANCELLICENCE" && action !== "CANCELLICENSE" && action !== "AUTORENEW") throw err.invalid("action");
    const product = optionalInt(params, "product");
    if (product === undefined || !isSiteLockCode(product)) throw err.invalid("product");
    const order = world.order(orderNumberParam(params, "orderNumber") ?? "");
    if (!order || order.loginName !== account.loginName || order.status === "test") throw err.invalid("orderNumber");
    const base = baseLicenseOfOrder(world, order);
    const candidates = [...licensesOfOrder(world, order), ...(base ? [base, ...liveAddOnsOf(world, base)] : [])];
    const matches = candidates.filter((l) => l.productCode === product);
    const target = matches.find((l) => l.status === "active" || l.status === "awaiting") ?? matches[0];
    if (!target) throw err.invalid("product");
    const refusal = refusalFor(target);
    if (refusal) throw refusal;
    if (action === "AUTORENEW") {
      const flag = (params.get("autoRenew") ?? "").toUpperCase();
      if (flag === "") throw err.missing("autoRenew");
      if (flag !== "Y" && flag !== "N") throw err.invalid("autoRenew");
      if (target.status !== "active") throw err.invalid("orderNumber");
      if (flag === "Y" && hasExpired(new Date(target.expiresAt), world.now())) throw err.renewalWindow();
      target.autoRenew = flag === "Y";
      return { type: "urlencoded", fields: [["errorCode", "0"]] };
    }
    // The bundle (1072) comes free with its certificate: cancelling it refunds nothing, whenever
    // (issue 9 review #6, lib/sectigo/README.md). The money is the certificate's (AutoRefund on it).
    credit(account, cancelWithAddOns(world, target, productOf(target.productCode)?.kind === "bundle" ? "never" : "if-eligible"));
    return { type: "urlencoded", fields: [["errorCode", "0"]] };
  },
  renderError(error: SandboxError): Reply {
    return urlencodedError(error);
  },
};
