/**
 * `!PlaceOrder` for resellers, every product of the sandbox's own table (core/products/, from "SiteLock license" and "The !PlaceOrder API for Resellers"): SiteLock plans and add-ons
 * (license rules in ./place-order/plan.ts), and every other PlaceOrder code with its product's own
 * required fields (./place-order/product-fields.ts). GET (query string) or POST
 * (form body). Answers URL-encoded, or redirects the browser (302) to successURL / errorURL with the
 * same fields in the query string.
 *
 * Decisions:
 * - Success body: the response table says errorCode is "always present" while the sample shows only
 *   `orderNumber=9551164`; the sandbox sends `errorCode=0&orderNumber=...` (both readings parse).
 * - Errors carry errorCode, errorMessage and, when a parameter is at fault, errorItem (its name). The
 *   seed's -16 sample puts the sentence into errorItem; the sandbox follows the response table.
 * - `offerCode`: "documented separately" (never retrieved); the four documented values concern EV /
 *   HackerProof offers whose rules are unknown, so a valid value is -83 (not applicable) on every order
 *   and any other value -4.
 * - Order-level parameters of EV / eIDAS / PSD2 products (joi*, organizationIdentifier, roles, disableSWP
 *   for SSL...) are accepted when a product of the order declares them in core/products/parameters.ts, else -83.
 *   `domainName` is "only relevant for SiteLock products": -83 on an order without a SiteLock item.
 * - -76 (SiteLock not activated) only for orders with a SiteLock item.
 * - -1 (plain HTTP) is not simulated: the sandbox itself is plain HTTP on loopback.
 * - An account without SiteLock enabled ordering a SiteLock item gets -76 "SiteLock partner account isn't activated", as on
 *   AutoApplyOrder: no PlaceOrder error list names this case (-91 "Permission Denied" is the
 *   nearest); the client maps both to NOT_ENABLED.
 */
import { authenticate, requireSiteLock } from "../core/accounts";
import { err, type SandboxError } from "../core/errors";
import { checkParams, optionalYN, type ParamBag } from "../core/params";
import { encodeFields, urlencodedError, type Reply } from "../http/reply";
import type { Endpoint } from "./endpoint";
import { isReturning, resolveCustomer } from "./place-order/customer";
import { certificateDomain, checkProductFields, declaredOrderParams } from "./place-order/product-fields";
import { parseItems } from "./place-order/items";
import { isItemParam, itemMax, NOT_FOR_SITELOCK, normalizePlaceOrder, PLACE_ORDER_PARAMS } from "./place-order/params";
import { placeOrderFromItems } from "./place-order/plan";
import { isDomainName } from "../core/params";

const OFFER_CODES = ["FREE_EV_UPGRADE", "FREE_EV_UPGRADE_REQUIRED", "EVSSLPREREGISTRATIONOFFER", "FREE_HP_UPGRADE"];

function redirectTo(target: string | undefined, fields: Array<[string, string]>): Reply | undefined {
  if (!target || target.length > 255) return undefined;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const query = encodeFields(fields, "percent");
  const location = url.search ? `${url.toString()}&${query}` : `${url.toString().replace(/\?$/, "")}?${query}`;
  return { type: "redirect", location };
}

function checkAll(params: ParamBag): void {
  checkParams(params, [...PLACE_ORDER_PARAMS, ...NOT_FOR_SITELOCK], "us", isItemParam);
  for (const name of params.names()) {
    const max = isItemParam(name) ? itemMax(name) : undefined;
    if (max !== undefined && params.getAll(name).some((v) => v.length > max)) throw err.invalid(name);
  }
}

export const placeOrder: Endpoint = {
  name: "PlaceOrder",
  allowGet: true,
  normalize: normalizePlaceOrder,
  handle({ world, params }): Reply {
    checkAll(params);
    const account = authenticate(world, params, "us");
    const items = parseItems(params);
    const siteLock = items.some((i) => i.catalog === undefined);
    if (siteLock) requireSiteLock(account);
    const reseller = optionalYN(params, "reseller", false) ? "Y" : "N";
    const declared = declaredOrderParams(items);
    for (const spec of NOT_FOR_SITELOCK) if (params.has(spec.name) && !declared.has(spec.name.toLowerCase())) throw err.notApplicable(spec.name);
    const offerCode = params.get("offerCode");
    if (offerCode !== undefined) {
      if (!OFFER_CODES.includes(offerCode)) throw err.invalid("offerCode");
      throw err.notApplicable("offerCode");
    }
    const domainName = params.get("domainName");
    if (domainName !== undefined && !siteLock) throw err.notApplicable("domainName");
    if (domainName !== undefined && !isDomainName(domainName)) throw err.invalid("domainName");
    const resolved = resolveCustomer(world, account, params, domainName ?? items[0]?.domainName, { siteLock });
    checkProductFields(params, items, isReturning(params));
    const itemDomains = new Map(items.flatMap((i) => {
      const domain = i.catalog ? certificateDomain(params, i) : undefined;
      return domain ? [[i.n, domain] as const] : [];
    }));
    const order = placeOrderFromItems(world, {
      account, items, itemDomains, domainName, reseller, resolved,
      extra: { ap: params.get("ap"), region: params.get("region") ?? "Unknown" },
    });
    const fields: Array<[string, string]> = [
      ["errorCode", "0"],
      ["orderNumber", order.orderNumber],
    ];
    return redirectTo(params.get("successURL"), fields) ?? { type: "urlencoded", fields, spaces: "percent" };
  },
  renderError(error: SandboxError, params: ParamBag): Reply {
    const reply = urlencodedError(error, true);
    const fields = reply.type === "urlencoded" ? reply.fields : [];
    return redirectTo(params.get("errorURL"), fields) ?? { type: "urlencoded", fields, spaces: "percent" };
  },
};
