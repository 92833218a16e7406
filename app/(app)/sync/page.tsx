import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getSyncOverview } from "@/lib/sync/get-sync-overview";
import { PageHeader } from "@/components/ui/card";
import { SyncRuns } from "@/components/sync/sync-runs";
import { DriftTable } from "@/components/sync/drift-table";
import { DriftDecisions } from "@/components/sync/drift-decisions";

export const metadata: Metadata = { title: "Sync with Sectigo" };
export const dynamic = "force-dynamic";

export default async function SyncPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("viewLicenses");
  const overview = await getSyncOverview(actor, await searchParams, prisma);
  return (
    <>
      <PageHeader
        title="Sync with Sectigo"
        description="Order Desk reads Sectigo's order report every night (and when you ask) and lists every difference from our records. Take Sectigo's value, or ignore the difference: each decision is recorded with who took it."
      />
      <div className="space-y-6">
        <SyncRuns overview={overview} />
        <DriftTable overview={overview} />
        <DriftDecisions decisions={overview.decisions} />
      </div>
    </>
  );
}
