import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getLicense } from "@/lib/licenses/get-license";
import { PageHeader } from "@/components/ui/card";
import { LicenceStatusBadge } from "@/components/licenses/licence-status-badge";
import { LicenceDetails } from "@/components/licenses/licence-details";

export const metadata: Metadata = { title: "Licence" };
export const dynamic = "force-dynamic";

export default async function LicencePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("viewLicenses");
  const { id } = await params;
  const now = new Date();
  const licence = await getLicense(actor, id, now);
  if (!licence) notFound();
  return (
    <>
      <PageHeader
        title={licence.domainName}
        description={`${licence.productName} · ${licence.customer.name} · ${licence.customer.resellerAccount.label}`}
        action={<LicenceStatusBadge status={licence.status} />}
      />
      <LicenceDetails licence={licence} now={now} />
    </>
  );
}
