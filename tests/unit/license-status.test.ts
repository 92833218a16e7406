import { describe, expect, it } from "vitest";
import {
  DERIVED_STATUSES,
  EXPIRY_BUCKETS,
  expiryBucket,
  expiryBucketWhere,
  licenseStatus,
  licenseStatusWhere,
  renewalOpensOn,
} from "@/lib/licenses/rules/status";
import type { LicenseStatus, Prisma } from "@/lib/generated/prisma/client";

const DAY = 86_400_000;
const now = new Date("2026-11-22T10:00:00Z");
const expiringIn = (days: number, ms = 0) => new Date(now.getTime() + days * DAY + ms);

/** Evaluates the small subset of Prisma filters license-status builds, on one row. */
function matches(where: Prisma.LicenseWhereInput, row: { status: LicenseStatus; expiresAt: Date | null }): boolean {
  for (const [key, cond] of Object.entries(where)) {
    if (key === "OR") {
      if (!(cond as Prisma.LicenseWhereInput[]).some((w) => matches(w, row))) return false;
    } else if (key === "status") {
      const c = cond as LicenseStatus | { in: LicenseStatus[] };
      if (typeof c === "string" ? row.status !== c : !c.in.includes(row.status)) return false;
    } else if (key === "expiresAt") {
      if (cond === null) {
        if (row.expiresAt !== null) return false;
        continue;
      }
      const c = cond as { gt?: Date; lte?: Date };
      if (!row.expiresAt) return false;
      if (c.gt && !(row.expiresAt > c.gt)) return false;
      if (c.lte && !(row.expiresAt <= c.lte)) return false;
    } else throw new Error(`unexpected filter ${key}`);
  }
  return true;
}

describe("license status at the edges", () => {
  const cases: Array<[string, Date | null, string]> = [
    ["31 days ahead", expiringIn(31), "ACTIVE"],
    ["30 days and a millisecond ahead", expiringIn(30, 1), "ACTIVE"],
    ["exactly 30 days ahead (the window opens)", expiringIn(30), "RENEWABLE"],
    ["1 day ahead", expiringIn(1), "RENEWABLE"],
    ["a millisecond before expiry", expiringIn(0, 1), "RENEWABLE"],
    ["the expiry instant", expiringIn(0), "EXPIRED"],
    ["expired 3 days ago", expiringIn(-3), "EXPIRED"],
    ["no expiry recorded", null, "ACTIVE"],
  ];
  it.each(cases)("%s → %s", (_name, expiresAt, expected) => {
    expect(licenseStatus({ status: "ACTIVE", expiresAt }, now)).toBe(expected);
  });

  it("events win over dates", () => {
    for (const status of ["PENDING", "CANCELLED", "REFUNDED"] as const) {
      expect(licenseStatus({ status, expiresAt: expiringIn(5) }, now)).toBe(status);
    }
  });

  it("the database filter selects exactly what the TypeScript rule says, for every status and edge", () => {
    const stored: LicenseStatus[] = ["PENDING", "ACTIVE", "EXPIRED", "CANCELLED", "REFUNDED"];
    const dates = [null, ...[-31, -30, -3, 0, 1, 7, 8, 30, 31, 60, 61, 90, 91].flatMap((d) => [expiringIn(d), expiringIn(d, 1), expiringIn(d, -1)])];
    for (const status of stored) {
      for (const expiresAt of dates) {
        const row = { status, expiresAt };
        for (const s of DERIVED_STATUSES) {
          expect(matches(licenseStatusWhere(s, now), row), `${s} for ${status} ${expiresAt?.toISOString()}`).toBe(licenseStatus(row, now) === s);
        }
        for (const b of EXPIRY_BUCKETS) {
          expect(matches(expiryBucketWhere(b.key, now), row), `${b.key} for ${status} ${expiresAt?.toISOString()}`).toBe(expiryBucket(row, now) === b.key);
        }
      }
    }
  });

  it("buckets at their edges; the renewable window is exactly 0-7 and 8-30", () => {
    const at = (d: number, ms = 0) => expiryBucket({ status: "ACTIVE", expiresAt: expiringIn(d, ms) }, now);
    expect(at(-30)).toBeNull();
    expect(at(-30, 1)).toBe("expired");
    expect(at(0)).toBe("expired");
    expect(at(0, 1)).toBe("0-7");
    expect(at(7)).toBe("0-7");
    expect(at(7, 1)).toBe("8-30");
    expect(at(30)).toBe("8-30");
    expect(at(30, 1)).toBe("31-60");
    expect(at(90)).toBe("61-90");
    expect(at(90, 1)).toBeNull();
    for (const d of [0.001, 3, 7, 12, 30]) {
      expect(licenseStatus({ status: "ACTIVE", expiresAt: expiringIn(d) }, now)).toBe("RENEWABLE");
      expect(["0-7", "8-30"]).toContain(at(d));
    }
    expect(expiryBucket({ status: "CANCELLED", expiresAt: expiringIn(3) }, now)).toBeNull();
  });

  it("says when renewal opens", () => {
    expect(renewalOpensOn(expiringIn(45))).toEqual(expiringIn(15));
    expect(renewalOpensOn(null)).toBeNull();
  });
});
