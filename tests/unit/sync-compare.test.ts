/** The drift rule for one license against its report item (lib/sync/compare-page.ts), case by case. */
import { describe, expect, it } from "vitest";
import { compareLicense, theirStatus } from "@/lib/sync/compare-page";
import type { LicenseStatus } from "@/lib/generated/prisma/enums";

const EXPIRY = new Date("2031-05-01T10:00:00.000Z");
const ours = (status: LicenseStatus, over: Partial<{ expiresAt: Date | null; autoRenew: boolean }> = {}) => ({
  id: "lic-1",
  orderId: "ord-1",
  currentOrderNumber: "9100001",
  productCode: 1060,
  domainName: "a.example",
  status,
  expiresAt: EXPIRY,
  autoRenew: true,
  ...over,
});
const item = (status: string, over: Partial<{ notAfter: Date; autoRenew: string }> = {}) => ({
  index: 1,
  productCode: 1060,
  domain: "a.example",
  status,
  notAfter: over.notAfter ?? EXPIRY,
  extra: { autoRenew: over.autoRenew ?? "Y" },
});

describe("compareLicense", () => {
  it.each([
    // [ours, Sectigo's, kinds found]
    ["ACTIVE", "active", []],
    ["ACTIVE", "expired", []], // passed its expiry before our nightly pass: the dates decide, not drift
    ["EXPIRED", "active", []],
    ["PENDING", "awaiting", []],
    ["CANCELLED", "cancelled", []],
    ["CANCELLED", "rejected", []],
    ["REFUNDED", "refunded", []],
    ["ACTIVE", "cancelled", ["STATUS"]],
    ["ACTIVE", "refunded", ["STATUS"]],
    ["PENDING", "active", ["STATUS"]],
    ["CANCELLED", "active", ["STATUS"]],
    ["ACTIVE", "something-new", []], // a status we do not know is not compared
  ] as Array<[LicenseStatus, string, string[]]>)("ours %s, Sectigo %s -> %j", (o, t, kinds) => {
    expect(compareLicense(ours(o), item(t), "9100001").map((d) => d.kind)).toEqual(kinds);
  });

  it("finds expiry and auto-renew differences, to the second", () => {
    expect(compareLicense(ours("ACTIVE"), item("active", { notAfter: new Date(EXPIRY.getTime() + 999) }), "1")).toEqual([]);
    const drift = compareLicense(ours("ACTIVE"), item("active", { notAfter: new Date(EXPIRY.getTime() + 1000), autoRenew: "N" }), "1");
    expect(drift.map((d) => [d.kind, d.ours, d.theirs])).toEqual([
      ["EXPIRY", EXPIRY.toISOString(), new Date(EXPIRY.getTime() + 1000).toISOString()],
      ["AUTO_RENEW", "true", "false"],
    ]);
    expect(compareLicense(ours("ACTIVE", { expiresAt: null }), item("active"), "1").map((d) => d.kind)).toEqual(["EXPIRY"]);
  });

  it("maps Sectigo's statuses to ours", () => {
    expect(["awaiting", "active", "expired", "cancelled", "rejected", "refunded", "test"].map(theirStatus)).toEqual(["PENDING", "ACTIVE", "EXPIRED", "CANCELLED", "CANCELLED", "REFUNDED", undefined]);
  });
});
