import { z } from "zod";
import { marginOf } from "@/lib/settings/margin";

const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

/** An amount people type: 0 or more, at most two decimals (the column is DECIMAL(12,2)). */
function amount(label: string) {
  return z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .refine((v) => !v.startsWith("-"), `The ${label} cannot be negative.`)
    .refine((v) => v === "" || v.startsWith("-") || AMOUNT.test(v), `Enter the ${label} as a number such as 12.50.`);
}

/** A sell price below the buy price loses money on every order: saved only when said so. */
export function sellsAtALoss(buyPrice: string, sellPrice: string): string | null {
  // Only between two valid amounts: a malformed or negative one has its own message.
  if (!AMOUNT.test(buyPrice.trim()) || !AMOUNT.test(sellPrice.trim())) return null;
  const margin = marginOf(buyPrice, sellPrice);
  return margin && margin.amount.startsWith("-") ? margin.amount.slice(1) : null;
}

export function lossMessage(loss: string): string {
  return `The sell price is below the buy price: a loss of ${loss} on every order. Tick “Sell at a loss” to save it anyway.`;
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
  /** The person saw the loss and saves it anyway. */
  acceptLoss: z.boolean().default(false),
}).superRefine((v, ctx) => {
  const loss = sellsAtALoss(v.buyPrice, v.sellPrice);
  if (loss && !v.acceptLoss) ctx.addIssue({ code: "custom", path: ["sellPrice"], message: lossMessage(loss) });
});
export type SavePlanPriceInput = z.input<typeof savePlanPriceSchema>;

/** The price list's filters (URL query). */
export const planPriceFilterSchema = z.object({
  family: z.string().max(50).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  /** 1-based; past the last page shows the last one. */
  page: z.coerce.number().int().min(1).transform((n) => Math.min(n, 1000)).optional().catch(undefined),
});

/**
 * Plans per page. The largest family (SectigoSSL, 60 plans) fits on one page when it is chosen;
 * the whole catalog (316 plans) was 875 KB of HTML and 150 ms on one page.
 */
export const PLANS_PER_PAGE = 60;
