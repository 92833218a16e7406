/**
 * The few documented constraints checked before anything is sent (a rejected call to Sectigo
 * is cheap, but a call that should never have been made still lands in the audit trail).
 */
import { type CallContext, validationError } from "../errors/map-error";
import type { SectigoError } from "../types";

/** `domainName`: 32767 in the SRA "Ordering products", 64 in the Partner Portal's — the stricter limit wins. */
export const DOMAIN_NAME_MAX = 64;

export function checkDomain(ctx: CallContext, domainName: string | undefined): SectigoError | undefined {
  const value = domainName?.trim() ?? "";
  if (!value) return validationError(ctx, "domainName", "MISSING_FIELD", "Please fill in the domain name.");
  if (value.length > DOMAIN_NAME_MAX) {
    return validationError(ctx, "domainName", "INVALID_FIELD", `The domain name can be at most ${DOMAIN_NAME_MAX} characters.`);
  }
  if (/\s|\//.test(value)) return validationError(ctx, "domainName", "INVALID_FIELD", "Enter a bare domain name such as example.com.");
  return undefined;
}

export function checkEmail(ctx: CallContext, field: string, email: string | undefined): SectigoError | undefined {
  const value = email?.trim() ?? "";
  if (!value) return validationError(ctx, field, "MISSING_FIELD", "Please fill in the e-mail address.");
  // Undocumented shape rule, kept equal to the sandbox's (local@domain.tld) to save a round trip.
  if (value.length > 255 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    return validationError(ctx, field, "INVALID_FIELD", "Please enter a valid e-mail address.");
  }
  return undefined;
}

/** Order numbers are sent as digits ("Canceling orders" says integer, the AutoRefund reference string). */
export function checkOrderNumber(ctx: CallContext, field: string, value: string | undefined): SectigoError | undefined {
  if (!value?.trim()) return validationError(ctx, field, "MISSING_FIELD", "An order number is required.");
  if (!/^\d+$/.test(value.trim())) return validationError(ctx, field, "INVALID_FIELD", "Sectigo order numbers are digits only.");
  return undefined;
}

export function checkLength(ctx: CallContext, field: string, value: string | undefined, max: number): SectigoError | undefined {
  if (value === undefined) return undefined;
  if (!value.trim()) return validationError(ctx, field, "INVALID_FIELD", "This field cannot be blank.");
  if (value.length > max) return validationError(ctx, field, "INVALID_FIELD", `This field can be at most ${max} characters.`);
  return undefined;
}
