/**
 * The pure rules behind a plan change and a cancellation: the pro-rated charge and the new dates,
 * the 14-day refund window (and which call cancels), and the add-ons a plan may hold.
 */
import { describe, expect, it } from "vitest";
import { planChangeQuote } from "@/lib/licenses/rules/pro-rate";
import { cancellationCall, currentPeriodStart, refundWindow } from "@/lib/licenses/rules/refund-window";
import { addOnOutlivesLicense, addOnsLost, allowedAddOnCodes, tierOf } from "@/lib/licenses/rules/add-on-rules";
import { proRatedCharge } from "@/tools/sandbox/endpoints/auto-apply/pro-rate";
import { inRefundWindow } from "@/tools/sandbox/core/licenses";
import type { License } from "@/tools/sandbox/core/types";

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

describe("planChangeQuote (upgrades.md)", () => {
  const start = at("2026-01-01T00:00:00Z");
  const expiresAt = new Date(start.getTime() + 365 * DAY);

  it("the documented example: Basic $149 -> Pro $249 half way through a year costs $50, starts today, keeps the expiry", () => {
    const now = new Date(start.getTime() + 182.5 * DAY);
    const q = planChangeQuote({ oldTier: 1, newTier: 2, oldPrice: 149, newPrice: 249, termDays: 365, expiresAt }, now);
    expect(q).toEqual({ direction: "UPGRADE", charge: 50, startsAt: now, expiresAt, remainingDays: 183 });
  });

  it.each([
    ["on the first day: the full difference", 0, 200],
    ["one day before expiry", 364, 0.55],
    ["at the expiry instant: nothing left", 365, 0],
    ["after expiry: never negative", 400, 0],
  ])("%s", (_label, elapsedDays, charge) => {
    const now = new Date(start.getTime() + elapsedDays * DAY);
    expect(planChangeQuote({ oldTier: 1, newTier: 3, oldPrice: 99.99, newPrice: 299.99, termDays: 365, expiresAt }, now).charge).toBe(charge);
  });

  it("a downgrade is charged 0.00 and credits nothing", () => {
    const q = planChangeQuote({ oldTier: 2, newTier: 1, oldPrice: 299.99, newPrice: 99.99, termDays: 365, expiresAt }, start);
    expect(q.direction).toBe("DOWNGRADE");
    expect(q.charge).toBe(0);
  });

  it("charges exactly what the sandbox charges (one shared rule)", () => {
    const license = { productCode: 1060, termDays: 365, expiresAt: expiresAt.toISOString() } as License;
    for (const elapsed of [0, 1, 100, 200.5, 364.9]) {
      const now = new Date(start.getTime() + elapsed * DAY);
      const app = planChangeQuote({ oldTier: 1, newTier: 2, oldPrice: 99.99, newPrice: 299.99, termDays: 365, expiresAt }, now).charge;
      expect(app).toBe(proRatedCharge(license, 1061, now));
    }
  });
});

describe("refundWindow (cancel-refund.md)", () => {
  const purchased = at("2026-03-01T12:00:00Z");
  const closes = new Date(purchased.getTime() + 14 * DAY);

  it.each([
    ["at the purchase", purchased, "OPEN"],
    ["at the last instant of day 14 (inclusive)", closes, "OPEN"],
    ["one millisecond later", new Date(closes.getTime() + 1), "CLOSED"],
  ])("annual license %s: %s", (_l, now, state) => {
    const w = refundWindow({ termDays: 365, periodStart: purchased }, now);
    expect(w.state).toBe(state);
    expect(cancellationCall(w)).toBe(state === "OPEN" ? "autoRefund" : "cancelLicense");
    // The sandbox refunds by the same rule.
    expect(inRefundWindow({ termDays: 365, refundWindowStart: purchased.toISOString() } as License, now)).toBe(state === "OPEN");
  });

  it("a monthly license has none, even on its first day: CANCELLICENCE", () => {
    const w = refundWindow({ termDays: 30, periodStart: purchased }, purchased);
    expect(w).toEqual({ state: "NONE" });
    expect(cancellationCall(w)).toBe("cancelLicense");
  });

  it("restarts after a renewal: the period starts at the latest renewal", () => {
    const renewed = at("2027-02-10T08:00:00Z");
    const start = currentPeriodStart(purchased, [at("2026-12-01T00:00:00Z"), renewed]);
    expect(start).toEqual(renewed);
    expect(refundWindow({ termDays: 365, periodStart: start }, new Date(renewed.getTime() + 13 * DAY)).state).toBe("OPEN");
    expect(currentPeriodStart(purchased, [])).toEqual(purchased);
  });
});

describe("add-on rules (sitelock-products.md)", () => {
  it("a tier holds the catalog's add-ons; free plans, 911 and the bundle hold none", () => {
    expect(allowedAddOnCodes(1060)).toEqual([1068, 1069, 1070, 1071, 1078, 1076]);
    expect(allowedAddOnCodes(1062)).toEqual([1070, 1071]);
    for (const code of [1059, 1072, 1082, 99999]) expect(allowedAddOnCodes(code)).toEqual([]);
    expect([tierOf(1059), tierOf(1060), tierOf(1061), tierOf(1062)]).toEqual([0, 1, 2, 3]);
  });

  it("lists the add-ons the new tier can no longer hold", () => {
    const current = [{ productCode: 1068 }, { productCode: 1071 }, { productCode: 1078 }];
    expect(addOnsLost(1061, current)).toEqual([{ productCode: 1068 }, { productCode: 1078 }]);
    expect(addOnsLost(1060, current)).toEqual([]);
    expect(addOnsLost(1059, current)).toEqual(current);
  });

  it("an add-on must not outlive its license", () => {
    const license = { expiresAt: at("2027-01-01T00:00:00Z") };
    expect(addOnOutlivesLicense({ expiresAt: at("2027-01-01T00:00:00Z") }, license)).toBe(false);
    expect(addOnOutlivesLicense({ expiresAt: at("2027-01-01T00:00:00.001Z") }, license)).toBe(true);
    expect(addOnOutlivesLicense({ expiresAt: null }, license)).toBe(true);
    expect(addOnOutlivesLicense({ expiresAt: null }, { expiresAt: null })).toBe(false);
  });
});
