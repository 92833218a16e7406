"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { cancelLicenseFormSchema } from "@/lib/licenses/actions/cancel-schema";
import { cancelLicenseAction } from "@/app/(app)/licenses/[id]/cancel/actions";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { formatMoney } from "@/components/ui/format";

const REASON_LABELS = {
  other: "Other",
  wantsDifferentProduct: "Wants a different product",
  domainOrOrganizationInactive: "Domain or organisation no longer active",
  betterPriceElsewhere: "Found a better price",
  movingToAnotherCa: "Moving to another provider",
  unableToValidate: "Unable to validate",
  failedBrandValidation: "Failed brand validation",
  rejectedBySectigo: "Rejected by Sectigo",
  revokedMalware: "Revoked: malware",
  revokedPhishing: "Revoked: phishing",
  revokedSafeBrowsing: "Revoked: Google Safe Browsing",
} as const;

type Schema = typeof cancelLicenseFormSchema;
type Mode = "refund" | "cancel";

/**
 * Step 3 of the wizard: confirm. Inside the refund period the refund is the one choice: CANCELLICENCE
 * there refunds too (Sectigo's modifyThirdPartyDetails reference), so a "cancel without a refund"
 * would not be what Sectigo does. The plain cancellation (which always works: Sectigo's "Canceling
 * orders") is offered once the period is closed or absent, and after Sectigo refused the refund. Each
 * choice says what it will do before the click. One submission key per attempt: a double click or a
 * second tab cancels once; after Sectigo refused the refund, the next attempt (the plain
 * cancellation) is a new order with a new key.
 */
export function CancelLicenseForm(props: { licenseId: string; domainName: string; refundOffered: boolean; refundText: string; cancelText: string; submissionKey: string }) {
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string; orderId?: string } | null>(null);
  const [refundRefused, setRefundRefused] = useState(false);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const form = useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver: zodResolver(cancelLicenseFormSchema),
    defaultValues: { licenseId: props.licenseId, submissionKey: props.submissionKey, reason: "other", mode: props.refundOffered ? "refund" : "cancel", confirm: false as unknown as true },
  });
  const errors = form.formState.errors;
  const mode = (useWatch({ control: form.control, name: "mode" }) ?? "cancel") as Mode;
  const refund = mode === "refund" && props.refundOffered && !refundRefused;
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      setMessage(null);
      const r = await cancelLicenseAction(values);
      if (!r.ok) {
        applyActionErrors(form.setError, r.error);
        return setMessage({ tone: "error", text: r.error.message });
      }
      if (!r.data.ok) {
        if (r.data.cancelWithoutRefund) {
          // Nothing happened at Sectigo: offer the plain cancellation, as a new order (a new key), confirmed again.
          setRefundRefused(true);
          form.reset({ ...values, mode: "cancel", submissionKey: crypto.randomUUID(), confirm: false as unknown as true });
        }
        return setMessage({ tone: "error", text: r.data.message, orderId: r.data.orderId });
      }
      const d = r.data;
      const back = d.amountBack ? ` ${formatMoney(d.amountBack.amount, d.amountBack.currency)} goes back to our Sectigo account.` : "";
      const text =
        d.outcome === "REFUNDED"
          ? `Refunded: Sectigo refunded and cancelled the license of ${props.domainName} with its add-ons.${back}`
          : d.outcome === "CANCELLED"
            ? `Cancelled: Sectigo cancelled the license of ${props.domainName} with its add-ons; ${d.daysLost ?? 0} days of it were left.${readBackText(d.readBack, back)}`
            : d.outcome === "ALREADY_SUBMITTED"
              ? "This cancellation was already sent; nothing was sent again."
              : (d.message ?? d.outcome);
      setMessage({ tone: "ok", text, orderId: d.orderId });
      // The page then shows how the license ended (cancel-summary.tsx), from the database.
      router.refresh();
    }),
  );
  return (
    <Card title="3. Choose and confirm">
      <form onSubmit={submit} noValidate aria-label="Confirm the cancellation" className="space-y-4">
        <input type="hidden" {...form.register("mode")} />
        <p className="text-sm text-slate-800" data-testid="cancel-choice">
          {props.refundOffered && !refundRefused ? props.refundText : props.cancelText}
        </p>
        {refund ? (
          <Field id="reason" label="Refund reason" error={errors.reason?.message}>
            <select id="reason" className={inputClass} {...form.register("reason")}>
              {Object.entries(REASON_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <div className="space-y-1">
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" className="mt-1" aria-invalid={errors.confirm ? true : undefined} aria-describedby={errors.confirm ? "confirm-error" : undefined} {...form.register("confirm")} />
            <span>
              I understand that {props.domainName} {refund ? "is refunded and" : "is"} cancelled now with its add-ons, and is no longer protected.
            </span>
          </label>
          {errors.confirm ? (
            <p id="confirm-error" className="text-sm text-red-700">
              {errors.confirm.message}
            </p>
          ) : null}
        </div>
        <Button type="submit" variant="danger" disabled={pending || message?.tone === "ok"}>
          {pending ? "Sending to Sectigo…" : refund ? "Refund and cancel" : props.refundOffered ? "Cancel without refund" : "Cancel license"}
        </Button>
        {message ? (
          <p role="status" data-testid="cancel-result" className={`text-sm ${message.tone === "error" ? "text-red-700" : "text-slate-800"}`}>
            {message.text}{" "}
            {message.orderId ? (
              <Link href={`/orders/${message.orderId}`} className="text-brand-700 hover:underline">
                See the order
              </Link>
            ) : null}
          </p>
        ) : null}
      </form>
    </Card>
  );
}

/** After a plain cancellation sent inside the refund period: what Sectigo's report showed it did. */
function readBackText(readBack: "REFUNDED" | "CANCELLED" | null | undefined, back: string): string {
  if (readBack === undefined || readBack === "CANCELLED") return readBack === "CANCELLED" ? " Nothing was refunded." : "";
  if (readBack === "REFUNDED") return ` Sectigo still counted it inside its refund period, so it refunded it as well.${back}`;
  return " Sectigo refunds it only if it still counted the license inside its refund period; its report could not be read to say which (see the order).";
}
