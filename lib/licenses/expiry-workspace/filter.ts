/**
 * The expiry workspace's filter (issue 9): one zod schema for the URL query, the CSV export and a
 * bulk renewal "all that match the filter", and one translation into a database filter, so the
 * list, the export and the run always agree on which licenses a filter means.
 * Bad values in a query string fall back to "any" rather than failing the page (`.catch`).
 */
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PRODUCTS } from "@/lib/catalog";
import { blankIsAbsent } from "@/lib/pagination";
import { anyExpiryBucketWhere, EXPIRY_BUCKET_KEYS, expiryBucketWhere } from "@/lib/licenses/rules/status";

/** SiteLock plan tiers (catalog `sitelock.tier`: 0 Monitor, 1 Basic, 2 Pro, 3 Business) and their product IDs. */
export const TIER_PRODUCTS: ReadonlyMap<number, number[]> = (() => {
  const m = new Map<number, number[]>();
  for (const p of PRODUCTS) {
    const tier = p.sitelock?.kind === "base" ? p.sitelock.tier : undefined;
    if (tier !== undefined && p.productId !== undefined) m.set(tier, [...(m.get(tier) ?? []), p.productId]);
  }
  return m;
})();

/**
 * A number as a form sends it (digits), or as a stored filter holds it. Not `z.coerce.number()`: it
 * reads "" as 0 and "1e0" as 1, a filter applied while the page says it is not.
 */
const wholeNumber = z.union([z.number(), z.string().trim().regex(/^\d{1,9}$/).transform(Number)]);

const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const expiryFilterSchema = z.object({
  /** "any" or one bucket of EXPIRY_BUCKETS; "any" means every bucket (expired in the last 30 days to 90 days ahead). */
  bucket: blankIsAbsent(z.enum(["any", ...EXPIRY_BUCKET_KEYS]).catch("any").default("any")),
  customer: blankIsAbsent(id.optional().catch(undefined)),
  /** A license's product ID (SiteLock plan, bundle, 911). */
  product: blankIsAbsent(wholeNumber.pipe(z.number().int().positive().max(1_000_000)).optional().catch(undefined)),
  /** A catalog tier. Every field is blankIsAbsent: the form's "Any" sends `tier=`, which must not read as tier 0 (Monitor). */
  tier: blankIsAbsent(wholeNumber.pipe(z.number().int().refine((t) => TIER_PRODUCTS.has(t))).optional().catch(undefined)),
  autoRenew: blankIsAbsent(z.enum(["any", "on", "off"]).catch("any").default("any")),
  /** An account manager's user id, or "none" for customers without one. */
  manager: blankIsAbsent(z.union([z.literal("none"), id]).optional().catch(undefined)),
});
export type ExpiryFilter = z.output<typeof expiryFilterSchema>;

export function expiryFilterWhere(filter: ExpiryFilter, now: Date): Prisma.LicenseWhereInput {
  const and: Prisma.LicenseWhereInput[] = [filter.bucket === "any" ? anyExpiryBucketWhere(now) : expiryBucketWhere(filter.bucket, now)];
  if (filter.customer) and.push({ customerId: filter.customer });
  if (filter.product !== undefined) and.push({ productCode: filter.product });
  if (filter.tier !== undefined) and.push({ productCode: { in: TIER_PRODUCTS.get(filter.tier) ?? [] } });
  if (filter.autoRenew !== "any") and.push({ autoRenew: filter.autoRenew === "on" });
  if (filter.manager) and.push({ customer: { accountManagerId: filter.manager === "none" ? null : filter.manager } });
  return { AND: and };
}
