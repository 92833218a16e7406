import type { Story, StoryDirection, StoryEntry } from "./types";

/** One source's rows, and whether the loader stopped at its cap (more rows exist). */
export interface StorySource {
  entries: StoryEntry[];
  capped: boolean;
}

/**
 * Merges the sources of a story into one timeline: duplicates (the same row reached twice, e.g.
 * an order both created by and acting on a license) count once; ties on the time keep a stable,
 * readable order (an order before its events, a call after the event that made it); the result is
 * cut at `limit`. Truncated when a source was capped or the cut dropped entries: a cut source
 * only ever lost its *oldest* rows (loaders read newest first), so the newest `limit` entries of
 * the merge are exact while older ones may be missing, which "show more" fetches.
 */
export function mergeStory(sources: StorySource[], direction: StoryDirection, limit: number): Story {
  const byKey = new Map<string, StoryEntry>();
  for (const source of sources) for (const e of source.entries) if (!byKey.has(e.key)) byKey.set(e.key, e);
  const newestFirst = [...byKey.values()].sort(compareNewestFirst);
  const kept = newestFirst.slice(0, limit);
  const truncated = newestFirst.length > limit || sources.some((s) => s.capped);
  return { entries: direction === "newest" ? kept : kept.reverse(), truncated, direction, limit };
}

/** Within the same millisecond: creation, then license/add-on start, events, calls, audit. */
const KIND_RANK: Record<StoryEntry["kind"], number> = { order: 0, license: 1, addon: 2, event: 3, api: 4, audit: 5 };

function compareNewestFirst(a: StoryEntry, b: StoryEntry): number {
  const dt = b.at.getTime() - a.at.getTime();
  if (dt !== 0) return dt;
  const dk = KIND_RANK[b.kind] - KIND_RANK[a.kind];
  if (dk !== 0) return dk;
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
}

/** The story's cap from the URL: 50 by default, "show more" adds 100, never above 1,000. */
export const STORY_DEFAULT_LIMIT = 50;
export const STORY_MAX_LIMIT = 1000;
export const STORY_STEP = 100;

export function parseStoryParams(params: Record<string, string | undefined>): { direction: StoryDirection; limit: number } {
  const direction: StoryDirection = params.story === "oldest" ? "oldest" : "newest";
  const n = Number(params.show);
  const limit = Number.isInteger(n) && n >= STORY_DEFAULT_LIMIT ? Math.min(n, STORY_MAX_LIMIT) : STORY_DEFAULT_LIMIT;
  return { direction, limit };
}
