/**
 * The sandbox's own lifecycle rules (tools/sandbox/core/rules/, from Sectigo's renewing, canceling and
 * upgrading pages) against the app's (lib/licenses/rules/), at the edges where a reading could differ: the
 * instant the renewal window opens, the expiry instant, the last instant of the refund period, monthly terms,
 * upgrades and downgrades at several points of a term. No difference is accepted.
 */
import { describe, expect, it } from "vitest";
import { isInsideRefundWindow } from "@/lib/licenses/rules/refund-window";
import { isExpiredAt, isInsideRenewalWindow } from "@/lib/licenses/rules/renewal-window";
import { proRatedDelta } from "@/lib/licenses/rules/pro-rate";
import { planChangeCharge } from "@/tools/sandbox/core/rules/pro-rating";
import { refundableNow } from "@/tools/sandbox/core/rules/refund-window";
import { hasExpired, renewableNow } from "@/tools/sandbox/core/rules/renewal-window";

const DAY = 86_400_000;
const expiry = new Date("2027-03-01T12:00:00Z");
const offsets = [-31 * DAY, -30 * DAY - 1, -30 * DAY, -30 * DAY + 1, -DAY, -1, 0, 1, DAY];

describe("sandbox and app rules agree", () => {
  it.each(offsets)("renewal window and expiry at expiry %+d ms", (offset) => {
    const now = new Date(expiry.getTime() + offset);
    expect(renewableNow(expiry, now)).toBe(isInsideRenewalWindow(expiry, now));
    expect(hasExpired(expiry, now)).toBe(isExpiredAt(expiry, now));
  });

  it.each([30, 365, 730])("refund window of a %i-day term around 14 days", (termDays) => {
    const start = new Date("2026-12-01T08:00:00Z");
    for (const offset of [0, 13 * DAY, 14 * DAY - 1, 14 * DAY, 14 * DAY + 1, 15 * DAY]) {
      const now = new Date(start.getTime() + offset);
      expect(refundableNow(termDays, start, now), `${termDays} days, +${offset} ms`).toBe(isInsideRefundWindow(termDays, start, now));
    }
  });

  it("pro-rated charge: upgrade, downgrade, past expiry, the page's worked example", () => {
    const cases: Array<[number, number, number, number]> = [
      [149, 249, 365, 182.5 * DAY],
      [249, 149, 365, 100 * DAY],
      [9.99, 29.99, 30, 7 * DAY],
      [99.99, 299.99, 365, -DAY],
      [99.99, 299.99, 365, 400 * DAY],
    ];
    for (const [oldPrice, newPrice, termDays, left] of cases) {
      const now = new Date(expiry.getTime() - left);
      expect(planChangeCharge(oldPrice, newPrice, termDays, expiry, now)).toBe(proRatedDelta({ oldPrice, newPrice, termDays, expiresAt: expiry, now }));
    }
    expect(planChangeCharge(149, 249, 365, expiry, new Date(expiry.getTime() - 182.5 * DAY))).toBe(50);
  });
});
