import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { firstValues, type SearchParams } from "@/lib/pagination";
import { listRenewalRuns } from "@/lib/licenses/bulk-renewal/list-renewal-runs";
import { PageHeader } from "@/components/ui/card";
import { RunList } from "@/components/renewals/run-list";

export const metadata: Metadata = { title: "Renewal runs" };
export const dynamic = "force-dynamic";

export default async function RenewalRunsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewLicenses");
  const page = await listRenewalRuns(actor, firstValues(await searchParams), prisma);
  return (
    <>
      <PageHeader title="Renewal runs" description="Bulk renewals started from the renewals workspace, newest first." />
      <RunList page={page} />
    </>
  );
}
