import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { previewCancellation } from "@/lib/licenses/actions/cancel";
import { appLifecycleDeps } from "@/lib/orders/app-deps";
import { PageHeader } from "@/components/ui/card";
import { LicenseBackLink } from "@/components/licenses/change-plan-preview";
import { CancelRefusal, CancelSummary, cancelWillText, refundWillText } from "@/components/licenses/cancel-summary";
import { CancelLicenseForm } from "@/components/licenses/cancel-form";

export const metadata: Metadata = { title: "Cancel license" };
export const dynamic = "force-dynamic";

export default async function CancelLicensePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("manageRenewals");
  const { id } = await params;
  const preview = await previewCancellation(actor, { licenseId: id }, await appLifecycleDeps()).catch((e: unknown) => (e instanceof AppError && e.code === "NOT_FOUND" ? null : Promise.reject(e)));
  if (!preview) notFound();
  const license = preview.license;
  return (
    <>
      <LicenseBackLink licenseId={license.id} />
      <PageHeader title="Cancel license" description={`${license.domainName} · ${license.productName}`} />
      {preview.ok ? (
        <div className="space-y-6">
          <CancelSummary preview={preview} />
          <CancelLicenseForm
            licenseId={license.id}
            domainName={license.domainName}
            refundOffered={preview.refundOffered}
            refundText={preview.refundOffered ? refundWillText(preview) : ""}
            cancelText={cancelWillText(preview)}
            submissionKey={randomUUID()}
          />
        </div>
      ) : (
        <CancelRefusal licenseId={license.id} domainName={license.domainName} status={preview.license.status} message={preview.message} ending={preview.ending ?? null} />
      )}
    </>
  );
}
