import Link from "next/link";
import type { FindResult } from "@/lib/lookup/find-types";
import { MATCHED_ON_LABEL } from "@/components/search/search-model";
import { Card } from "@/components/ui/card";

/** The Lookup page's answer: the engine's ranked groups, each hit a link with what it matched on. */
export function LookupResults({ result }: { result: FindResult }) {
  const count = result.groups.reduce((n, g) => n + g.hits.length, 0);
  return (
    <div className="space-y-6" data-testid="lookup-results">
      {count === 0 ? (
        <p className="text-sm text-slate-700">
          Nothing matches <strong>{result.q}</strong>. Check the spelling, or try a whole domain, an email or an order number.
        </p>
      ) : (
        <p className="text-sm text-slate-700">
          {count} {count === 1 ? "match" : "matches"} for <strong>{result.q}</strong>, best first.
        </p>
      )}
      {result.groups.map((group) => (
        <Card key={group.kind} title={`${group.label} (${group.hits.length}${group.more ? "+" : ""})`}>
          <ul className="divide-y divide-slate-100 text-sm" aria-label={group.label}>
            {group.hits.map((hit) => (
              <li key={hit.id} className="flex items-start justify-between gap-3 py-2">
                <span className="min-w-0">
                  <Link href={hit.href} className="font-medium break-words text-brand-700 hover:underline">
                    {hit.title}
                  </Link>
                  <span className="block break-words text-slate-600">{hit.subtitle}</span>
                </span>
                <span className="shrink-0 rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset">
                  {MATCHED_ON_LABEL[hit.matchedOn]}
                </span>
              </li>
            ))}
          </ul>
          {group.more ? <p className="mt-2 text-xs text-slate-600">Only the best matches are shown: add more of the domain, email or name to narrow it down.</p> : null}
        </Card>
      ))}
    </div>
  );
}
