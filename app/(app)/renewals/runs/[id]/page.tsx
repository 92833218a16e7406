import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getRenewalRun } from "@/lib/licenses/bulk-renewal/get-renewal-run";
import { PageHeader } from "@/components/ui/card";
import { RunProgress } from "@/components/renewals/run-progress";

export const metadata: Metadata = { title: "Renewal run" };
export const dynamic = "force-dynamic";

export default async function RenewalRunPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("viewLicenses");
  const run = await getRenewalRun(actor, (await params).id, prisma);
  if (!run) notFound();
  return (
    <>
      <PageHeader
        title="Renewal run"
        description={`Started by ${run.createdBy.name} on ${run.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC. It goes on in the background: close this page and come back at any time.`}
      />
      <RunProgress run={run} />
    </>
  );
}
