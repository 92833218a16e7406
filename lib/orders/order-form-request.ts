/**
 * What the order form sends to the server: who and what, plus the product's own field values. The
 * values are checked with the product's schema (the same one the form's resolver uses), and their
 * problems come back keyed `values.<field>` so the form shows each next to its field.
 */
import { z } from "zod";
import { orderSchemaFor, productByKey } from "@/lib/catalog";
import { confirmedSchema } from "./server-confirmations";

export const orderFormRequestSchema = z
  .object({
    submissionKey: z.uuid("The form is missing its submission key: reload the page."),
    resellerAccountId: z.string().min(1, "Choose the reseller account.").max(64),
    productKey: z.string().min(1, "Choose a product.").max(80),
    /** An existing customer of ours; null = a new one, from the form's contact fields. */
    customerId: z.string().max(64).nullable(),
    /** The license an add-on is for. */
    licenseId: z.string().max(64).nullable(),
    /** reseller=Y: we collect the customer's payment and authorize the order afterwards. */
    resellerPays: z.boolean(),
    values: z.record(z.string(), z.unknown()),
    /** Further PlaceOrder products of the same order (a cart), each with its own values. */
    cart: z.array(z.object({ productKey: z.string().min(1).max(80), values: z.record(z.string(), z.unknown()) })).max(9, "At most 10 products in one order.").default([]),
    /** Keys of the server's questions the person answered "yes" to (lib/orders/server-confirmations.ts). */
    confirmed: confirmedSchema,
  })
  .superRefine((input, ctx) => {
    const product = productByKey(input.productKey);
    if (!product || !product.orderable) {
      ctx.addIssue({ code: "custom", path: ["productKey"], message: "Choose a product from the list." });
      return;
    }
    const result = orderSchemaFor(product).safeParse(input.values);
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: ["values", ...issue.path.map(String)], message: issue.message });
    input.cart.forEach((item, i) => {
      const p = productByKey(item.productKey);
      if (!p || !p.orderable || p.api !== "PlaceOrder") {
        ctx.addIssue({ code: "custom", path: ["cart", i, "productKey"], message: "Only PlaceOrder products (not SiteLock) can share an order." });
        return;
      }
      const r = orderSchemaFor(p).safeParse(item.values);
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: "custom", path: ["cart", i, "values", ...issue.path.map(String)], message: `${p.name}: ${issue.message}` });
    });
    if (input.cart.length > 0 && product.api !== "PlaceOrder") {
      ctx.addIssue({ code: "custom", path: ["productKey"], message: "SiteLock products are ordered on their own, not in a cart." });
    }
    if (product.sitelock?.kind === "addon" && !input.licenseId) ctx.addIssue({ code: "custom", path: ["licenseId"], message: "Pick the license this add-on is for." });
  });

export type OrderFormRequest = z.input<typeof orderFormRequestSchema>;
