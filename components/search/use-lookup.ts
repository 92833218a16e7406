"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FindResult } from "@/lib/lookup/find-types";

export const SEARCH_DEBOUNCE_MS = 150;

export type LookupState =
  | { status: "idle" }
  | { status: "answered"; text: string; result: FindResult | null }
  | { status: "failed"; text: string; message: string };

const NO_ANSWER = "The search did not answer. Press Enter to open the Lookup page instead.";

/**
 * What the box says when /api/lookup refuses: past the session's rate limit (429), the server's
 * own sentence, which says how long to wait (lib/lookup/limit-lookups.ts).
 */
export function failureMessage(status: number, body: unknown): string {
  if (status === 401) return "Your session has ended. Sign in again to search.";
  if (status === 429) {
    const error = (body as { error?: unknown } | null)?.error;
    return typeof error === "string" && error ? error : "Too many searches in a short time. Wait a few seconds, then search again.";
  }
  return NO_ANSWER;
}

/**
 * Results as you type: one request ~150 ms after the last keystroke, the previous one aborted,
 * so an old answer can never overwrite a newer one.
 */
export function useLookup() {
  const [state, setState] = useState<LookupState>({ status: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);

  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    inflight.current?.abort();
    inflight.current = null;
  }, []);

  useEffect(() => cancel, [cancel]);

  const search = useCallback(
    (text: string) => {
      cancel();
      if (!text.trim()) {
        setState({ status: "idle" });
        return;
      }
      timer.current = setTimeout(async () => {
        const controller = new AbortController();
        inflight.current = controller;
        try {
          const response = await fetch(`/api/lookup?q=${encodeURIComponent(text)}`, { signal: controller.signal, headers: { accept: "application/json" } });
          if (!response.ok) {
            setState({ status: "failed", text, message: failureMessage(response.status, await response.json().catch(() => null)) });
            return;
          }
          const body = (await response.json()) as { result: FindResult | null };
          setState({ status: "answered", text, result: body.result });
        } catch {
          if (controller.signal.aborted) return;
          setState({ status: "failed", text, message: NO_ANSWER });
        } finally {
          if (inflight.current === controller) inflight.current = null;
        }
      }, SEARCH_DEBOUNCE_MS);
    },
    [cancel],
  );

  return { state, search };
}
