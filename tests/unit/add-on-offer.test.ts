/** The add-on's terms before the click (issue 18 item 4): end dates, "outlives" by calendar day, the term offered first, the question's key. */
import { describe, expect, it } from "vitest";
import { addOnTermOffer, defaultAddOnDays } from "@/lib/licenses/actions/add-on-offer";
import { daysLost } from "@/lib/licenses/actions/cancel-money";

const DAY = 86_400_000;
const now = new Date("2026-12-07T16:00:00Z");
const addOn = { productId: 1071, name: "TrueShield Addon" };
const price = { amount: 149, currency: "USD" };

describe("addOnTermOffer", () => {
  it("a year bought with its license ends the same day, seconds later: it ends with the license, no warning", () => {
    const license = { id: "l1", expiresAt: new Date(now.getTime() + 365 * DAY - 5_000) };
    const offer = addOnTermOffer(license, addOn, 365, price, now);
    expect(offer.outlivesLicense).toBe(false);
    expect(offer.confirmation.message).toBe("Order TrueShield Addon for 1 year at $149.00? Its term ends on 07 Dec 2027. Its license runs until 07 Dec 2027. Sectigo debits the reseller account.");
  });

  it("a year on a license with 200 days left outlives it: the question warns, and its key differs from the 30-day one", () => {
    const license = { id: "l1", expiresAt: new Date(now.getTime() + 200 * DAY) };
    const year = addOnTermOffer(license, addOn, 365, price, now);
    const month = addOnTermOffer(license, addOn, 30, { amount: 14.99, currency: "USD" }, now);
    expect(year.outlivesLicense).toBe(true);
    expect(year.confirmation.message).toContain("This term outlives its license, which ends on 25 Jun 2027");
    expect(month.outlivesLicense).toBe(false);
    expect(month.confirmation.key).not.toBe(year.confirmation.key);
    expect(defaultAddOnDays([year, month], 365)).toBe(30);
  });

  it("when every term outlives the license, the license's own term is offered (and warned about)", () => {
    const license = { id: "l1", expiresAt: new Date(now.getTime() + 10 * DAY) };
    const offers = [addOnTermOffer(license, addOn, 30, price, now), addOnTermOffer(license, addOn, 365, price, now)];
    expect(offers.every((o) => o.outlivesLicense)).toBe(true);
    expect(defaultAddOnDays(offers, 365)).toBe(365);
    expect(defaultAddOnDays(offers, 30)).toBe(30);
  });

  it("the key names price and dates: another price or another expiry is another question", () => {
    const license = { id: "l1", expiresAt: new Date(now.getTime() + 200 * DAY) };
    const a = addOnTermOffer(license, addOn, 365, price, now).confirmation.key;
    expect(addOnTermOffer(license, addOn, 365, { amount: 150, currency: "USD" }, now).confirmation.key).not.toBe(a);
    expect(addOnTermOffer({ ...license, expiresAt: new Date(now.getTime() + 565 * DAY) }, addOn, 365, price, now).confirmation.key).not.toBe(a);
  });
});

describe("daysLost", () => {
  it("counts the days a license would still have run, rounding a part day up; none once expired or without an expiry", () => {
    expect(daysLost(new Date(now.getTime() + 362 * DAY), now)).toBe(362);
    expect(daysLost(new Date(now.getTime() + 361.5 * DAY), now)).toBe(362);
    expect(daysLost(new Date(now.getTime() - DAY), now)).toBe(0);
    expect(daysLost(null, now)).toBe(0);
  });
});
