/**
 * What a reseller chooses to generate an ordering URL: one zod schema for the generator form
 * (react-hook-form) and the generator itself. No credentials in it: the reseller's login and password
 * never take part in an ordering URL (the end customer types their own, where the product needs one).
 */
import { z } from "zod";

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what} URL.`)
    .max(255, `The ${what} URL can be at most 255 characters.`)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" && !url.username && !url.password;
      } catch {
        return false;
      }
    }, `Enter a full http:// or https:// address for the ${what} page, such as https://www.example.com/${what}.html.`);

export const orderingUrlSettingsSchema = z.object({
  productKey: z.string().min(1, "Choose a product."),
  /** The PlaceOrder code (`x_PPP`) of the chosen term. */
  term: z.string().regex(/^\d{1,9}$/, "Choose a term."),
  brand: z
    .string()
    .trim()
    .min(1, "The account has no brand (ap): an admin sets it under Settings.")
    .max(64, "The brand can be at most 64 characters."),
  /** reseller=Y: the reseller charges the customer; N: Sectigo charges the customer. */
  resellerPays: z.boolean(),
  /** eToken delivery for products where it is optional (the customer cannot add items in a plain form). */
  smartCard: z.boolean().default(false),
  successUrl: httpUrl("success"),
  errorUrl: httpUrl("error"),
  /** Values the reseller fixes for the customer (hidden in the form, in the URL): field key -> value. */
  prefill: z.record(z.string(), z.string()).default({}),
});

export type OrderingUrlSettingsInput = z.input<typeof orderingUrlSettingsSchema>;
export type OrderingUrlSettings = z.output<typeof orderingUrlSettingsSchema>;
