import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getLicense } from "@/lib/licenses/get-license";
import { PageHeader } from "@/components/ui/card";
import { LicenceStatusBadge } from "@/components/licenses/licence-status-badge";
import { LicenceDetails } from "@/components/licenses/licence-details";

export const metadata: Metadata = { title: "Licence" };
export const dynamic = "force-dynamic";

export default async function LicencePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("viewLicenses");
  const { id } = await params;
  const { renewed } = await searchParams;
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
      <LicenceDetails licence={licence} now={now} renewedOrderId={typeof renewed === "string" ? renewed : undefined} />
    </>
  );
}
