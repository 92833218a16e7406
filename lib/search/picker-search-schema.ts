import { z } from "zod";

/**
 * What the order form's pickers send (the customer picker, lib/customers/search-customers.ts, and the
 * license picker, lib/licenses/queries/search-licenses.ts): a reseller account and the typed prefix.
 * One schema for both, here beside the other search helpers so neither module imports the other.
 */
export const pickerSearchSchema = z.object({
  resellerAccountId: z.string().min(1).max(64),
  q: z.string().trim().max(100),
});
