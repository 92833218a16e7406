import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { planChangeChoices, previewPlanChange } from "@/lib/licenses/actions/change-plan";
import { planChangeSchema } from "@/lib/licenses/actions/change-plan-schema";
import { appLifecycleDeps } from "@/lib/orders/app-deps";
import { PageHeader } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { ChangePlanPicker, ChangePlanPreviewCard, ChangePlanRefusal, LicenseBackLink } from "@/components/licenses/change-plan-preview";
import { ChangePlanConfirm } from "@/components/licenses/change-plan-confirm";

export const metadata: Metadata = { title: "Change plan" };
export const dynamic = "force-dynamic";

export default async function ChangePlanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("manageRenewals");
  const { id } = await params;
  const raw = (await searchParams).product;
  const deps = await appLifecycleDeps();
  const choices = await planChangeChoices(actor, { licenseId: id }, deps).catch((e: unknown) => (e instanceof AppError && e.code === "NOT_FOUND" ? null : Promise.reject(e)));
  if (!choices) notFound();
  const { license } = choices;
  // The query string is input: a product that is not a number is an error next to the picker.
  const picked = raw === undefined || raw === "" ? undefined : planChangeSchema.shape.productCode.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const preview = picked?.success ? await previewPlanChange(actor, { licenseId: id, productCode: picked.data }, deps) : null;
  const fieldError = picked && !picked.success ? "Pick one of the SiteLock plans." : preview && !preview.ok && preview.field ? preview.message : undefined;
  return (
    <>
      <LicenseBackLink licenseId={license.id} />
      <PageHeader title="Change plan" description={`${license.domainName} · ${license.productName} · expires ${formatDate(license.expiresAt)}`} />
      <div className="space-y-6">
        <ChangePlanPicker plans={choices.plans} selected={picked?.success ? picked.data : undefined} rawValue={typeof raw === "string" ? raw : ""} error={fieldError} />
        {preview && !preview.ok && !preview.field ? <ChangePlanRefusal message={preview.message} /> : null}
        {preview?.ok ? (
          <ChangePlanPreviewCard preview={preview}>
            <ChangePlanConfirm licenseId={license.id} productCode={preview.target.productCode} direction={preview.direction} targetName={preview.target.productName} submissionKey={randomUUID()} />
          </ChangePlanPreviewCard>
        ) : null}
      </div>
    </>
  );
}
