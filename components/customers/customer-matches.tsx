"use client";

type Match = { id: string; name: string; email: string };

/**
 * The customers a search-as-you-type box found, each a button that picks one. A named list
 * (role="list" as well: Safari drops the list role of a list styled without bullets), so a screen
 * reader says how many matched; nothing at all while there is no match to list.
 */
export function CustomerMatches<T extends Match>(props: { label: string; matches: T[]; onPick: (match: T) => void }) {
  if (props.matches.length === 0) return null;
  return (
    <ul role="list" aria-label={props.label} className="divide-y divide-slate-100">
      {props.matches.map((c) => (
        <li key={c.id}>
          <button type="button" className="w-full px-2 py-1 text-left hover:bg-slate-50" onClick={() => props.onPick(c)}>
            {c.name} <span className="text-slate-600">{c.email}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
