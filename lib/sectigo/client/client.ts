/**
 * The Sectigo client: one typed function per operation, each returning SectigoResult<T>.
 * Credentials live only in this closure; the client object itself holds no secret.
 */
import type { CallOptions, OrderContext, SectigoClientConfig, SectigoResult } from "./types";
import { redactConfig, resolveConfig } from "./config";
import { send, type WireCall } from "./transport";
import type { CallContext } from "./errors/map-error";
import type { ParsedBody } from "./wire/response";
import type { FormBody } from "./wire/form";
import {
  type AutoApplyOrderInput,
  type PlacedOrder,
  autoApplyOrderContext,
  decodePlacedOrder,
  encodeAutoApplyOrder,
  validateAutoApplyOrder,
} from "./operations/auto-apply-order";
import { type PlaceOrderInput, type PlaceOrderResult, decodePlaceOrder, encodePlaceOrder, placeOrderContext, validatePlaceOrder } from "./operations/place-order";
import {
  type AuthorizedOrder,
  type AutoAuthorizeInput,
  type AutoRejectInput,
  type RejectedOrder,
  decodeAuthorized,
  decodeStatusOnly,
  encodeAutoAuthorize,
  encodeAutoReject,
  orderOnlyContext,
} from "./operations/authorize-reject";
import { type AutoRefundInput, type RefundedOrder, encodeAutoRefund } from "./operations/auto-refund";
import {
  type CancelledLicense,
  type CancelLicenseInput,
  type ModifyThirdPartyDetailsInput,
  type SetAutoRenewInput,
  encodeModifyThirdPartyDetails,
} from "./operations/modify-third-party-details";
import { type WebHostReport, type WebHostReportInput, decodeWebHostReport, encodeWebHostReport, validateWebHostReport } from "./operations/web-host-report";
import { type AccountBalance, decodeAccountBalance, encodeGetAccountBalance } from "./operations/account-balance";
import { checkOrderNumber } from "./operations/validate";
import { REPORT_MAX_RESPONSE_BYTES } from "./read-body";

type VariantInput<K extends AutoApplyOrderInput["kind"]> = Omit<Extract<AutoApplyOrderInput, { kind: K }>, "kind">;

export type SectigoClient = ReturnType<typeof createSectigoClient>;

const ENDPOINTS = {
  autoApplyOrder: "!AutoApplyOrder", // with "!" (SRA and the API reference; the Partner Portal omits it), fields in the body
  placeOrder: "!PlaceOrder",
  autoAuthorize: "!AutoAuthorize",
  autoReject: "!AutoReject",
  autoRefund: "!AutoRefund", // the AutoRefund reference's .html rendering names !AutoReject: a slip
  modifyThirdPartyDetails: "!modifyThirdPartyDetails",
  webHostReport: "!WebHostReport",
  getAccountBalance: "!getAccountBalance",
} as const;

export function createSectigoClient(config: SectigoClientConfig) {
  const resolved = resolveConfig(config);
  const auth = { loginName: resolved.loginName, loginPassword: resolved.loginPassword };
  const publicView = redactConfig(config);

  function call<T>(
    ctx: CallContext,
    body: FormBody,
    orderContext: OrderContext,
    decode: (body: ParsedBody) => T | undefined,
    options?: CallOptions,
  ): Promise<SectigoResult<T>> {
    const wire: WireCall<T> = {
      endpoint: ENDPOINTS[ctx.operation],
      body,
      ctx,
      orderContext: { ...orderContext, ...options?.context, operation: ctx.operation },
      decode,
    };
    if (options?.timeoutMs !== undefined) wire.timeoutMs = options.timeoutMs;
    // Report pages are the only answers that grow with the reseller's size.
    if (ctx.operation === "webHostReport") wire.maxResponseBytes = REPORT_MAX_RESPONSE_BYTES;
    return send(resolved, wire);
  }

  const fail = <T>(error: import("./types").SectigoError): Promise<SectigoResult<T>> => Promise.resolve({ ok: false, error });

  function autoApplyOrder(input: AutoApplyOrderInput, options?: CallOptions): Promise<SectigoResult<PlacedOrder>> {
    const ctx: CallContext = { operation: "autoApplyOrder", variant: input.kind, mutating: true, testMode: input.testMode ?? false };
    const invalid = validateAutoApplyOrder(input, ctx);
    if (invalid) return fail(invalid);
    const testMode = input.testMode ?? false;
    return call(ctx, encodeAutoApplyOrder(input, auth), autoApplyOrderContext(input), (b) => decodePlacedOrder(b, testMode), options);
  }

  const variant =
    <K extends AutoApplyOrderInput["kind"]>(kind: K) =>
    (input: VariantInput<K>, options?: CallOptions) =>
      autoApplyOrder({ ...input, kind } as AutoApplyOrderInput, options);

  function placeOrder(input: PlaceOrderInput, options?: CallOptions): Promise<SectigoResult<PlaceOrderResult>> {
    const ctx: CallContext = { operation: "placeOrder", mutating: true };
    const invalid = validatePlaceOrder(input, ctx);
    if (invalid) return fail(invalid);
    return call(ctx, encodePlaceOrder(input, auth), placeOrderContext(input), decodePlaceOrder, options);
  }

  function autoAuthorize(input: AutoAuthorizeInput, options?: CallOptions): Promise<SectigoResult<AuthorizedOrder>> {
    const ctx: CallContext = { operation: "autoAuthorize", mutating: true, testMode: input.testMode ?? false };
    const invalid = checkOrderNumber(ctx, "orderNumber", input.orderNumber);
    if (invalid) return fail(invalid);
    const context = orderOnlyContext("autoAuthorize", input.orderNumber.trim(), input.testMode);
    return call(ctx, encodeAutoAuthorize(input, auth), context, (b) => decodeAuthorized(b, input), options);
  }

  function autoReject(input: AutoRejectInput, options?: CallOptions): Promise<SectigoResult<RejectedOrder>> {
    const ctx: CallContext = { operation: "autoReject", mutating: true, testMode: input.testMode ?? false };
    const invalid = checkOrderNumber(ctx, "orderNumber", input.orderNumber);
    if (invalid) return fail(invalid);
    const value: RejectedOrder = { orderNumber: input.orderNumber.trim(), testMode: input.testMode ?? false };
    const context = orderOnlyContext("autoReject", value.orderNumber, input.testMode);
    return call(ctx, encodeAutoReject(input, auth), context, (b) => decodeStatusOnly(b, value), options);
  }

  function autoRefund(input: AutoRefundInput, options?: CallOptions): Promise<SectigoResult<RefundedOrder>> {
    const ctx: CallContext = { operation: "autoRefund", mutating: true };
    const invalid = checkOrderNumber(ctx, "orderNumber", input.orderNumber);
    if (invalid) return fail(invalid);
    const value: RefundedOrder = { orderNumber: input.orderNumber.trim() };
    const context = orderOnlyContext("autoRefund", value.orderNumber);
    return call(ctx, encodeAutoRefund(input, auth), context, (b) => decodeStatusOnly(b, value), options);
  }

  function modifyThirdPartyDetails(input: ModifyThirdPartyDetailsInput, options?: CallOptions): Promise<SectigoResult<CancelledLicense>> {
    const ctx: CallContext = { operation: "modifyThirdPartyDetails", variant: input.action, mutating: true };
    const invalid = checkOrderNumber(ctx, "orderNumber", input.orderNumber);
    if (invalid) return fail(invalid);
    const value: CancelledLicense = { orderNumber: input.orderNumber.trim(), productCode: input.productCode };
    const context: OrderContext = { operation: "modifyThirdPartyDetails", variant: input.action, orderNumber: value.orderNumber };
    return call(ctx, encodeModifyThirdPartyDetails(input, auth), context, (b) => decodeStatusOnly(b, value), options);
  }

  function webHostReport(input: WebHostReportInput = {}, options?: CallOptions): Promise<SectigoResult<WebHostReport>> {
    const ctx: CallContext = { operation: "webHostReport", mutating: false };
    const invalid = validateWebHostReport(input, ctx);
    if (invalid) return fail(invalid);
    const context: OrderContext = { operation: "webHostReport" };
    if (input.foreignOrderNumbers?.length === 1) context.foreignOrderNumber = input.foreignOrderNumbers[0]!;
    return call(ctx, encodeWebHostReport(input, auth), context, decodeWebHostReport, options);
  }

  function getAccountBalance(options?: CallOptions): Promise<SectigoResult<AccountBalance>> {
    const ctx: CallContext = { operation: "getAccountBalance", mutating: false };
    return call(ctx, encodeGetAccountBalance(auth), { operation: "getAccountBalance" }, decodeAccountBalance, options);
  }

  const client = {
    mode: config.mode,
    autoApplyOrder,
    orderSiteLockForNewCustomer: variant("newCustomer"),
    orderSiteLockForExistingCustomer: variant("existingCustomer"),
    orderSiteLockAddOn: variant("addOn"),
    renewSiteLock: variant("renewal"),
    changeSiteLockPlan: variant("planChange"),
    orderSiteLock911: variant("siteLock911"),
    orderSslWithSiteLockBundle: variant("sslBundle"),
    placeOrder,
    autoAuthorize,
    autoReject,
    autoRefund,
    modifyThirdPartyDetails,
    cancelLicense: (input: Omit<CancelLicenseInput, "action">, options?: CallOptions) =>
      modifyThirdPartyDetails({ ...input, action: "cancelLicense" }, options),
    setAutoRenew: (input: Omit<SetAutoRenewInput, "action">, options?: CallOptions) => modifyThirdPartyDetails({ ...input, action: "setAutoRenew" }, options),
    webHostReport,
    getAccountBalance,
    toJSON: () => ({ sectigoClient: publicView }),
    toString: () => `SectigoClient(${JSON.stringify(publicView)})`,
    [Symbol.for("nodejs.util.inspect.custom")]: () => ({ sectigoClient: publicView }),
  };
  return client;
}
