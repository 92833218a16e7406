"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useSearchAsYouType, type SearchAnswer } from "@/components/search/use-search-as-you-type";

/** Search as you type, pick one result; once picked, what was picked with a way to change it. */
export function SearchPicker<T extends { id: string }>(props: {
  id: string;
  /** Shown above the box; the label is then for screen readers only. */
  intro?: string;
  label: string;
  placeholder: string;
  search: (q: string) => Promise<SearchAnswer<T>>;
  chosen: T | null;
  onPick: (item: T | null) => void;
  describeChosen: (item: T) => ReactNode;
  describeResult: (item: T) => ReactNode;
}) {
  const { q, setQ, results, message } = useSearchAsYouType<T>(props.search, { emptyMessage: "Nothing found." });
  if (props.chosen) {
    return (
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>{props.describeChosen(props.chosen)}</span>
        <Button type="button" variant="secondary" onClick={() => props.onPick(null)}>
          Change
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-2 text-sm">
      {props.intro ? <p className="text-slate-700">{props.intro}</p> : null}
      <label htmlFor={props.id} className={props.intro ? "sr-only" : "block text-slate-700"}>
        {props.label}
      </label>
      <input id={props.id} className={inputClass} placeholder={props.placeholder} value={q} onChange={(e) => setQ(e.target.value)} />
      {message ? <p className="text-slate-600">{message}</p> : null}
      <ul role="list" aria-label="Matches" hidden={results.length === 0} className="divide-y divide-slate-100">
        {results.map((item) => (
          <li key={item.id}>
            <button type="button" className="w-full px-2 py-1 text-left hover:bg-slate-50" onClick={() => props.onPick(item)}>
              {props.describeResult(item)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
