import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { appNow } from "@/lib/clock/app-clock";
import { getLicense } from "@/lib/licenses/queries/get-license";
import { PageHeader } from "@/components/ui/card";
import { LicenseStatusBadge } from "@/components/licenses/license-status-badge";
import { LicenseDetails } from "@/components/licenses/license-details";
import { StoryTimeline } from "@/components/story/story-timeline";
import { loadLicenseStory } from "@/lib/story/load-license-story";
import { parseStoryParams } from "@/lib/story/merge-story";
import { buildStorySummary } from "@/lib/story/story-summary";
import { licenseSubject } from "@/lib/story/story-subjects";
import { firstValues, type SearchParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "License" };
export const dynamic = "force-dynamic";

export default async function LicensePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewLicenses");
  const { id } = await params;
  const query = firstValues(await searchParams);
  const now = await appNow();
  const [license, story] = await Promise.all([getLicense(actor, id, now), loadLicenseStory(actor, id, parseStoryParams(query))]);
  if (!license || !story) notFound();
  const { renewed, changed } = query;
  const summary = buildStorySummary(licenseSubject(license), story.entries, { truncated: story.truncated });
  return (
    <>
      <PageHeader
        title={license.domainName}
        description={`${license.productName} · ${license.customer.name} · ${license.customer.resellerAccount.label}`}
        action={<LicenseStatusBadge status={license.status} />}
      />
      <LicenseDetails license={license} now={now} renewedOrderId={typeof renewed === "string" ? renewed : undefined} changedOrderId={typeof changed === "string" ? changed : undefined} />
      <div className="mt-6">
        <StoryTimeline story={story} base={`/licenses/${license.id}`} label="License timeline" summary={summary} />
      </div>
    </>
  );
}
