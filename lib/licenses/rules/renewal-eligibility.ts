/**
 * Whether Order Desk may renew a license by hand now, and if not, a sentence saying why. Pure: the
 * license page, the renew use case, the bulk preview and the bulk job all ask it. The window itself
 * is THE rule of license-status.ts (half-open: expiry − 30 days ≤ now < expiry).
 *
 * Checked in this order, so the message names the most lasting reason:
 * 1. NOT_ACTIVE      pending, cancelled or refunded (stored events; dates no longer matter)
 * 2. SECTIGO_BILLS_CUSTOMER  ordered with reseller=N (license-payer.ts): the customer renews it
 *                    through Sectigo; a renewal from Order Desk would debit our funds
 * 3. NOT_RENEWABLE   the SSL PLUS SiteLock bundle (1072) renews with its SSL certificate
 *                    (Sectigo's "Renewing product licenses"); SiteLock 911 (1082) is a one-off service; no expiry recorded
 * 4. EXPIRED         from the expiry instant on: Sectigo refuses (-121/-56); a new order is needed
 * 5. AUTO_RENEW_ON   Sectigo renews it itself at expiry: renewing by hand as well would pay twice
 * 6. OUTSIDE_WINDOW  before the window opens (`opensAt` says when)
 */
import type { LicenseStatus } from "@/lib/generated/prisma/client";
import { SECTIGO_BILLS_CUSTOMER_REFUSALS } from "./payer";
import { licenseStatus, renewalOpensOn } from "./status";

export const SSL_BUNDLE_PRODUCT_CODE = 1072;
export const SITELOCK_911_PRODUCT_CODE = 1082;

export type RenewalRefusalCode = "OUTSIDE_WINDOW" | "EXPIRED" | "AUTO_RENEW_ON" | "NOT_RENEWABLE" | "NOT_ACTIVE" | "SECTIGO_BILLS_CUSTOMER";

export type RenewalEligibility = { ok: true } | { ok: false; code: RenewalRefusalCode; message: string; opensAt?: Date };

export interface LicenseForEligibility {
  status: LicenseStatus;
  expiresAt: Date | null;
  autoRenew: boolean;
  productCode: number;
  /** sectigoBillsCustomer of the creating order's request (license-payer.ts). */
  sectigoBillsCustomer: boolean;
}

/** A date as people read it on the page and in messages (UTC, like the rule). */
export function renewalDate(d: Date): string {
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function renewalEligibility(license: LicenseForEligibility, now: Date): RenewalEligibility {
  const status = licenseStatus(license, now);
  if (status === "PENDING") return refuse("NOT_ACTIVE", "This license is still waiting for its order to be authorized; it can be renewed once it is active.");
  if (status === "CANCELLED") return refuse("NOT_ACTIVE", "This license was cancelled; it cannot be renewed. Order a new license to protect the site again.");
  if (status === "REFUNDED") return refuse("NOT_ACTIVE", "This license was refunded; it cannot be renewed. Order a new license to protect the site again.");
  if (license.sectigoBillsCustomer) return refuse("SECTIGO_BILLS_CUSTOMER", SECTIGO_BILLS_CUSTOMER_REFUSALS.renewal);
  if (license.productCode === SSL_BUNDLE_PRODUCT_CODE) {
    return refuse("NOT_RENEWABLE", "The SSL PLUS SiteLock bundle cannot be renewed on its own: it renews with its SSL certificate.");
  }
  if (license.productCode === SITELOCK_911_PRODUCT_CODE || !license.expiresAt) {
    return refuse("NOT_RENEWABLE", "This is a one-off service without an expiry date; there is nothing to renew.");
  }
  if (status === "EXPIRED") {
    return refuse("EXPIRED", `This license expired on ${renewalDate(license.expiresAt)}; Sectigo renews only before expiry. Order a new license to protect the site again.`);
  }
  if (license.autoRenew) {
    return refuse("AUTO_RENEW_ON", "Auto-renew is on: Sectigo renews it itself at expiry. Switch auto-renew off to renew by hand.");
  }
  if (status === "ACTIVE") {
    const opensAt = renewalOpensOn(license.expiresAt)!;
    return { ok: false, code: "OUTSIDE_WINDOW", message: `Renewal opens on ${renewalDate(opensAt)}, 30 days before the license expires.`, opensAt };
  }
  return { ok: true };
}

function refuse(code: RenewalRefusalCode, message: string): RenewalEligibility {
  return { ok: false, code, message };
}
