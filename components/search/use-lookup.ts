"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FindResult } from "@/lib/lookup/find-types";

export const SEARCH_DEBOUNCE_MS = 150;

export type LookupState =
  | { status: "idle" }
  | { status: "answered"; text: string; result: FindResult | null }
  | { status: "failed"; text: string; message: string };

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
          if (response.status === 401) {
            setState({ status: "failed", text, message: "Your session has ended. Sign in again to search." });
            return;
          }
          if (!response.ok) {
            setState({ status: "failed", text, message: "The search did not answer. Press Enter to open the Lookup page instead." });
            return;
          }
          const body = (await response.json()) as { result: FindResult | null };
          setState({ status: "answered", text, result: body.result });
        } catch {
          if (controller.signal.aborted) return;
          setState({ status: "failed", text, message: "The search did not answer. Press Enter to open the Lookup page instead." });
        } finally {
          if (inflight.current === controller) inflight.current = null;
        }
      }, SEARCH_DEBOUNCE_MS);
    },
    [cancel],
  );

  return { state, search };
}
