import Link from "next/link";
import type { ReactNode } from "react";
import type { PlanChangePreview } from "@/lib/licenses/actions/change-plan";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { formatDate, formatMoney } from "@/components/ui/format";

export function LicenseBackLink({ licenseId }: { licenseId: string }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={`/licenses/${licenseId}`} className="text-brand-700 hover:underline">
        ← License
      </Link>
    </p>
  );
}

/** A plain GET form: the pick lives in the address (?product=…), so a reload or a shared link shows the same preview. */
export function ChangePlanPicker(props: { plans: { productCode: number; name: string; current: boolean }[]; selected?: number; rawValue: string; error?: string }) {
  const known = props.plans.some((p) => p.productCode === props.selected);
  return (
    <Card title="New plan">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Plan picker">
        <div className="min-w-64">
          <Field id="product" label="New plan" error={props.error} hint="The preview shows the charge and what the license keeps.">
            <select id="product" name="product" defaultValue={known ? String(props.selected) : ""} className={inputClass}>
              <option value="" disabled>
                Choose a plan…
              </option>
              {props.plans.map((p) => (
                <option key={p.productCode} value={p.productCode} disabled={p.current}>
                  {p.name}
                  {p.current ? " (current)" : ""}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Button type="submit" variant="secondary">
          Preview
        </Button>
      </form>
    </Card>
  );
}

export function ChangePlanRefusal({ message }: { message: string }) {
  return (
    <Card title="This change is not possible">
      <p className="text-sm text-red-700" data-testid="change-plan-refusal">
        {message}
      </p>
    </Card>
  );
}

export function ChangePlanPreviewCard({ preview, children }: { preview: PlanChangePreview; children: ReactNode }) {
  const upgrade = preview.direction === "UPGRADE";
  return (
    <Card title="Preview" action={<Badge tone={upgrade ? "blue" : "amber"}>{upgrade ? "Upgrade" : "Downgrade"}</Badge>}>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]" data-testid="change-plan-preview">
        <dt className="font-medium text-slate-700">Change</dt>
        <dd>
          {preview.license.productName} → <strong>{preview.target.productName}</strong>
        </dd>
        <dt className="font-medium text-slate-700">Charge now</dt>
        <dd data-testid="change-plan-charge">
          {preview.charge ? (
            <>
              <strong>{formatMoney(preview.charge.cost, preview.charge.currency)}</strong> from your Sectigo funds
              <span className="text-slate-600"> · {formatMoney(preview.charge.customer, preview.charge.currency)} for the customer</span>
              <p className="text-xs text-slate-600">
                {upgrade
                  ? `Pro-rated: the new plan's price for the ${preview.remainingDays} days left, minus the unused value of the current plan.`
                  : "A downgrade is not charged, and the unused value is not credited."}
              </p>
            </>
          ) : (
            <>No price is set for this plan (Settings → Plan prices): Sectigo charges the pro-rated difference.</>
          )}
        </dd>
        <dt className="font-medium text-slate-700">New term</dt>
        <dd data-testid="change-plan-dates">
          Starts {formatDate(preview.startsAt)}, expires {formatDate(preview.expiresAt)} (unchanged: {preview.remainingDays} days left)
        </dd>
        <dt className="font-medium text-slate-700">Add-ons that go</dt>
        <dd data-testid="change-plan-addons-lost">
          {preview.addOnsLost.length === 0 ? (
            "None: the new plan keeps every add-on."
          ) : (
            <>
              <ul className="list-disc pl-5">
                {preview.addOnsLost.map((a) => (
                  <li key={a.id}>{a.productName}</li>
                ))}
              </ul>
              <p className="text-xs text-slate-600">{preview.target.productName} cannot hold them: Sectigo cancels them without credit.</p>
            </>
          )}
        </dd>
      </dl>
      <div className="mt-4 border-t border-slate-100 pt-4">{children}</div>
    </Card>
  );
}
