import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { findAnything } from "@/lib/lookup/find";
import { limitLookups, LookupRateLimitedError } from "@/lib/lookup/limit-lookups";
import { firstValues, searchTextSchema, type SearchParams } from "@/lib/pagination";
import { PageHeader } from "@/components/ui/card";
import { LookupResults } from "@/components/lookup/lookup-results";
import { inputClass } from "@/components/ui/field";

export const metadata: Metadata = { title: "Lookup" };

const lookupPageSchema = z.object({ q: searchTextSchema, all: z.literal("1").optional().catch(undefined) });
/** More than the search box shows: this page is where "more" leads. */
const PAGE_LIMIT = 25;

export default async function LookupPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("lookup");
  const { q, all } = lookupPageSchema.parse(firstValues(await searchParams));
  // The same per-session limit as the search box: a script paging through /lookup is held too.
  const limited = q.length >= 2 ? await limitLookups(actor).then(() => null, (error: unknown) => (error instanceof LookupRateLimitedError ? error : Promise.reject(error))) : null;
  const result = limited ? null : await findAnything(actor, q, { limit: PAGE_LIMIT });
  // An exact order number (or our reference) is the answer itself: straight to the order. So is a
  // domain's one license, unless "See all results" asked for the list (all=1).
  const byNumber = result?.exact?.matchedOn === "orderNumber" || result?.exact?.matchedOn === "foreignOrderNumber";
  if (result?.exact && (byNumber || !all)) redirect(result.exact.href);
  return (
    <>
      <PageHeader title="Lookup" description="Type an order number, our reference, a domain or part of one, an email or a customer name." />
      <form action="/lookup" method="get" role="search" className="mb-6 flex gap-2">
        <label htmlFor="lookup-q" className="sr-only">
          Order number, domain, email or name
        </label>
        <input id="lookup-q" name="q" defaultValue={q} autoFocus placeholder="e.g. 9100002, bluebird-bakery, it@acme-hosting.example" className={`${inputClass} max-w-xl`} />
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Look up
        </button>
      </form>
      {limited ? (
        <p role="status" data-testid="lookup-rate-limited" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {limited.message}
        </p>
      ) : null}
      {result ? <LookupResults result={result} /> : null}
    </>
  );
}
