/**
 * Every documented vendor code maps to a domain code (one table), in both response formats, and names
 * the wire parameters it concerns as Sectigo spells them (AutoApplyOrder here).
 */
import { describe, expect, it } from "vitest";
import { SECTIGO_ERROR_CODES } from "@/lib/sectigo/client";
import { NEW_CUSTOMER, stubClient, stubFetch } from "./helpers";

const CASES: Array<[number, string, string, string[] | undefined]> = [
  [-1, "Request was not made over https!", "PROTOCOL_ERROR", undefined],
  [-2, "'previousOrder' is an unrecognised argument!", "UNKNOWN_FIELD", ["previousOrder"]],
  [-2, "'colour' is an unrecognised argument!", "UNKNOWN_FIELD", ["colour"]],
  [-3, "The 'domainName' argument is missing!", "MISSING_FIELD", ["domainName"]],
  [-4, "The value of the 'days' argument is invalid!", "INVALID_FIELD", ["days"]],
  [-4, "The value of the 'domainName' argument is invalid! Domain already exists", "DUPLICATE", ["domainName"]],
  [-7, "'XX' is not a valid ISO-3166 country!", "INVALID_FIELD", ["countryName"]],
  [-14, "An unknown error occurred!", "UNAVAILABLE", undefined],
  [-15, "Not enough credit!", "INSUFFICIENT_FUNDS", undefined],
  [-16, "Incorrect login details, account is locked, password has expired, or your source IP is blocked!", "AUTH_FAILED", undefined],
  [-17, "GET used instead of POST", "PROTOCOL_ERROR", undefined],
  [-18, "This order has already been refunded", "ALREADY_REFUNDED", undefined],
  [-20, "This order has already been cancelled", "ALREADY_CANCELLED", undefined],
  [-38, "Certain details that must be validated for 'organizationName' are missing from this Account!", "ACCOUNT_INCOMPLETE", ["organizationName"]],
  [-39, "At least 1 item is missing from this order!", "MISSING_FIELD", undefined],
  [-42, "Call limit reached", "RATE_LIMITED", undefined],
  [-54, "The order can have one main license only!", "INVALID_PRODUCT_COMBINATION", undefined],
  [-56, "Your current license expires on 2026-01-01. Licenses can only be renewed up to 30 days prior to the expiry of your existing license.", "OUTSIDE_RENEWAL_WINDOW", undefined],
  [-62, "Company name is required but missing.", "MISSING_FIELD", ["organizationName"]],
  [-70, "Invalid Email Address!", "INVALID_FIELD", ["appRepEmailAddress"]],
  [-76, "SiteLock partner account isn't activated", "NOT_ENABLED", undefined],
  [-83, "'disableSiteLock' is not applicable to this order!", "NOT_APPLICABLE", ["disableSiteLock"]],
  [-91, "Permission Denied. 'x'", "NOT_ENABLED", undefined],
  [-115, "No price found for product 1059", "PRICE_NOT_FOUND", ["days"]],
  [-121, "Renew must be within the renewal period of the existing license", "OUTSIDE_RENEWAL_WINDOW", undefined],
  [-121, "You cannot buy a lower tier add-on for this product", "ADDON_NOT_ALLOWED", undefined],
  [-122, "Such domain or account already exists", "DUPLICATE", ["domainName", "appRepEmailAddress"]],
  [-124, "SSL PLUS SiteLock Bundle can only be ordered together with an SSL certificate", "INVALID_PRODUCT_COMBINATION", ["product"]],
  [-124, "SiteLock Monitor can only be ordered together with SSL product", "INVALID_PRODUCT_COMBINATION", ["product"]],
  [-128, "You can not buy the addon.", "ADDON_NOT_ALLOWED", undefined],
  [-999, "Something new", "UNEXPECTED", undefined],
];

describe.each(["lines", "urlencoded"] as const)("vendor codes in %s format", (format) => {
  it.each(CASES)("%i %s → %s", async (code, message, domainCode, parameters) => {
    const body = format === "lines" ? `${code}\n${message}\n` : new URLSearchParams({ errorCode: String(code), errorMessage: message }).toString();
    const { client } = stubClient(stubFetch(body).fetch);
    const result = await client.orderSiteLockForNewCustomer(NEW_CUSTOMER);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("api");
    expect(result.error.code).toBe(code);
    expect(result.error.domainCode).toBe(domainCode);
    expect(result.error.parameters).toEqual(parameters);
    expect(result.error.mayHavePlaced).toBe(code === -14);
    expect(result.error.userMessage).not.toMatch(/\{field\}/);
    expect(result.error.userMessage.length).toBeGreaterThan(10);
    expect(SECTIGO_ERROR_CODES).toContain(result.error.domainCode);
  });
});

describe("context-dependent codes", () => {
  it("-121 without a telling message follows the request: renewal → window, else add-on", async () => {
    const bare = "-121\n\n";
    const renewal = await stubClient(stubFetch(bare).fetch).client.renewSiteLock({ ...NEW_CUSTOMER, productCodes: [1061], previousOrderNumber: "1" });
    expect(!renewal.ok && renewal.error.domainCode).toBe("OUTSIDE_RENEWAL_WINDOW");
    const addOn = await stubClient(stubFetch(bare).fetch).client.orderSiteLockAddOn({ ...NEW_CUSTOMER, addOnCodes: [1068], previousOrderNumber: "1" });
    expect(!addOn.ok && addOn.error.domainCode).toBe("ADDON_NOT_ALLOWED");
  });

  it("-18 on an SSL bundle order is the legacy SSL FQDN error (contradictions #31)", async () => {
    const { client } = stubClient(stubFetch("-18\nInvalid FQDN\n").fetch);
    const result = await client.orderSslWithSiteLockBundle({ productCodes: [287], days: 365, domainName: "x.example", contactEmail: "a@x.example", autoRenew: false });
    expect(!result.ok && result.error).toMatchObject({ domainCode: "INVALID_FIELD", parameters: ["domainName"] });
  });

  it("-2 on PlaceOrder keeps the numbered errorItem as sent, and words it (underscore prefix allowed)", async () => {
    const { client } = stubClient(stubFetch("errorCode=-2&errorMessage=x&errorItem=_2_MACAddress").fetch);
    const result = await client.placeOrder({ brand: "b", resellerPays: true, customer: { kind: "returning" }, items: [{ pricingCode: 1 }, { pricingCode: 2 }] });
    expect(!result.ok && result.error).toMatchObject({ domainCode: "UNKNOWN_FIELD", parameters: ["_2_MACAddress"] });
    expect(!result.ok && result.error.userMessage).toContain("mac address of item 2");
  });
});
