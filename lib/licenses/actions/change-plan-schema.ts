/** The plan change's input, one schema for the form, the server action and the use case. */
import { z } from "zod";

export const planChangeSchema = z.object({
  licenseId: z.string().trim().min(1, "Pick a license.").max(64),
  productCode: z.coerce.number({ error: "Pick the new plan." }).int("Pick the new plan.").positive("Pick the new plan."),
});
export const changePlanSchema = planChangeSchema.extend({
  submissionKey: z.uuid("The form is missing its submission key: reload the page."),
});
export type PlanChangeInput = z.input<typeof planChangeSchema>;
export type ChangePlanInput = z.input<typeof changePlanSchema>;
