/** Public surface of the Sectigo client. Import from "@/lib/sectigo/client". */
export { createSectigoClient, type SectigoClient } from "./client";
export { SectigoConfigError, sectigoConfig, redactConfig } from "./config";
export type {
  CallOptions,
  OrderContext,
  RecordedCall,
  RecordedOutcome,
  SectigoClientConfig,
  SectigoError,
  SectigoErrorKind,
  SectigoMode,
  SectigoOperation,
  SectigoResult,
} from "./types";
export { SECTIGO_ERROR_CODES, type SectigoErrorCode } from "./errors/codes";
export type {
  AddOnOrder,
  AutoApplyOrderInput,
  ExistingCustomerOrder,
  NewCustomerOrder,
  PlacedOrder,
  PlanChangeOrder,
  RenewalOrder,
  SiteLock911Order,
  SiteLockDays,
  SslBundleOrder,
} from "./operations/auto-apply-order";
export { OFFER_CODES } from "./operations/place-order";
export type { CompanyDetails, OfferCode, PersonDetails, PlaceOrderCustomer, PlaceOrderInput, PlaceOrderItem, PlaceOrderResult } from "./operations/place-order";
export type { AuthorizedOrder, AutoAuthorizeInput, AutoRejectInput, RejectedOrder } from "./operations/authorize-reject";
export { REFUND_REASONS, type AutoRefundInput, type RefundReason, type RefundedOrder } from "./operations/auto-refund";
export type { CancelledLicense, CancelLicenseInput, ModifyThirdPartyDetailsInput, SetAutoRenewInput } from "./operations/modify-third-party-details";
export type { WebHostReport, WebHostReportInput, WebHostReportItem, WebHostReportRow } from "./operations/web-host-report";
export type { AccountBalance } from "./operations/account-balance";
export {
  encodeOrderingUrl,
  orderingItemCodeName,
  orderingParamName,
  orderingUrlAction,
  type EncodedOrderingUrl,
  type OrderingUrlInput,
  type OrderingUrlItem,
} from "./operations/ordering-url";
