import { z } from "zod";

/** An amount people type: 0 or more, at most two decimals (the column is DECIMAL(12,2)). */
function amount(label: string) {
  return z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .refine((v) => !v.startsWith("-"), `The ${label} cannot be negative.`)
    .refine((v) => v === "" || v.startsWith("-") || /^\d{1,10}(\.\d{1,2})?$/.test(v), `Enter the ${label} as a number such as 12.50.`);
}

/** Shared by the price row form (react-hook-form resolver) and the server action. */
export const savePlanPriceSchema = z.object({
  productKey: z.string().min(1).max(100),
  term: z.string().min(1).max(20),
  buyPrice: amount("buy price"),
  sellPrice: amount("sell price"),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Use a 3-letter currency code such as USD."),
  enabled: z.boolean(),
});
export type SavePlanPriceInput = z.input<typeof savePlanPriceSchema>;

/** The price list's filters (URL query). */
export const planPriceFilterSchema = z.object({
  family: z.string().max(50).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});
