/**
 * Issue 17, item 10: the demo world is dated in the past. Only an expiry may lie ahead; a license's
 * start (and with it its order's createdAt/placedAt, its add-ons' start and the sandbox's order date,
 * which all come from `demoDates`) never does, for the hand-written demo, the renewals book and the
 * scaled world at any expiry range the generator accepts. The expiry itself is what it was:
 * `startOffsetDays + termDays` days from the anchor (the bucket counts rely on it).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anchorDay, DEMO_CUSTOMERS, demoDates, type DemoLicense } from "@/tools/demo-world/demo-data";
import { renewalsBookCustomers } from "@/tools/demo-world/renewals-book";
import { scaledCustomers } from "@/tools/demo-world/scaled-world";

const DAY = 86_400_000;

function checkDates(licenses: DemoLicense[], now: Date) {
  const anchor = anchorDay(now);
  for (const l of licenses) {
    const { startsAt, expiresAt } = demoDates(l, anchor);
    expect(startsAt.getTime(), `${l.key} starts after now`).toBeLessThanOrEqual(now.getTime());
    expect(expiresAt.getTime(), `${l.key} expiry moved`).toBe(anchor.getTime() + (l.startOffsetDays + l.termDays) * DAY);
    expect(startsAt.getTime(), `${l.key} starts after it expires`).toBeLessThanOrEqual(expiresAt.getTime());
  }
}

describe("demo dates (issue 17, item 10)", () => {
  const now = new Date();

  it("the demo's customers and the renewals book start in the past; only expiries lie ahead", () => {
    const licenses = [...DEMO_CUSTOMERS, ...renewalsBookCustomers().map((b) => b.customer)].flatMap((c) => c.licenses);
    expect(licenses.length).toBeGreaterThan(300);
    checkDates(licenses, now);
    // The book still reaches 90+ days ahead: the future is there, as expiries.
    const anchor = anchorDay(now);
    expect(Math.max(...licenses.map((l) => demoDates(l, anchor).expiresAt.getTime()))).toBeGreaterThan(now.getTime() + 60 * DAY);
  });

  it("the scaled world starts in the past for any expiry range, seed and size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: -3650, max: 3650 }),
        fc.integer({ min: 0, max: 3650 }),
        (licenses, seed, from, width) => {
          const expiryToDays = Math.min(3650, from + width);
          checkDates([...scaledCustomers({ licenses, seed, expiryFromDays: from, expiryToDays })].flatMap((c) => c.licenses), now);
        },
      ),
      { numRuns: 40 },
    );
  });
});
