/**
 * Issue 17, item 10: the demo world is dated in the past. Only an expiry may lie ahead; a licence's
 * start (and with it its order's createdAt/placedAt, its add-ons' start and the sandbox's order date,
 * which all come from `demoDates`) never does, for the hand-written demo, the renewals book and the
 * scaled world at any expiry range the generator accepts. The expiry itself is what it was:
 * `startOffsetDays + termDays` days from the anchor (the bucket counts rely on it).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anchorDay, DEMO_CUSTOMERS, demoDates, type DemoLicense } from "@/lib/demo/demo-data";
import { renewalsBookCustomers } from "@/lib/demo/renewals-book";
import { scaledCustomers } from "@/lib/demo/scaled-world";

const DAY = 86_400_000;

function checkDates(licences: DemoLicense[], now: Date) {
  const anchor = anchorDay(now);
  for (const l of licences) {
    const { startsAt, expiresAt } = demoDates(l, anchor);
    expect(startsAt.getTime(), `${l.key} starts after now`).toBeLessThanOrEqual(now.getTime());
    expect(expiresAt.getTime(), `${l.key} expiry moved`).toBe(anchor.getTime() + (l.startOffsetDays + l.termDays) * DAY);
    expect(startsAt.getTime(), `${l.key} starts after it expires`).toBeLessThanOrEqual(expiresAt.getTime());
  }
}

describe("demo dates (issue 17, item 10)", () => {
  const now = new Date();

  it("the demo's customers and the renewals book start in the past; only expiries lie ahead", () => {
    const licences = [...DEMO_CUSTOMERS, ...renewalsBookCustomers().map((b) => b.customer)].flatMap((c) => c.licenses);
    expect(licences.length).toBeGreaterThan(300);
    checkDates(licences, now);
    // The book still reaches 90+ days ahead: the future is there, as expiries.
    const anchor = anchorDay(now);
    expect(Math.max(...licences.map((l) => demoDates(l, anchor).expiresAt.getTime()))).toBeGreaterThan(now.getTime() + 60 * DAY);
  });

  it("the scaled world starts in the past for any expiry range, seed and size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: -3650, max: 3650 }),
        fc.integer({ min: 0, max: 3650 }),
        (licences, seed, from, width) => {
          const expiryToDays = Math.min(3650, from + width);
          checkDates([...scaledCustomers({ licences, seed, expiryFromDays: from, expiryToDays })].flatMap((c) => c.licenses), now);
        },
      ),
      { numRuns: 40 },
    );
  });
});
