/**
 * The app's time for lifecycle decisions (renewal and refund windows, expiry, eligibility) as a
 * synchronous function, the shape use cases take as `deps.now` (lib/orders/order-deps.ts).
 */
export type Now = () => Date;

/** This machine's time: LIVE mode, and every time that is no lifecycle decision (README.md). */
export const machineNow: Now = () => new Date();

/** A clock stopped at `at` (tests). */
export function fixedNow(at: Date): Now {
  return () => new Date(at.getTime());
}
