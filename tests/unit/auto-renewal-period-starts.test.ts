/**
 * When each followed auto-renewal's period began (lib/sync/follow-auto-renewals.ts, periodStarts):
 * the refund window counts from the last renewal's date (review i18: every order was dated at the
 * first old expiry, so after two terms the refund period was a year off).
 */
import { describe, expect, it } from "vitest";
import { periodStarts } from "@/lib/sync/follow-auto-renewals";

const DAY = 86_400_000;
const from = new Date("2032-03-01T12:00:00.000Z");
const at = (days: number) => new Date(from.getTime() + days * DAY);

describe("periodStarts", () => {
  it("one renewal starts at the old expiry", () => {
    expect(periodStarts({ from, to: at(365), termDays: 365, orderNumbers: ["7"] })).toEqual([from]);
  });

  it("the k-th of two renewals starts at the old expiry + (k-1) terms", () => {
    expect(periodStarts({ from, to: at(730), termDays: 365, orderNumbers: ["7", "8"] })).toEqual([from, at(365)]);
  });

  it("fewer orders on the page than periods: the recorded ones take the last periods (the current one's start is right)", () => {
    expect(periodStarts({ from, to: at(730), termDays: 365, orderNumbers: ["8"] })).toEqual([at(365)]);
  });

  it("a day off (Sectigo's rounding) still counts whole terms", () => {
    expect(periodStarts({ from, to: at(731), termDays: 365, orderNumbers: ["7", "8"] })).toEqual([from, at(365)]);
  });
});
