/** The cancellation's input, one schema for the wizard, the server action and the use case. */
import { z } from "zod";
import { REFUND_REASONS, type RefundReason } from "@/lib/sectigo/client/operations/auto-refund";

export const REFUND_REASON_KEYS = Object.keys(REFUND_REASONS) as [RefundReason, ...RefundReason[]];

export const cancellationPreviewSchema = z.object({ licenseId: z.string().trim().min(1, "Pick a license.").max(64) });
export const cancelLicenseSchema = cancellationPreviewSchema.extend({
  submissionKey: z.uuid("The form is missing its submission key: reload the page."),
  reason: z.enum(REFUND_REASON_KEYS, { error: "Pick a reason from the list." }).optional(),
  /**
   * "refund": AutoRefund (refunds and cancels; only inside the refund period). "cancel": CANCELLICENCE,
   * which always cancels (Sectigo's "Canceling orders"), the way out when Sectigo refuses the refund. Absent:
   * a refund inside the period, a cancellation outside it.
   */
  mode: z.enum(["refund", "cancel"], { error: "Choose a refund or a cancellation." }).optional(),
});
/** The wizard also asks the person to confirm; the server action checks it too. */
export const cancelLicenseFormSchema = cancelLicenseSchema.extend({
  confirm: z.literal(true, { error: "Tick the box to confirm the cancellation." }),
});
export type CancelLicenseInput = z.input<typeof cancelLicenseSchema>;
