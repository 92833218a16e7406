import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { appNow } from "@/lib/clock/app-clock";
import { getCustomer } from "@/lib/customers/get-customer";
import { loadCustomerStory } from "@/lib/story/load-customer-story";
import { parseStoryParams } from "@/lib/story/merge-story";
import { buildStorySummary } from "@/lib/story/story-summary";
import { customerSubject } from "@/lib/story/story-subjects";
import { firstValues, type SearchParams } from "@/lib/pagination";
import { PageHeader } from "@/components/ui/card";
import { CustomerOverview } from "@/components/customers/customer-overview";
import { StoryTimeline } from "@/components/story/story-timeline";

export const metadata: Metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

export default async function CustomerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewCustomers");
  const { id } = await params;
  const [customer, story] = await Promise.all([getCustomer(actor, id, await appNow()), loadCustomerStory(actor, id, parseStoryParams(firstValues(await searchParams)))]);
  if (!customer || !story) notFound();
  const summary = buildStorySummary(customerSubject(customer), story.entries, { truncated: story.truncated });
  return (
    <>
      <PageHeader title={customer.name} description={`${customer.email} · ${customer.resellerAccount.label}`} />
      <CustomerOverview customer={customer} />
      <div className="mt-6">
        <StoryTimeline story={story} base={`/customers/${customer.id}`} label="Customer timeline" summary={summary} />
      </div>
    </>
  );
}
