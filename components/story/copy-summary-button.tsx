"use client";

import { useState } from "react";

/**
 * Copies the story's plain-text summary (built on the server by lib/story/story-summary.ts) for a
 * support ticket. Falls back to selecting a hidden text area where the clipboard API is refused.
 */
export function CopySummaryButton({ text }: { text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      setState(ok ? "copied" : "failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
      >
        Copy summary
      </button>
      <span role="status" className="text-xs text-slate-600">
        {state === "copied" ? "Copied to the clipboard." : state === "failed" ? "Your browser refused the clipboard: select the text below." : ""}
      </span>
      {state === "failed" ? <textarea readOnly aria-label="Summary" className="h-40 w-full text-xs" value={text} /> : null}
    </span>
  );
}
