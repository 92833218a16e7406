"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { cancelLicenseFormSchema } from "@/lib/licenses/actions/cancel-schema";
import { cancelLicenseAction } from "@/app/(app)/licenses/[id]/cancel/actions";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { applyActionErrors } from "@/components/ui/apply-action-errors";

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

/** Step 3 of the wizard: confirm. One submission key per wizard: a double click or a second tab cancels once. */
export function CancelLicenseForm(props: { licenseId: string; domainName: string; refund: boolean; submissionKey: string }) {
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string; orderId?: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const form = useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver: zodResolver(cancelLicenseFormSchema),
    defaultValues: { licenseId: props.licenseId, submissionKey: props.submissionKey, reason: "other", confirm: false as unknown as true },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      setMessage(null);
      const r = await cancelLicenseAction(values);
      if (!r.ok) {
        applyActionErrors(form.setError, r.error);
        return setMessage({ tone: "error", text: r.error.message });
      }
      if (!r.data.ok) return setMessage({ tone: "error", text: r.data.message, orderId: r.data.orderId });
      const text =
        r.data.outcome === "REFUNDED" ? "License REFUNDED: Sectigo refunded and cancelled it." : r.data.outcome === "CANCELLED" ? "License CANCELLED." : r.data.outcome === "ALREADY_SUBMITTED" ? "This cancellation was already sent; nothing was sent again." : (r.data.message ?? r.data.outcome);
      setMessage({ tone: "ok", text, orderId: r.data.orderId });
      router.refresh();
    }),
  );
  return (
    <Card title="3. Confirm">
      <form onSubmit={submit} noValidate aria-label="Confirm the cancellation" className="space-y-4">
        {props.refund ? (
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
              I understand that {props.domainName} {props.refund ? "is refunded and" : "is"} cancelled with its add-ons, and is no longer protected.
            </span>
          </label>
          {errors.confirm ? (
            <p id="confirm-error" className="text-sm text-red-700">
              {errors.confirm.message}
            </p>
          ) : null}
        </div>
        <Button type="submit" variant="danger" disabled={pending || message?.tone === "ok"}>
          {pending ? "Sending to Sectigo…" : props.refund ? "Refund and cancel" : "Cancel license"}
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
