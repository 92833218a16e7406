/**
 * Sectigo error codes as data. Each factory returns the literal message from the documents where
 * one is known ("SiteLock license" and "The !PlaceOrder API for Resellers", and Sectigo's "Response parameters"); where no literal was retrieved the
 * sandbox writes its own wording and says so.
 */
export class SandboxError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** The request parameter that caused the error, when there is one (PlaceOrder `errorItem`). */
    readonly item?: string,
  ) {
    super(message);
    this.name = "SandboxError";
  }
}

export type Spelling = "uk" | "us";

/**
 * Decision (not in the documents): -2 names the unknown parameter only when the name looks like one
 * (at most 64 letters, digits, spaces or `_ - . [ ]`). Anything else — a JSON or multipart body read
 * as a form, a password sent as a name — is shown as `[not a parameter name]`, so a request's
 * content (passwords included) is never written back.
 */
const PARAMETER_NAME = /^[A-Za-z0-9_.\-[\] ]{1,64}$/;
export function shownName(name: string): string {
  return PARAMETER_NAME.test(name) ? name : "[not a parameter name]";
}

export const err = {
  /**
   * -2. Decision: PlaceOrder answers with its seed wording "unrecognized" (002), every other
   * endpoint with the generic Sectigo wording "unrecognised" (Sectigo's generic error messages).
   */
  unrecognised: (name: string, spelling: Spelling = "uk") =>
    new SandboxError(-2, `'${shownName(name)}' is an ${spelling === "uk" ? "unrecognised" : "unrecognized"} argument!`, shownName(name)),
  missing: (name: string) => new SandboxError(-3, `The '${name}' argument is missing!`, name),
  invalid: (name: string) => new SandboxError(-4, `The value of the '${name}' argument is invalid!`, name),
  badCountry: (value: string, item = "countryName") =>
    new SandboxError(-7, `'${value}' is not a valid ISO-3166 country!`, item),
  unknown: () => new SandboxError(-14, "An unknown error occurred!"),
  notEnoughCredit: () => new SandboxError(-15, "Not enough credit!"),
  /** -16. PlaceOrder uses the "SiteLock license" sentence; the other endpoints the generic one. */
  badLogin: (spelling: Spelling = "uk") =>
    new SandboxError(
      -16,
      spelling === "us"
        ? "Incorrect login details, account is locked, password has expired or your source IP is blocked."
        : "Incorrect login details, account is locked, password has expired, or your source IP is blocked!",
    ),
  /** -17: no literal message retrieved; sandbox wording. */
  postRequired: () => new SandboxError(-17, "Request was not made using the POST method!"),
  /** -18 / -20: literal messages not retrieved; sandbox wording. */
  alreadyRefunded: () => new SandboxError(-18, "This order has already been refunded!", "orderNumber"),
  alreadyCancelled: () => new SandboxError(-20, "This order has already been cancelled!", "orderNumber"),
  noItem: () => new SandboxError(-39, "At least 1 item is missing from this order!"),
  /** -42: literal message not retrieved; sandbox wording. */
  callLimit: () => new SandboxError(-42, "Call limit reached. Please try again later!"),
  oneMainLicense: () => new SandboxError(-54, "The order can have one main license only!"),
  /** -56 (PlaceOrder only, "SiteLock license" and "The !PlaceOrder API for Resellers"): renewal outside the window. */
  renewalTooEarly: (expiresOn: string) =>
    new SandboxError(
      -56,
      `Your current license expires on ${expiresOn}. Licenses can only be renewed up to 30 days prior to the expiry of your existing license.`,
    ),
  planNotFound: (item?: string) => new SandboxError(-65, "PlanID for this product not found.", item),
  invalidEmail: (item = "emailAddress") => new SandboxError(-70, "Invalid Email Address!", item),
  siteLockDisabled: () => new SandboxError(-76, "SiteLock partner account isn't activated"),
  notApplicable: (name: string) => new SandboxError(-83, `'${name}' is not applicable to this order!`, name),
  noPrice: (product: number | string) => new SandboxError(-115, `No price found for product ${product}`, "days"),
  /** -121 (AutoApplyOrder): renewal outside the window. SiteLock "Response parameters" says -121; the PlaceOrder documents -56. */
  renewalWindow: () =>
    new SandboxError(-121, "Renew must be within the renewal period of the existing license", "previousOrderNumber"),
  /** -121 (AutoApplyOrder): the same code is documented for a lower-tier add-on (the same "Response parameters" list). */
  lowerTierAddOn: () => new SandboxError(-121, "You cannot buy a lower tier add-on for this product", "product"),
  alreadyExists: (item: string) => new SandboxError(-122, "Such domain or account already exists!", item),
  /**
   * -124: "The !PlaceOrder API for Resellers" words it "SiteLock Monitor can only be ordered together with SSL product"; the newer
   * SRA list says the SSL PLUS SiteLock Bundle. Decision: SRA wording (newer page wins).
   */
  bundleWithoutSsl: () =>
    new SandboxError(-124, "SSL PLUS SiteLock Bundle can only be ordered together with an SSL certificate", "product"),
  addOnNotAllowed: (item = "product") => new SandboxError(-128, "You can not buy the addon.", item),
};
