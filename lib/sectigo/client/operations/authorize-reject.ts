/**
 * `!AutoAuthorize` / `!AutoReject`: act on an order placed with payment pending (status 1 /
 * PlaceOrder reseller=Y). Source: Sectigo's AutoAuthorize and AutoReject references. The response is documented as
 * "line-delimited" but with named parameters; both layouts are accepted (the references word it differently).
 */
import type { OrderContext } from "../types";
import { FormBody } from "../wire/form";
import { WIRE_FIELDS } from "../wire/fields";
import { type ParsedBody, nonEmpty } from "../wire/response";

export interface AutoAuthorizeInput {
  orderNumber: string;
  /** `test=Y`: validate only, nothing is authorized. */
  testMode?: boolean;
  /** `disableSWP=Y`: do not add free Sectigo Web products (SSL orders). */
  disableFreeWebProducts?: boolean;
}

export interface AutoRejectInput {
  orderNumber: string;
  testMode?: boolean;
}

export interface AuthorizedOrder {
  orderNumber: string;
  testMode: boolean;
  /** Only when a SiteLock license is the only product on the order. */
  siteLockUserId?: string;
  siteLockSiteId?: string;
}

export interface RejectedOrder {
  orderNumber: string;
  testMode: boolean;
}

type Auth = { loginName: string; loginPassword: string };

export function encodeAutoAuthorize(input: AutoAuthorizeInput, auth: Auth): FormBody {
  const W = WIRE_FIELDS.autoAuthorize;
  return new FormBody()
    .set(W.loginName, auth.loginName)
    .set(W.loginPassword, auth.loginPassword)
    .set(W.orderNumber, input.orderNumber.trim())
    .set(W.testMode, input.testMode ? true : undefined)
    .set(W.disableFreeWebProducts, input.disableFreeWebProducts);
}

export function encodeAutoReject(input: AutoRejectInput, auth: Auth): FormBody {
  const W = WIRE_FIELDS.autoReject;
  return new FormBody()
    .set(W.loginName, auth.loginName)
    .set(W.loginPassword, auth.loginPassword)
    .set(W.orderNumber, input.orderNumber.trim())
    .set(W.testMode, input.testMode ? true : undefined);
}

export function orderOnlyContext(operation: OrderContext["operation"], orderNumber: string, testMode?: boolean): OrderContext {
  return testMode ? { operation, orderNumber, testMode } : { operation, orderNumber };
}

/** [INFERENCE] newline layout on success: line 2 = SiteLock user ID, line 3 = site ID. */
export function decodeAuthorized(body: ParsedBody, input: AutoAuthorizeInput): AuthorizedOrder | undefined {
  if (body.status !== 0) return undefined;
  const userId = body.format === "lines" ? body.lines[1] : body.fields.get("slUserID", "siteLockUserID");
  const siteId = body.format === "lines" ? body.lines[2] : body.fields.get("slSiteID", "siteLockSiteID");
  const out: AuthorizedOrder = { orderNumber: input.orderNumber.trim(), testMode: input.testMode ?? false };
  if (nonEmpty(userId)) out.siteLockUserId = nonEmpty(userId);
  if (nonEmpty(siteId)) out.siteLockSiteId = nonEmpty(siteId);
  return out;
}

export function decodeStatusOnly<T>(body: ParsedBody, value: T): T | undefined {
  return body.status === 0 ? value : undefined;
}
