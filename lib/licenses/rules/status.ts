/**
 * The one rule for a license's status and its expiry bucket (issue 9). Lists, the dashboard, the
 * license page, actions and jobs all use it: the TypeScript check (`licenseStatus`, `expiryBucket`)
 * and the database filters (`licenseStatusWhere`, `expiryBucketWhere`, `bucketBoundsForSql`) are
 * built from the same bounds below, and tests/unit/license-status.test.ts holds them together.
 *
 * Stored status (License.status) records events: PENDING (ordered, awaiting authorization),
 * CANCELLED, REFUNDED. Everything else is derived from the dates with the half-open renewal window
 * of lib/licenses/rules/renewal-window.ts: RENEWABLE while expiry − 30 days ≤ now < expiry, EXPIRED from the
 * expiry instant on, ACTIVE before the window opens (or with no expiry recorded).
 */
import type { LicenseStatus, Prisma } from "@/lib/generated/prisma/client";
import { isExpiredAt, isInsideRenewalWindow, RENEWAL_WINDOW_MS } from "@/lib/licenses/rules/renewal-window";

const DAY_MS = 86_400_000;

export const DERIVED_STATUSES = ["PENDING", "ACTIVE", "RENEWABLE", "EXPIRED", "CANCELLED", "REFUNDED"] as const;
export type DerivedStatus = (typeof DERIVED_STATUSES)[number];

/** Stored statuses that are final events: dates no longer matter. */
const EVENT_STATUSES = ["PENDING", "CANCELLED", "REFUNDED"] as const satisfies readonly LicenseStatus[];
/** Stored statuses whose meaning comes from the dates. */
const LIVE_STATUSES = ["ACTIVE", "EXPIRED"] as const satisfies readonly LicenseStatus[];

export function licenseStatus(license: { status: LicenseStatus; expiresAt: Date | null }, now: Date): DerivedStatus {
  if ((EVENT_STATUSES as readonly LicenseStatus[]).includes(license.status)) return license.status as DerivedStatus;
  if (!license.expiresAt) return "ACTIVE";
  if (isExpiredAt(license.expiresAt, now)) return "EXPIRED";
  if (isInsideRenewalWindow(license.expiresAt, now)) return "RENEWABLE";
  return "ACTIVE";
}

/** The same rule as a Prisma filter: exactly the licenses for which `licenseStatus` gives `status`. */
export function licenseStatusWhere(status: DerivedStatus, now: Date): Prisma.LicenseWhereInput {
  const windowOpensFor = new Date(now.getTime() + RENEWAL_WINDOW_MS);
  switch (status) {
    case "PENDING":
    case "CANCELLED":
    case "REFUNDED":
      return { status };
    case "EXPIRED":
      return { status: { in: [...LIVE_STATUSES] }, expiresAt: { lte: now } };
    case "RENEWABLE":
      return { status: { in: [...LIVE_STATUSES] }, expiresAt: { gt: now, lte: windowOpensFor } };
    case "ACTIVE":
      return { status: { in: [...LIVE_STATUSES] }, OR: [{ expiresAt: null }, { expiresAt: { gt: windowOpensFor } }] };
  }
}

/**
 * Expiry buckets of the account managers' workspace: licenses that still count (ACTIVE or EXPIRED
 * as stored), by where their expiry falls relative to now. Each bucket is the half-open interval
 * (now + fromDays, now + toDays]: "0-7" is expiry within the next 7 × 24 hours, "expired" is an
 * expiry in the last 30 days up to this instant. The renewable window is exactly "0-7" ∪ "8-30".
 */
export const EXPIRY_BUCKETS = [
  { key: "expired", label: "Expired (last 30 days)", fromDays: -30, toDays: 0 },
  { key: "0-7", label: "0–7 days", fromDays: 0, toDays: 7 },
  { key: "8-30", label: "8–30 days", fromDays: 7, toDays: 30 },
  { key: "31-60", label: "31–60 days", fromDays: 30, toDays: 60 },
  { key: "61-90", label: "61–90 days", fromDays: 60, toDays: 90 },
] as const;
export type ExpiryBucketKey = (typeof EXPIRY_BUCKETS)[number]["key"];
export const EXPIRY_BUCKET_KEYS = EXPIRY_BUCKETS.map((b) => b.key) as [ExpiryBucketKey, ...ExpiryBucketKey[]];

/** The bucket's bounds at `now`: gt < expiresAt ≤ lte. */
export function expiryBucketRange(key: ExpiryBucketKey, now: Date): { gt: Date; lte: Date } {
  const b = EXPIRY_BUCKETS.find((x) => x.key === key)!;
  return { gt: new Date(now.getTime() + b.fromDays * DAY_MS), lte: new Date(now.getTime() + b.toDays * DAY_MS) };
}

export function expiryBucket(license: { status: LicenseStatus; expiresAt: Date | null }, now: Date): ExpiryBucketKey | null {
  if (!license.expiresAt || !(LIVE_STATUSES as readonly LicenseStatus[]).includes(license.status)) return null;
  const t = license.expiresAt.getTime();
  for (const b of EXPIRY_BUCKETS) {
    const r = expiryBucketRange(b.key, now);
    if (t > r.gt.getTime() && t <= r.lte.getTime()) return b.key;
  }
  return null;
}

export function expiryBucketWhere(key: ExpiryBucketKey, now: Date): Prisma.LicenseWhereInput {
  return { status: { in: [...LIVE_STATUSES] }, expiresAt: expiryBucketRange(key, now) };
}

/** Every bucket at once: from the oldest bound of the first to the newest of the last. */
export function anyExpiryBucketWhere(now: Date): Prisma.LicenseWhereInput {
  const first = expiryBucketRange(EXPIRY_BUCKETS[0].key, now);
  const last = expiryBucketRange(EXPIRY_BUCKET_KEYS[EXPIRY_BUCKET_KEYS.length - 1]!, now);
  return { status: { in: [...LIVE_STATUSES] }, expiresAt: { gt: first.gt, lte: last.lte } };
}

/** Every bucket's bounds at `now`, for raw SQL (a CASE for GROUP BY) built from the same rule. */
export function bucketBoundsForSql(now: Date): Array<{ key: ExpiryBucketKey; gt: Date; lte: Date }> {
  return EXPIRY_BUCKETS.map((b) => ({ key: b.key, ...expiryBucketRange(b.key, now) }));
}

/** The date from which a license can be renewed by hand (null when it has no expiry). */
export function renewalOpensOn(expiresAt: Date | null): Date | null {
  return expiresAt ? new Date(expiresAt.getTime() - RENEWAL_WINDOW_MS) : null;
}
