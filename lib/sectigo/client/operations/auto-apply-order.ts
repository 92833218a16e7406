/**
 * `!AutoApplyOrder` for SiteLock: new customer, existing customer, add-on, renewal,
 * upgrade/downgrade, SiteLock 911, and SSL with the SSL PLUS SiteLock Bundle.
 * Sources: Sectigo's "Ordering products", "Renewing product licenses", "Upgrading or downgrading
 * products" and the AutoApplyOrder reference "SiteLock license".
 */
import type { z } from "zod";
import type {
  addOnOrderSchema,
  autoApplyCommonSchema,
  autoApplyContactSchema,
  autoApplyOrderSchema,
  autoApplyOrganizationSchema,
  existingCustomerOrderSchema,
  newCustomerOrderSchema,
  planChangeOrderSchema,
  renewalOrderSchema,
  siteLock911OrderSchema,
  siteLockDaysSchema,
  sslBundleOrderSchema,
} from "../../../catalog/auto-apply-order";
import type { CallContext } from "../errors/map-error";
import { validationError } from "../errors/map-error";
import type { OrderContext, SectigoError } from "../types";
import { FormBody, commaList } from "../wire/form";
import { WIRE_FIELDS } from "../wire/fields";
import { type ParsedBody, nonEmpty, parseMoney } from "../wire/response";
import { checkDomain, checkEmail, checkLength, checkOrderNumber } from "./validate";

const W = WIRE_FIELDS.autoApplyOrder;

export const SITELOCK_911_PRODUCT_CODE = 1082;

/*
 * The input types are the catalog's AutoApplyOrder schemas (lib/catalog/auto-apply-order.ts), inferred:
 * no hand-written twin, so a field added to the catalog reaches these types. The wire names stay here
 * (WIRE_FIELDS.autoApplyOrder); tests/sectigo/client/auto-apply-types.test.ts checks both agree.
 */
export type SiteLockDays = z.infer<typeof siteLockDaysSchema>;
export type OrderCommon = z.infer<typeof autoApplyCommonSchema>;
export type Contact = z.infer<typeof autoApplyContactSchema>;
export type Organization = z.infer<typeof autoApplyOrganizationSchema>;
export type NewCustomerOrder = z.infer<typeof newCustomerOrderSchema>;
/** New license (new domain) on an existing SiteLock account, identified by one of its orders. */
export type ExistingCustomerOrder = z.infer<typeof existingCustomerOrderSchema>;
/** Add-on(s) for an existing license; `domainName` identifies the license. */
export type AddOnOrder = z.infer<typeof addOnOrderSchema>;
/** Renewal inside the 30-day window; products and domain must equal the original order. */
export type RenewalOrder = z.infer<typeof renewalOrderSchema>;
/** Upgrade or downgrade to `productCode` (pro-rated by Sectigo; expiry unchanged). */
export type PlanChangeOrder = z.infer<typeof planChangeOrderSchema>;
/** SiteLock 911 (1082): `days` is omitted ("Ordering products"; the AutoApplyOrder reference asks for it). */
export type SiteLock911Order = z.infer<typeof siteLock911OrderSchema>;
/** An SSL certificate that brings the free SSL PLUS SiteLock Bundle unless disabled. */
export type SslBundleOrder = z.infer<typeof sslBundleOrderSchema>;
export type AutoApplyOrderInput = z.infer<typeof autoApplyOrderSchema>;

export interface PlacedOrder {
  orderNumber: string;
  /** 0 → "COMPLETED" (amount debited); 1 → "PENDING" (payment or validation pending: the SRA and Partner Portal "Response parameters" differ). */
  status: "COMPLETED" | "PENDING";
  /** Amount debited (COMPLETED) or required (PENDING), account currency. */
  cost?: number;
  uniqueValue?: string;
  siteLockUserId?: string;
  siteLockSiteId?: string;
  testMode: boolean;
}

const CSR_PRIORITY = { csr: "Y", fields: "N", fieldsOnly: "P", csrOnly: "C" } as const;

function productList(input: AutoApplyOrderInput): number[] {
  switch (input.kind) {
    case "newCustomer":
    case "existingCustomer":
    case "planChange":
      return [input.productCode, ...(input.addOnCodes ?? [])];
    case "addOn":
      return input.addOnCodes;
    case "renewal":
    case "sslBundle":
      return input.productCodes;
    case "siteLock911":
      return [SITELOCK_911_PRODUCT_CODE];
  }
}

export function validateAutoApplyOrder(input: AutoApplyOrderInput, ctx: CallContext): SectigoError | undefined {
  const products = productList(input);
  if (products.length === 0 || products.some((p) => !Number.isInteger(p) || p <= 0)) {
    return validationError(ctx, "productCodes", "INVALID_FIELD", "Choose at least one valid product.");
  }
  if (input.kind !== "siteLock911" && input.kind !== "sslBundle" && input.days !== 30 && input.days !== 365) {
    return validationError(ctx, "days", "INVALID_FIELD", "SiteLock terms are 30 or 365 days.");
  }
  if (input.kind === "sslBundle" && (!Number.isInteger(input.days) || input.days <= 0)) {
    return validationError(ctx, "days", "INVALID_FIELD", "Choose a valid certificate term.");
  }
  const previous = "previousOrderNumber" in input ? input.previousOrderNumber : undefined;
  return (
    checkDomain(ctx, input.domainName) ??
    checkEmail(ctx, "contactEmail", input.contactEmail) ??
    (previous !== undefined || needsPrevious(input) ? checkOrderNumber(ctx, "previousOrderNumber", previous) : undefined) ??
    (input.kind === "newCustomer"
      ? checkLength(ctx, "siteLockLoginName", input.siteLockLoginName, 50) ??
        checkLength(ctx, "siteLockLoginPassword", input.siteLockLoginPassword, 50)
      : undefined) ??
    checkLength(ctx, "foreignOrderNumber", input.foreignOrderNumber, 64)
  );
}

function needsPrevious(input: AutoApplyOrderInput): boolean {
  return input.kind === "existingCustomer" || input.kind === "addOn" || input.kind === "renewal" || input.kind === "planChange";
}

export function encodeAutoApplyOrder(input: AutoApplyOrderInput, auth: { loginName: string; loginPassword: string }): FormBody {
  const body = new FormBody()
    .set(W.loginName, auth.loginName)
    .set(W.loginPassword, auth.loginPassword)
    .set(W.productCodes, commaList(productList(input)))
    .set(W.days, input.kind === "siteLock911" ? undefined : input.days)
    .set(W.domainName, input.domainName)
    .set(W.contactEmail, input.contactEmail)
    .set(W.contactFirstName, input.contactFirstName)
    .set(W.contactLastName, input.contactLastName)
    .set(W.contactPhone, input.contactPhone);
  if ("previousOrderNumber" in input) body.set(W.previousOrderNumber, input.previousOrderNumber);
  if (input.kind === "newCustomer") {
    body
      .set(W.organizationName, input.organizationName)
      .set(W.streetAddress, input.streetAddress)
      .set(W.stateOrProvince, input.stateOrProvince)
      .set(W.postalCode, input.postalCode)
      .set(W.countryCode, input.countryCode)
      .set(W.siteLockLoginName, input.siteLockLoginName)
      .set(W.siteLockLoginPassword, input.siteLockLoginPassword);
  }
  if (input.kind === "sslBundle") {
    body
      .set(W.serverSoftware, input.serverSoftware)
      .set(W.organizationName, input.organizationName)
      .set(W.locality, input.locality)
      .set(W.stateOrProvince, input.stateOrProvince)
      .set(W.countryCode, input.countryCode)
      .set(W.customerValidated, input.customerValidated)
      .set(W.csr, input.csr)
      .set(W.csrPriority, input.csrPriority ? CSR_PRIORITY[input.csrPriority] : undefined)
      .set(W.disableSiteLock, input.disableSiteLock);
  }
  return body
    .set(W.autoRenew, input.autoRenew)
    .set(W.foreignOrderNumber, input.foreignOrderNumber)
    .set(W.testMode, input.testMode ? true : undefined)
    .set(W.responseFormat, input.responseFormat ?? 1);
}

export function autoApplyOrderContext(input: AutoApplyOrderInput): OrderContext {
  const context: OrderContext = { operation: "autoApplyOrder", variant: input.kind, domainName: input.domainName };
  if ("previousOrderNumber" in input && input.previousOrderNumber) context.previousOrderNumber = input.previousOrderNumber;
  if (input.foreignOrderNumber) context.foreignOrderNumber = input.foreignOrderNumber;
  if (input.testMode) context.testMode = true;
  return context;
}

/**
 * Newline layout (the Partner Portal's "Response parameters"): 1 status, 2 order number, 3 amount, 4 deprecated
 * delivery time, then unique value; SiteLock user/site IDs are documented on fixed lines 8/9
 * while lines 5–7 vary (the same table says both). With ≥9 lines we trust 8/9; otherwise sequential.
 */
export function decodePlacedOrder(body: ParsedBody, testMode: boolean): PlacedOrder | undefined {
  if (body.status !== 0 && body.status !== 1) return undefined;
  const status = body.status === 0 ? "COMPLETED" : "PENDING";
  let orderNumber: string | undefined;
  let cost: string | undefined;
  let uniqueValue: string | undefined;
  let userId: string | undefined;
  let siteId: string | undefined;
  if (body.format === "lines") {
    const [, order, amount, , ...rest] = body.lines;
    orderNumber = nonEmpty(order);
    cost = amount;
    if (rest.length >= 5) {
      uniqueValue = rest.slice(0, 3).map(nonEmpty).find(Boolean);
      userId = rest[3];
      siteId = rest[4];
    } else {
      [uniqueValue, userId, siteId] = rest;
    }
  } else {
    const f = body.fields;
    orderNumber = nonEmpty(f.get("orderNumber"));
    cost = f.get("totalCost", "cost");
    uniqueValue = f.get("uniqueValue");
    userId = f.get("slUserID", "siteLockUserID");
    siteId = f.get("slSiteID", "siteLockSiteID");
  }
  if (!orderNumber || !/^\d+$/.test(orderNumber)) return undefined;
  const parsedCost = parseMoney(cost);
  if (cost !== undefined && cost.trim() !== "" && parsedCost === undefined) return undefined;
  const order: PlacedOrder = { orderNumber, status, testMode };
  if (parsedCost !== undefined) order.cost = parsedCost;
  if (nonEmpty(uniqueValue)) order.uniqueValue = nonEmpty(uniqueValue);
  if (nonEmpty(userId)) order.siteLockUserId = nonEmpty(userId);
  if (nonEmpty(siteId)) order.siteLockSiteId = nonEmpty(siteId);
  return order;
}
