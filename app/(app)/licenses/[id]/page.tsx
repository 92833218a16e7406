import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getLicense } from "@/lib/licenses/get-license";
import { PageHeader } from "@/components/ui/card";
import { LicenceStatusBadge } from "@/components/licenses/licence-status-badge";
import { LicenceDetails } from "@/components/licenses/licence-details";
import { StoryTimeline } from "@/components/story/story-timeline";
import { loadLicenceStory } from "@/lib/story/load-licence-story";
import { parseStoryParams } from "@/lib/story/merge-story";
import { buildStorySummary } from "@/lib/story/story-summary";
import { licenceSubject } from "@/lib/story/story-subjects";
import { firstValues, type SearchParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "License" };
export const dynamic = "force-dynamic";

export default async function LicencePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewLicenses");
  const { id } = await params;
  const query = firstValues(await searchParams);
  const now = new Date();
  const [licence, story] = await Promise.all([getLicense(actor, id, now), loadLicenceStory(actor, id, parseStoryParams(query))]);
  if (!licence || !story) notFound();
  const { renewed } = query;
  const summary = buildStorySummary(licenceSubject(licence), story.entries, { truncated: story.truncated });
  return (
    <>
      <PageHeader
        title={licence.domainName}
        description={`${licence.productName} · ${licence.customer.name} · ${licence.customer.resellerAccount.label}`}
        action={<LicenceStatusBadge status={licence.status} />}
      />
      <LicenceDetails licence={licence} now={now} renewedOrderId={typeof renewed === "string" ? renewed : undefined} />
      <div className="mt-6">
        <StoryTimeline story={story} base={`/licenses/${licence.id}`} label="License timeline" summary={summary} />
      </div>
    </>
  );
}
