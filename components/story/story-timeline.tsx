import Link from "next/link";
import type { Story, StoryEntry } from "@/lib/story/types";
import { STORY_STEP } from "@/lib/story/merge-story";
import { Card } from "@/components/ui/card";
import { CopySummaryButton } from "./copy-summary-button";

const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });

const KIND_LABEL: Record<StoryEntry["kind"], string> = { order: "Order", event: "Event", api: "Sectigo", license: "License", addon: "Add-on", audit: "Audit" };
const KIND_TONE: Record<StoryEntry["kind"], string> = {
  order: "bg-brand-50 text-brand-900",
  event: "bg-slate-100 text-slate-800",
  api: "bg-violet-50 text-violet-800",
  license: "bg-green-50 text-green-800",
  addon: "bg-green-50 text-green-800",
  audit: "bg-amber-50 text-amber-900",
};

/**
 * The story of an order, a license or a customer, newest or oldest first, with "show more" when
 * it was cut and the copy-summary button. `base` is the page's path; `label` names the list for
 * screen readers (and tests).
 */
export function StoryTimeline({ story, base, label, summary, currentOrderId }: { story: Story; base: string; label: string; summary: string; currentOrderId?: string }) {
  const other = story.direction === "newest" ? "oldest" : "newest";
  const href = (direction: string, limit: number) => {
    const params = new URLSearchParams();
    if (direction !== "newest") params.set("story", direction);
    if (limit !== 50) params.set("show", String(limit));
    const qs = params.toString();
    return `${base}${qs ? `?${qs}` : ""}#story`;
  };
  return (
    <Card
      title="What happened"
      action={
        <div className="flex items-center gap-3 text-sm">
          <Link className="text-brand-700 hover:underline" href={href(other, story.limit)}>
            {story.direction === "newest" ? "Newest first · show oldest first" : "Oldest first · show newest first"}
          </Link>
          <CopySummaryButton text={summary} />
        </div>
      }
    >
      <div id="story">
        {story.entries.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing recorded yet.</p>
        ) : (
          <ol className="space-y-3" aria-label={label}>
            {story.direction === "oldest" && story.truncated ? (
              <li className="text-sm">
                <Link className="text-brand-700 underline" href={href("oldest", story.limit + STORY_STEP)}>
                  Show more (earlier entries)
                </Link>
              </li>
            ) : null}
            {story.entries.map((e) => (
              <StoryItem key={e.key} entry={e} currentOrderId={currentOrderId} />
            ))}
          </ol>
        )}
        {story.direction === "newest" && story.truncated ? (
          <p className="mt-3 text-sm">
            <Link className="text-brand-700 underline" href={href("newest", story.limit + STORY_STEP)}>
              Show more (older entries)
            </Link>
          </p>
        ) : null}
      </div>
    </Card>
  );
}

function StoryItem({ entry: e, currentOrderId }: { entry: StoryEntry; currentOrderId?: string }) {
  const border = e.tone === "bad" ? "border-red-300" : e.tone === "warn" ? "border-amber-300" : "border-slate-200";
  return (
    <li className={`border-l-2 ${border} pl-3 text-sm`}>
      <p className="text-xs text-slate-600">
        <span className={`mr-1 rounded px-1.5 py-0.5 text-[11px] font-medium ${KIND_TONE[e.kind]}`}>{KIND_LABEL[e.kind]}</span>
        {timeFormat.format(e.at)} UTC · {e.who}
        {e.order && e.order.id !== currentOrderId ? (
          <>
            {" · "}
            <Link className="text-brand-700 underline" href={`/orders/${e.order.id}`}>
              order {e.order.label}
            </Link>
          </>
        ) : null}
      </p>
      <p>
        {e.license && (e.kind === "license" || e.kind === "addon") ? (
          <Link className="hover:underline" href={`/licenses/${e.license.id}`}>
            {e.title}
          </Link>
        ) : (
          e.title
        )}
        {e.amount ? <span className="ml-1 font-medium">· {e.amount}</span> : null}
      </p>
      {e.detail ? <p className="text-xs text-slate-600">{e.detail}</p> : null}
      {e.call ? (
        <details className="mt-1 rounded-md border border-slate-200 p-2">
          <summary className="cursor-pointer text-xs">Request and response</summary>
          <p className="mt-2 text-xs font-semibold text-slate-700">Request (passwords redacted)</p>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all bg-slate-50 p-2 text-xs">{e.call.request}</pre>
          <p className="mt-2 text-xs font-semibold text-slate-700">Response{e.call.httpStatus ? ` (HTTP ${e.call.httpStatus})` : ""}</p>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all bg-slate-50 p-2 text-xs">{e.call.response ?? "(no response)"}</pre>
        </details>
      ) : null}
      {e.audit ? (
        <details className="mt-1 rounded-md border border-slate-200 p-2">
          <summary className="cursor-pointer text-xs">Input and before/after</summary>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all bg-slate-50 p-2 text-xs">{JSON.stringify({ input: e.audit.input, changes: e.audit.changes }, null, 2)}</pre>
        </details>
      ) : null}
    </li>
  );
}
