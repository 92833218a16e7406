import { describe, expect, it } from "vitest";
import { renewalWindow } from "@/lib/licenses/rules/renewal-window";

const DAY = 86_400_000;
const expiresAt = new Date("2026-12-31T00:00:00Z");
const before = (days: number) => new Date(expiresAt.getTime() - days * DAY);

describe("renewalWindow", () => {
  it("is not open 31 days before expiry", () => {
    const w = renewalWindow(expiresAt, before(31));
    expect(w.state).toBe("not-yet");
    expect(w.state === "not-yet" && w.opensAt.toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
  it("opens exactly 30 days before expiry", () => {
    expect(renewalWindow(expiresAt, before(30))).toEqual({ state: "open", daysToExpiry: 30 });
  });
  it("is open 1 day before expiry", () => {
    expect(renewalWindow(expiresAt, before(1))).toEqual({ state: "open", daysToExpiry: 1 });
  });
  it("is closed at the moment of expiry and after", () => {
    expect(renewalWindow(expiresAt, before(0)).state).toBe("expired");
    expect(renewalWindow(expiresAt, before(-3))).toEqual({ state: "expired", daysSinceExpiry: 3 });
  });
});

describe("the one renewal rule (lib/licenses/rules/renewal-window.ts)", () => {
  it("is half-open: open from 30 days before expiry, closed at the expiry instant", async () => {
    const { isInsideRenewalWindow, isExpiredAt } = await import("@/lib/licenses/rules/renewal-window");
    const at = (ms: number) => new Date(expiresAt.getTime() + ms);
    expect(isInsideRenewalWindow(expiresAt, at(-30 * DAY - 1))).toBe(false);
    expect(isInsideRenewalWindow(expiresAt, at(-30 * DAY))).toBe(true);
    expect(isInsideRenewalWindow(expiresAt, at(-1))).toBe(true);
    expect(isInsideRenewalWindow(expiresAt, at(0))).toBe(false);
    expect(isExpiredAt(expiresAt, at(-1))).toBe(false);
    expect(isExpiredAt(expiresAt, at(0))).toBe(true);
    // The app's view agrees at the instant.
    expect(renewalWindow(expiresAt, at(0)).state).toBe("expired");
    expect(renewalWindow(expiresAt, at(-1)).state).toBe("open");
  });
});
