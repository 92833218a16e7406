import type { FindHit, FindKind, FindResult, MatchedOn } from "@/lib/lookup/find-types";

/** The badge that says why a hit is there. */
export const MATCHED_ON_LABEL: Record<MatchedOn, string> = {
  orderNumber: "order number",
  foreignOrderNumber: "our reference",
  domain: "domain",
  domainPart: "part of domain",
  subdomain: "subdomain",
  email: "email",
  emailPart: "part of email",
  name: "name",
};

/** One row of the listbox: a hit, its DOM id, and whether it is the exact match Enter goes to. */
export interface SearchOption {
  id: string;
  hit: FindHit;
  exact: boolean;
}

export interface SearchGroup {
  kind: FindKind | "exact";
  label: string;
  more: boolean;
  options: SearchOption[];
}

const optionId = (hit: FindHit) => `search-option-${hit.kind}-${hit.id}`.replace(/[^A-Za-z0-9_-]/g, "_");

/**
 * The groups the listbox shows, in the engine's order. An exact match comes first in a group of
 * its own (so Enter, which goes to it, also reads as the first option) and is not repeated below.
 */
export function toGroups(result: FindResult | null): SearchGroup[] {
  if (!result) return [];
  const exact = result.exact;
  const same = (h: FindHit) => exact !== null && h.kind === exact.kind && h.id === exact.id;
  const groups: SearchGroup[] = exact ? [{ kind: "exact", label: "Exact match", more: false, options: [{ id: optionId(exact), hit: exact, exact: true }] }] : [];
  for (const g of result.groups) {
    const options = g.hits.filter((h) => !same(h)).map((hit) => ({ id: optionId(hit), hit, exact: false }));
    if (options.length > 0) groups.push({ kind: g.kind, label: g.label, more: g.more, options });
  }
  return groups;
}

export const flatOptions = (groups: SearchGroup[]): SearchOption[] => groups.flatMap((g) => g.options);

/** Arrow keys, Home and End over `count` options; -1 is "none" (the input itself). Arrows wrap. */
export function moveActive(current: number, count: number, key: string): number {
  if (count === 0) return -1;
  switch (key) {
    case "ArrowDown":
      return current >= count - 1 ? 0 : current + 1;
    case "ArrowUp":
      return current <= 0 ? count - 1 : current - 1;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return current;
  }
}

/**
 * The Lookup page for the typed text, as Enter asks for it: its server page sends an exact match
 * (an order number, our reference, a domain's one license) straight to it.
 */
export function lookupHref(text: string): string {
  return `/lookup?q=${encodeURIComponent(text.trim())}`;
}

/** "See all results": the Lookup page's list even when one match is exact (`all=1`). */
export function allResultsHref(text: string): string {
  return `${lookupHref(text)}&all=1`;
}

/**
 * Where Enter goes. Results count only when they answer the text in the box now: a pasted order
 * number and an immediate Enter must not open what the previous text found.
 * - an option picked with the arrows: that option;
 * - else the exact match;
 * - else the Lookup page (which also answers before the results request does, and opens an exact match).
 */
export function enterTarget(text: string, answered: { text: string; result: FindResult | null } | null, active: SearchOption | null): string | null {
  if (!text.trim()) return null;
  const current = answered !== null && answered.text === text;
  if (current && active) return active.hit.href;
  if (current && answered.result?.exact) return answered.result.exact.href;
  return lookupHref(text);
}

const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "file", "range", "color", "image"]);

/** "/" opens the search only when the key would not type into something. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.closest("textarea, select, [contenteditable=''], [contenteditable='true']")) return true;
  const input = el.closest("input");
  return input !== null && !NON_TEXT_INPUTS.has(input.type);
}

/** Ctrl+K everywhere, ⌘K on Apple keyboards, and "/" outside text fields. */
export function isSearchShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; target: EventTarget | null }): boolean {
  if (e.altKey) return false;
  if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === "k") return true;
  return e.key === "/" && !e.ctrlKey && !e.metaKey && !isTypingTarget(e.target);
}
