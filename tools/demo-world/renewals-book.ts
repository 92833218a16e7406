/**
 * The demo's renewals book (issue 9): a few hundred SiteLock licenses spread over every expiry
 * bucket of the workspace (expired up to 35 days ago to 95 days ahead), with add-ons and auto-renew
 * mixed, drawn by the scaled-world generator with its own seed (0: order numbers 10000001…, clear
 * of the demo's 91000xx and of `npm run world:scale`'s default seed 1). The app's seed and the
 * sandbox's both read it, so they agree license by license.
 */
import { scaledCustomers, scaledSlUserId, type ScaledWorldInput } from "./scaled-world";
import type { DemoCustomer } from "./demo-data";

export const RENEWALS_BOOK: ScaledWorldInput & { seed: number } = {
  licenses: 300,
  seed: 0,
  expiryFromDays: -35,
  expiryToDays: 95,
  autoRenewShare: 0.7,
};

/** Customer j (1-based) of the book is looked after by the demo account manager unless j is a multiple of 3. */
export function bookCustomerHasManager(j: number): boolean {
  return j % 3 !== 0;
}

export function renewalsBookCustomers(): Array<{ customer: DemoCustomer; j: number; slUserId: string }> {
  return [...scaledCustomers(RENEWALS_BOOK)].map((customer, i) => ({ customer, j: i + 1, slUserId: scaledSlUserId(RENEWALS_BOOK.seed, i + 1) }));
}
