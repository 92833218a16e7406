import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { previewCancellation } from "@/lib/orders/cancel-license";
import { appOrderDeps } from "@/lib/orders/app-deps";
import { PageHeader } from "@/components/ui/card";
import { LicenceBackLink } from "@/components/licenses/change-plan-preview";
import { CancelRefusal, CancelSummary } from "@/components/licenses/cancel-summary";
import { CancelLicenceForm } from "@/components/licenses/cancel-form";

export const metadata: Metadata = { title: "Cancel license" };
export const dynamic = "force-dynamic";

export default async function CancelLicencePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("manageRenewals");
  const { id } = await params;
  const preview = await previewCancellation(actor, { licenceId: id }, appOrderDeps()).catch((e: unknown) => (e instanceof AppError && e.code === "NOT_FOUND" ? null : Promise.reject(e)));
  if (!preview) notFound();
  const licence = preview.licence;
  return (
    <>
      <LicenceBackLink licenceId={licence.id} />
      <PageHeader title="Cancel license" description={`${licence.domainName} · ${licence.productName}`} />
      {preview.ok ? (
        <div className="space-y-6">
          <CancelSummary preview={preview} />
          <CancelLicenceForm licenceId={licence.id} domainName={licence.domainName} refund={preview.kind === "REFUND"} submissionKey={randomUUID()} />
        </div>
      ) : (
        <CancelRefusal status={preview.licence.status} message={preview.message} />
      )}
    </>
  );
}
