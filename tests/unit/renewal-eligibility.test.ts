import { describe, expect, it } from "vitest";
import { renewalEligibility, type LicenseForEligibility } from "@/lib/licenses/rules/renewal-eligibility";
import { renewalSubmissionKey } from "@/lib/licenses/actions/renew";

const DAY = 86_400_000;
const now = new Date("2026-11-22T10:00:00Z");
const expiringIn = (days: number, ms = 0) => new Date(now.getTime() + days * DAY + ms);
const license = (over: Partial<LicenseForEligibility> = {}): LicenseForEligibility => ({
  status: "ACTIVE",
  expiresAt: expiringIn(10),
  autoRenew: false,
  productCode: 1060,
  sectigoBillsCustomer: false,
  ...over,
});

describe("renewalEligibility: the window edges", () => {
  it.each([
    ["31 days before expiry", expiringIn(31), "OUTSIDE_WINDOW"],
    ["1 ms before the window opens", expiringIn(30, 1), "OUTSIDE_WINDOW"],
    ["exactly 30 days before expiry (the window opens)", expiringIn(30), "ok"],
    ["1 day before expiry", expiringIn(1), "ok"],
    ["1 ms before expiry", expiringIn(0, 1), "ok"],
    ["the expiry instant (0 days)", expiringIn(0), "EXPIRED"],
    ["expired yesterday", expiringIn(-1), "EXPIRED"],
  ])("%s → %s", (_label, expiresAt, expected) => {
    const r = renewalEligibility(license({ expiresAt }), now);
    expect(r.ok ? "ok" : r.code).toBe(expected);
  });

  it("outside the window says when it opens (30 days before expiry), as a date and a sentence", () => {
    const r = renewalEligibility(license({ expiresAt: new Date("2027-03-01T00:00:00Z") }), now);
    expect(r).toMatchObject({ ok: false, code: "OUTSIDE_WINDOW", opensAt: new Date("2027-01-30T00:00:00Z") });
    expect(!r.ok && r.message).toBe("Renewal opens on 30 Jan 2027, 30 days before the license expires.");
  });

  it("an expired license names its expiry and the way out", () => {
    const r = renewalEligibility(license({ expiresAt: new Date("2026-11-01T00:00:00Z") }), now);
    expect(!r.ok && r.message).toMatch(/expired on 1 Nov 2026.*new license/);
  });
});

describe("renewalEligibility: what is never renewed by hand", () => {
  it.each([
    ["auto-renew on, inside the window", { autoRenew: true }, "AUTO_RENEW_ON", /Sectigo renews it itself at expiry\. Switch auto-renew off/],
    ["auto-renew on, outside the window", { autoRenew: true, expiresAt: expiringIn(200) }, "AUTO_RENEW_ON", /Switch auto-renew off/],
    ["the SSL PLUS SiteLock bundle (1072)", { productCode: 1072 }, "NOT_RENEWABLE", /renews with its SSL certificate/],
    ["SiteLock 911 (no expiry)", { productCode: 1082, expiresAt: null }, "NOT_RENEWABLE", /one-off/],
    ["cancelled", { status: "CANCELLED" as const }, "NOT_ACTIVE", /cancelled/],
    ["refunded", { status: "REFUNDED" as const }, "NOT_ACTIVE", /refunded/],
    ["pending authorization", { status: "PENDING" as const }, "NOT_ACTIVE", /authorized/],
    ["cancelled and expired: the cancellation is the reason", { status: "CANCELLED" as const, expiresAt: expiringIn(-3) }, "NOT_ACTIVE", /cancelled/],
    ["Sectigo bills the customer (reseller=N), inside the window", { sectigoBillsCustomer: true }, "SECTIGO_BILLS_CUSTOMER", /customer renews it through Sectigo/],
    ["Sectigo bills the customer (reseller=N), expired: who pays is the lasting reason", { sectigoBillsCustomer: true, expiresAt: expiringIn(-1) }, "SECTIGO_BILLS_CUSTOMER", /reseller=N/],
    ["expired with auto-renew on (the auto-renewal failed): expired", { autoRenew: true, expiresAt: expiringIn(-1) }, "EXPIRED", /expired/],
  ])("%s", (_label, over, code, message) => {
    const r = renewalEligibility(license(over), now);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(message);
    }
  });
});

describe("renewalSubmissionKey: one key per license and period", () => {
  it("is a UUID, the same for the same period, different for another period, license or attempt", () => {
    const k = renewalSubmissionKey("lic-1", "2026-12-01T00:00:00.000Z");
    expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(renewalSubmissionKey("lic-1", "2026-12-01T00:00:00.000Z")).toBe(k);
    expect(new Set([k, renewalSubmissionKey("lic-1", "2027-12-01T00:00:00.000Z"), renewalSubmissionKey("lic-2", "2026-12-01T00:00:00.000Z"), renewalSubmissionKey("lic-1", "2026-12-01T00:00:00.000Z", 2)]).size).toBe(4);
  });
});
