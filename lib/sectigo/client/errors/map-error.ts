/**
 * Turns whatever went wrong into a typed SectigoError. Vendor codes come from the one table in
 * `codes.ts`; this file only adds what needs the request context (-121 and -18 each have two documented meanings; the request tells them apart).
 */
import type { SectigoError, SectigoErrorKind, SectigoOperation } from "../types";
import type { ApiErrorParts } from "../wire/response";
import { fieldLabel, wireNameOf } from "../wire/fields";
import {
  RENEWAL_WINDOW_ENTRY,
  UNKNOWN_VENDOR_CODE,
  VENDOR_ERROR_TABLE,
  type SectigoErrorCode,
  type VendorCodeEntry,
} from "./codes";

export interface CallContext {
  operation: SectigoOperation;
  /** AutoApplyOrder variant ("renewal", "addOn", "sslBundle", ...). */
  variant?: string;
  /** Whether the call can place an order / move money / change a license. */
  mutating: boolean;
  testMode?: boolean;
}

/** Codes whose message quotes the offending parameter name: 'xxxx'. */
const NAMES_A_PARAMETER = new Set([-2, -3, -4, -38, -83]);

export function apiError(parts: ApiErrorParts, ctx: CallContext): SectigoError {
  const base = refine(parts, ctx, VENDOR_ERROR_TABLE[parts.code] ?? UNKNOWN_VENDOR_CODE);
  // The parameter as Sectigo spelled it; else the ones the code always concerns, in this operation's spelling.
  const named = parts.item ?? (NAMES_A_PARAMETER.has(parts.code) ? quotedName(parts.message) : undefined);
  const parameters = named ? [named] : (base.fields ?? []).map((f) => wireNameOf(ctx.operation, f));
  // -14 "An unknown error occurred": not a definite rejection, so it may have been acted on.
  const uncertain = parts.code === -14 && ctx.mutating && !ctx.testMode;
  const error: SectigoError = {
    kind: "api",
    code: parts.code,
    domainCode: base.domainCode,
    meaning: base.meaning,
    userMessage: base.userMessage.replace("{field}", fieldLabel(ctx.operation, parameters[0])),
    operation: ctx.operation,
    mayHavePlaced: uncertain,
    retryable: base.domainCode === "RATE_LIMITED",
  };
  if (parameters.length > 0) error.parameters = parameters;
  if (parts.message) error.vendorMessage = parts.message;
  return error;
}

function refine(parts: ApiErrorParts, ctx: CallContext, entry: VendorCodeEntry): VendorCodeEntry {
  const message = parts.message ?? "";
  if (parts.code === -121) {
    // Same code, two documented meanings: the message decides, else the kind of request.
    if (/renew/i.test(message)) return RENEWAL_WINDOW_ENTRY;
    if (/add-?on|tier/i.test(message)) return entry;
    return ctx.variant === "renewal" ? RENEWAL_WINDOW_ENTRY : entry;
  }
  if (parts.code === -4 && /already exist/i.test(message)) {
    return { ...entry, domainCode: "DUPLICATE", userMessage: "{field} is already in use at SiteLock. Use the existing customer's order instead." };
  }
  if (parts.code === -18 && ctx.variant === "sslBundle") {
    // Legacy SSL API: -18 is an FQDN argument error, not "already refunded" (the legacy SSL API's meaning; SiteLock's "Response parameters" says already refunded).
    return { domainCode: "INVALID_FIELD", meaning: "The domain name is not acceptable for the certificate.", userMessage: "Please check the domain name.", fields: ["domainName"] };
  }
  if (parts.code === -20 && ctx.operation === "autoReject") {
    return { ...entry, userMessage: "This order has already been rejected or cancelled." };
  }
  return entry;
}

function quotedName(message: string | undefined): string | undefined {
  const match = message ? /'([^']+)'/.exec(message) : null;
  return match?.[1];
}

interface TransportFailure {
  kind: Exclude<SectigoErrorKind, "api" | "validation">;
  /** True when the request may have reached Sectigo (false only when provably not sent). */
  maySent: boolean;
  httpStatus?: number;
  detail?: string;
  /** The answer was cut at this many bytes (kind "malformed"): not read further, not parsed. */
  tooLargeOver?: number;
}

/** Errors where we have no (usable) answer from Sectigo. */
export function transportError(failure: TransportFailure, ctx: CallContext): SectigoError {
  const mayHavePlaced = failure.maySent && ctx.mutating && !ctx.testMode;
  const { domainCode, meaning, userMessage } = describeTransport(failure, mayHavePlaced);
  const error: SectigoError = {
    kind: failure.kind,
    domainCode,
    meaning,
    userMessage,
    operation: ctx.operation,
    mayHavePlaced,
    retryable: !mayHavePlaced && (domainCode === "UNAVAILABLE" || domainCode === "RATE_LIMITED"),
  };
  if (failure.httpStatus !== undefined) error.httpStatus = failure.httpStatus;
  if (failure.detail) error.vendorMessage = failure.detail;
  return error;
}

const UNKNOWN_OUTCOME_MESSAGE =
  "We could not confirm whether Sectigo processed this request. The order is marked for reconciliation; do not place it again.";

function describeTransport(
  failure: TransportFailure,
  mayHavePlaced: boolean,
): { domainCode: SectigoErrorCode; meaning: string; userMessage: string } {
  const meaning = {
    timeout: "No complete answer from Sectigo within the time limit.",
    network: failure.maySent ? "The connection failed after the request was sent." : "Sectigo could not be reached; nothing was sent.",
    http: `Sectigo answered with HTTP ${failure.httpStatus ?? "?"}.`,
    malformed:
      failure.tooLargeOver !== undefined
        ? `Sectigo's answer was larger than ${failure.tooLargeOver} bytes; it was cut off and not read.`
        : "Sectigo's answer could not be understood.",
  }[failure.kind];
  if (mayHavePlaced) return { domainCode: "OUTCOME_UNKNOWN", meaning, userMessage: UNKNOWN_OUTCOME_MESSAGE };
  if (failure.httpStatus === 429) return { domainCode: "RATE_LIMITED", meaning, userMessage: "Sectigo is limiting requests right now. Wait a minute, then try again." };
  if (failure.kind === "malformed") return { domainCode: "UNEXPECTED", meaning, userMessage: "Sectigo sent an unexpected answer. Try again later." };
  return { domainCode: "UNAVAILABLE", meaning, userMessage: "Sectigo is not reachable right now. Try again in a few minutes." };
}

/** Client-side check failed; nothing was sent. `field` is the client's input name; the error names its wire parameter. */
export function validationError(
  ctx: CallContext,
  field: string,
  domainCode: "INVALID_FIELD" | "MISSING_FIELD",
  userMessage: string,
): SectigoError {
  return {
    kind: "validation",
    domainCode,
    meaning: "Rejected by the client before sending (documented constraint).",
    userMessage,
    parameters: [wireNameOf(ctx.operation, field)],
    operation: ctx.operation,
    mayHavePlaced: false,
    retryable: false,
  };
}
