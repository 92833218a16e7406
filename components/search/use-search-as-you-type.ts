"use client";

import { useEffect, useState } from "react";

/** What a search server action answers (lib/auth/authorized-action.ts). */
export type SearchAnswer<T> = { ok: true; data: T[] } | { ok: false; error: { message: string } };

/** Fewer letters than this match too much to be worth a request. */
export const MIN_SEARCH_LENGTH = 2;
const DEBOUNCE_MS = 200;

/**
 * Search as you type through a server action: one call 200 ms after the last keystroke, from two
 * letters on; an answer to an older query is dropped, so it never overwrites a newer one. The one
 * hook behind every picker (the order form's customer and license pickers, the renewals
 * workspace's customer filter). `search` must be stable (useMemo/useCallback or module-level):
 * a new function is a new search.
 */
export function useSearchAsYouType<T>(search: (q: string) => Promise<SearchAnswer<T>>, opts: { emptyMessage: string }) {
  const { emptyMessage } = opts;
  const [q, setQ] = useState("");
  const [results, setResults] = useState<T[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (q.trim().length < MIN_SEARCH_LENGTH) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await search(q);
      if (!current) return;
      setFailed(!result.ok);
      if (result.ok) {
        setResults(result.data);
        setMessage(result.data.length === 0 ? emptyMessage : null);
      } else setMessage(result.error.message);
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, search, emptyMessage]);
  const typed = q.trim().length >= MIN_SEARCH_LENGTH;
  return { q, setQ, typed, results: typed ? results : [], message: typed ? message : null, failed: typed && failed };
}
