/**
 * The ONE table mapping Sectigo error codes to Order Desk's domain error codes.
 * Sources: Sectigo's "Response parameters" (SiteLock), the API references' error tables, and the
 * PlaceOrder error lists of "SiteLock license" and "The !PlaceOrder API for Resellers".
 * Context-dependent codes (-121, -18, -4 duplicates) are refined in `map-error.ts`.
 */

export const SECTIGO_ERROR_CODES = [
  "INVALID_FIELD",
  "MISSING_FIELD",
  "UNKNOWN_FIELD",
  "NOT_APPLICABLE",
  "AUTH_FAILED",
  "INSUFFICIENT_FUNDS",
  "OUTSIDE_RENEWAL_WINDOW",
  "ADDON_NOT_ALLOWED",
  "INVALID_PRODUCT_COMBINATION",
  "PRICE_NOT_FOUND",
  "DUPLICATE",
  "ALREADY_REFUNDED",
  "ALREADY_CANCELLED",
  "NOT_ENABLED",
  "ACCOUNT_INCOMPLETE",
  "RATE_LIMITED",
  "PROTOCOL_ERROR",
  "UNAVAILABLE",
  "OUTCOME_UNKNOWN",
  "UNEXPECTED",
] as const;

export type SectigoErrorCode = (typeof SECTIGO_ERROR_CODES)[number];

export interface VendorCodeEntry {
  domainCode: SectigoErrorCode;
  /** The documented meaning (paraphrased from Sectigo). */
  meaning: string;
  /** What the user should do; `{field}` is replaced with the field's label when known. */
  userMessage: string;
  /**
   * For codes that name no parameter but always concern the same input(s): the client's input names
   * (`contactEmail`), sent as the operation's wire parameter (`appRepEmailAddress` or `emailAddress`).
   */
  fields?: readonly string[];
}

const entry = (
  domainCode: SectigoErrorCode,
  meaning: string,
  userMessage: string,
  fields?: string | readonly string[],
): VendorCodeEntry => (fields ? { domainCode, meaning, userMessage, fields: typeof fields === "string" ? [fields] : fields } : { domainCode, meaning, userMessage });

export const VENDOR_ERROR_TABLE: Readonly<Record<number, VendorCodeEntry>> = {
  [-1]: entry("PROTOCOL_ERROR", "Request was not made over HTTPS.", "Order Desk is misconfigured (Sectigo requires HTTPS). Contact an administrator."),
  [-2]: entry("UNKNOWN_FIELD", "A parameter is not recognised by Sectigo.", "Sectigo did not accept {field}. Contact an administrator; the order was not placed."),
  [-3]: entry("MISSING_FIELD", "A required parameter is missing.", "Please fill in {field}."),
  [-4]: entry("INVALID_FIELD", "A parameter value is invalid (may also mean the domain or e-mail already exists).", "Please check {field}; Sectigo rejected its value."),
  [-7]: entry("INVALID_FIELD", "The country is not a valid ISO-3166 code.", "Please choose a valid two-letter country.", "countryCode"),
  [-13]: entry("INVALID_FIELD", "The CSR uses an unsupported key size.", "Generate a new CSR with a supported key size (e.g. RSA 2048).", "csr"),
  [-14]: entry("UNAVAILABLE", "An unknown error occurred at Sectigo.", "Sectigo reported an internal error. Check the order status before trying again."),
  [-15]: entry("INSUFFICIENT_FUNDS", "Not enough credit on the reseller account.", "The reseller account has insufficient funds. Top up the Sectigo account, then try again."),
  [-16]: entry("AUTH_FAILED", "Incorrect login details, account locked, password expired or source IP blocked.", "Sectigo rejected the reseller credentials. An administrator must check the Sectigo login settings."),
  [-17]: entry("PROTOCOL_ERROR", "GET was used instead of POST.", "Order Desk is misconfigured (Sectigo requires POST). Contact an administrator."),
  [-18]: entry("ALREADY_REFUNDED", "The order has already been refunded.", "This order has already been refunded; nothing more to do."),
  [-20]: entry("ALREADY_CANCELLED", "The order has already been cancelled (or rejected).", "This order has already been cancelled; nothing more to do."),
  [-38]: entry("ACCOUNT_INCOMPLETE", "Details that must be validated are missing from the account.", "The Sectigo account is missing validated details for {field}. Contact Sectigo support."),
  [-39]: entry("MISSING_FIELD", "At least one item is missing from the order.", "Add at least one product to the order."),
  [-42]: entry("RATE_LIMITED", "Call limit reached; try again later.", "Sectigo is limiting requests right now. Wait a minute, then try again."),
  [-44]: entry("INVALID_FIELD", "Not a white-listed public key.", "The CSR's public key is not accepted. Generate a new key pair.", "csr"),
  [-45]: entry("DUPLICATE", "The offer is limited to one free license per account.", "This customer already has the free license; choose a paid product."),
  [-53]: entry("INVALID_FIELD", "Incorrect duration for the main license or IP pack.", "Choose a term that matches the main license.", "days"),
  [-54]: entry("INVALID_PRODUCT_COMBINATION", "The order can have one main license only.", "Order one main product at a time (add-ons may accompany it)."),
  [-56]: entry("OUTSIDE_RENEWAL_WINDOW", "Licenses can only be renewed up to 30 days before expiry.", "This license can only be renewed in the 30 days before it expires."),
  [-62]: entry("MISSING_FIELD", "Company name is required but missing.", "Please fill in the organisation name.", "organizationName"),
  [-65]: entry("PRICE_NOT_FOUND", "No plan/price found for this product.", "This product is not priced for the reseller account. Contact an administrator."),
  [-70]: entry("INVALID_FIELD", "Invalid e-mail address.", "Please enter a valid e-mail address.", "contactEmail"),
  [-76]: entry("NOT_ENABLED", "The SiteLock partner account is not activated.", "SiteLock is not enabled on the reseller account. An administrator must enable it in the Sectigo Reseller Area."),
  [-83]: entry("NOT_APPLICABLE", "A parameter is not applicable to this order.", "{field} does not apply to this product; remove it and try again."),
  [-91]: entry("NOT_ENABLED", "Permission denied.", "The reseller account lacks permission for this action. Contact an administrator."),
  [-97]: entry("AUTH_FAILED", "Session is expired.", "The Sectigo session expired. Try again."),
  [-114]: entry("UNEXPECTED", "Undocumented AutoAuthorize/AutoReject error (added June 2021).", "Sectigo refused the request. Contact support with the reference shown."),
  [-115]: entry("PRICE_NOT_FOUND", "No price found for the product (e.g. invalid term).", "This product is not available for that term. Choose another term.", "days"),
  [-121]: entry("ADDON_NOT_ALLOWED", "Lower-tier add-on not allowed, or renewal outside the renewal period (same code).", "This add-on cannot be bought for this plan."),
  // "Such domain or account already exists!" does not say which: both the domain and the e-mail.
  [-122]: entry(
    "DUPLICATE",
    "The domain or customer account (e-mail) already exists.",
    "Sectigo already has a SiteLock license for this domain, or an account with this e-mail. For an existing SiteLock customer, give one of their order numbers.",
    ["domainName", "contactEmail"],
  ),
  [-124]: entry("INVALID_PRODUCT_COMBINATION", "The SSL PLUS SiteLock Bundle (older docs: SiteLock Monitor) can only be ordered together with an SSL certificate.", "The SiteLock bundle must be ordered together with an SSL certificate.", "productCodes"),
  [-126]: entry("INVALID_FIELD", "HTTP(S) CSR hash DCV cannot validate a wildcard domain.", "Choose e-mail or CNAME validation for wildcard domains."),
  [-128]: entry("ADDON_NOT_ALLOWED", "The add-on cannot be bought.", "This add-on cannot be bought for this license."),
};

/** Used for any code not in the table: still a definite rejection by Sectigo. */
export const UNKNOWN_VENDOR_CODE: VendorCodeEntry = entry(
  "UNEXPECTED",
  "An error code this client does not know.",
  "Sectigo refused the request. Contact support with the reference shown.",
);

/** Meaning/message for -121 in its renewal sense (SiteLock "Response parameters" gives -121 two meanings; the PlaceOrder documents use -56). */
export const RENEWAL_WINDOW_ENTRY: VendorCodeEntry = entry(
  "OUTSIDE_RENEWAL_WINDOW",
  "Renewal must be within the renewal period of the existing license (30 days before expiry).",
  "This license can only be renewed in the 30 days before it expires.",
);
