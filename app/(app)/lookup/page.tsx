import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { lookup, lookupSchema } from "@/lib/lookup/lookup";
import { firstValues, type SearchParams } from "@/lib/pagination";
import { PageHeader } from "@/components/ui/card";
import { LookupResults } from "@/components/lookup/lookup-results";
import { inputClass } from "@/components/ui/field";

export const metadata: Metadata = { title: "Lookup" };

export default async function LookupPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("lookup");
  const { q } = lookupSchema.parse(firstValues(await searchParams));
  const result = await lookup(actor, q);
  return (
    <>
      <PageHeader title="Lookup" description="Type an order number, a domain or an email." />
      <form action="/lookup" method="get" role="search" className="mb-6 flex gap-2">
        <label htmlFor="lookup-q" className="sr-only">
          Order number, domain or email
        </label>
        <input id="lookup-q" name="q" defaultValue={q} autoFocus placeholder="e.g. 9100002, bluebird-bakery.example, it@acme-hosting.example" className={`${inputClass} max-w-xl`} />
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Look up
        </button>
      </form>
      {result ? <LookupResults result={result} /> : null}
    </>
  );
}
