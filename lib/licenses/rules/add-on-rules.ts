/**
 * Which add-ons a SiteLock plan may hold (the catalog's `addOnsFor`, from the add-on table of Sectigo's "SRA integration API overview"), and what
 * a plan change does to the add-ons a license has. The sandbox cancels, without credit, every live
 * add-on the new plan cannot take (tools/sandbox/endpoints/auto-apply/upgrade.ts); the
 * preview lists them so nobody loses one by surprise.
 */
import { allowedAddOnCodes, productById } from "@/lib/catalog";

/**
 * Product codes of the add-ons a license of `productCode` may hold. Written in lib/catalog (beside
 * `addOnsFor`), because settling a plan change in lib/orders needs it and lib/orders sits below
 * lib/licenses; answered here too, where a reader looks for the add-on rules.
 */
export { allowedAddOnCodes };

/** The SSL PLUS SiteLock Bundle: it takes no add-ons and cannot change plan (Sectigo's "Upgrading or downgrading products"). */
export const SSL_BUNDLE_CODE = 1072;

export const BUNDLE_REFUSAL = "The SSL PLUS SiteLock Bundle takes no add-ons and cannot change plan: the customer must first purchase a paid SiteLock product.";

/** The current add-ons a license would lose by moving to `newProductCode`. */
export function addOnsLost<A extends { productCode: number }>(newProductCode: number, current: readonly A[]): A[] {
  const allowed = new Set(allowedAddOnCodes(newProductCode));
  return current.filter((a) => !allowed.has(a.productCode));
}

/** An add-on must not run past its license: true when it would (an add-on without an end on a license with one does). */
export function addOnOutlivesLicense(addOn: { expiresAt: Date | null }, license: { expiresAt: Date | null }): boolean {
  if (!license.expiresAt) return false;
  if (!addOn.expiresAt) return true;
  return addOn.expiresAt.getTime() > license.expiresAt.getTime();
}

/** The plan's tier: Free 0 < Basic 1 < Pro 2 < Business 3 (undefined for anything else). */
export function tierOf(productCode: number): number | undefined {
  return productById(productCode)?.sitelock?.tier;
}
