/**
 * What the ordering pipeline receives: one submission of the order form, already turned into the
 * Sectigo request by the catalog layer. The envelope is checked here with zod; the request itself
 * was built from the product's own schema and the client checks it again before sending.
 */
import { z } from "zod";
import type { AutoApplyOrderInput, PlaceOrderInput } from "@/lib/sectigo/client";
import { LONGEST_TERM_DAYS } from "@/lib/catalog";
import { plainText } from "@/lib/validation/text";

export const ORDER_KINDS = ["NEW", "ADD_ON", "RENEWAL", "UPGRADE", "DOWNGRADE"] as const;

const money = z.number().finite().min(0).max(1_000_000);

export const orderItemSchema = z.object({
  productCode: z.number().int().positive(),
  productName: plainText({ label: "the product name", max: 200 }),
  // The catalog's longest term (5 years), not a guess: "3 * 366" refused every 4- and 5-year term the form offered.
  days: z.number().int().min(0).max(LONGEST_TERM_DAYS).nullable(),
  domainName: z.string().max(255).nullable(),
  isAddOn: z.boolean(),
  /** What Sectigo charges us, when the plan's price is configured. */
  buyPrice: money.nullable(),
  /** What the customer is charged. */
  sellPrice: money.nullable(),
});

export const newCustomerSchema = z.object({
  name: plainText({ label: "the customer name", max: 200 }),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter an e-mail address such as name@example.com").max(254)),
  foreName: plainText({ label: "the first name", max: 64 }).optional(),
  surName: plainText({ label: "the last name", max: 64 }).optional(),
  telephone: plainText({ label: "the telephone number", max: 32 }).optional(),
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
});

const autoApplyRequest = z.object({
  operation: z.literal("autoApplyOrder"),
  input: z.custom<AutoApplyOrderInput>((v) => typeof v === "object" && v !== null && typeof (v as { kind?: unknown }).kind === "string"),
});
const placeOrderRequest = z.object({
  operation: z.literal("placeOrder"),
  input: z.custom<PlaceOrderInput>((v) => typeof v === "object" && v !== null && Array.isArray((v as { items?: unknown }).items)),
});

export const orderSubmissionSchema = z.object({
  /** Generated when the form is shown and sent with every submit of that form: the idempotency key. */
  submissionKey: z.uuid("The form is missing its submission key: reload the page."),
  resellerAccountId: z.string().min(1).max(64),
  customer: z.union([z.object({ id: z.string().min(1).max(64) }), z.object({ new: newCustomerSchema })]),
  kind: z.enum(ORDER_KINDS),
  /** The existing license the order acts on (renewal, add-on, plan change…): the license page's chain. */
  targetLicenseId: z.string().min(1).max(64).optional(),
  /**
   * The target license's `changeVersion` as the request read it, with `targetLicenseId` (the database
   * refuses a license-changing order without it): the order is claimed only on the license as it was
   * decided on (lib/orders/pending-license-order.ts). Set by the use case from its own read, never from a form.
   */
  licenseVersion: z.number().int().min(0).optional(),
  items: z.array(orderItemSchema).min(1).max(20),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
  sectigo: z.discriminatedUnion("operation", [autoApplyRequest, placeOrderRequest]),
})
  // An order on an existing license without the version it was decided on would slip past the
  // one-change-per-version index: a use case that forgot it is refused before anything is written.
  .refine((s) => !s.targetLicenseId || s.kind === "NEW" || s.licenseVersion !== undefined, {
    message: "An order on an existing license must say which version of the license it was decided on.",
    path: ["licenseVersion"],
  });

export type OrderSubmission = z.output<typeof orderSubmissionSchema>;
export type OrderSubmissionInput = z.input<typeof orderSubmissionSchema>;
