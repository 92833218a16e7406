import { describe, expect, it } from "vitest";
import { allResultsHref, enterTarget, flatOptions, isSearchShortcut, isTypingTarget, moveActive, toGroups } from "@/components/search/search-model";
import type { FindHit, FindResult } from "@/lib/lookup/find-types";

const hit = (kind: FindHit["kind"], id: string, matchedOn: FindHit["matchedOn"] = "domain"): FindHit => ({
  kind,
  id,
  href: `/${kind === "order" ? "orders" : kind === "license" ? "licenses" : "customers"}/${id}`,
  title: id,
  subtitle: "",
  matchedOn,
});
const order = hit("order", "o1", "orderNumber");
const result = (exact: FindHit | null): FindResult => ({
  q: "x",
  exact,
  groups: [
    { kind: "order", label: "Orders", hits: [order, hit("order", "o2")], more: false },
    { kind: "license", label: "Licenses", hits: [hit("license", "l1")], more: true },
  ],
});

describe("the search box's groups", () => {
  it("keeps the engine's order and puts nothing before it without an exact match", () => {
    const groups = toGroups(result(null));
    expect(groups.map((g) => g.label)).toEqual(["Orders", "Licenses"]);
    expect(flatOptions(groups).map((o) => o.hit.id)).toEqual(["o1", "o2", "l1"]);
    expect(groups[1]!.more).toBe(true);
  });
  it("puts an exact match first, once, marked exact", () => {
    const options = flatOptions(toGroups(result(order)));
    expect(options.map((o) => [o.hit.id, o.exact])).toEqual([["o1", true], ["o2", false], ["l1", false]]);
  });
  it("drops a group the exact match emptied, and gives every option a distinct, safe id", () => {
    const only: FindResult = { q: "9", exact: order, groups: [{ kind: "order", label: "Orders", hits: [order], more: false }] };
    expect(toGroups(only).map((g) => g.kind)).toEqual(["exact"]);
    const ids = flatOptions(toGroups({ q: "a", exact: null, groups: [{ kind: "customer", label: "Customers", hits: [hit("customer", "a b/c"), hit("customer", "a-b")], more: false }] })).map((o) => o.id);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });
  it("has no groups for no result", () => {
    expect(toGroups(null)).toEqual([]);
  });
});

describe("arrow keys", () => {
  it.each([
    [-1, 3, "ArrowDown", 0],
    [0, 3, "ArrowDown", 1],
    [2, 3, "ArrowDown", 0],
    [-1, 3, "ArrowUp", 2],
    [0, 3, "ArrowUp", 2],
    [2, 3, "ArrowUp", 1],
    [1, 3, "Home", 0],
    [1, 3, "End", 2],
    [1, 3, "a", 1],
    [-1, 0, "ArrowDown", -1],
  ])("from %i of %i, %s goes to %i", (from, count, key, to) => {
    expect(moveActive(from, count, key)).toBe(to);
  });
});

describe("where Enter goes", () => {
  const answered = (text: string, exact: FindHit | null) => ({ text, result: result(exact) });
  const license = flatOptions(toGroups(result(null)))[2]!;
  it("nowhere for an empty box", () => {
    expect(enterTarget("  ", null, null)).toBeNull();
  });
  it("to all results when the answer has not come yet (a pasted order number and Enter at once)", () => {
    expect(enterTarget("9100001", null, null)).toBe("/lookup?q=9100001");
  });
  it("to all results, not to the old text's exact match, when the answer is for other text", () => {
    expect(enterTarget("9100002", answered("9100001", order), null)).toBe("/lookup?q=9100002");
    expect(enterTarget("9100002", answered("9100001", null), license)).toBe("/lookup?q=9100002");
  });
  it("straight to the exact match", () => {
    expect(enterTarget("9100001", answered("9100001", order), null)).toBe("/orders/o1");
  });
  it("to the option the arrows chose, even over the exact match", () => {
    expect(enterTarget("x", answered("x", order), license)).toBe("/licenses/l1");
  });
  it("to all results when nothing is chosen and nothing is exact", () => {
    expect(enterTarget("acme", answered("acme", null), null)).toBe("/lookup?q=acme");
  });
  it("encodes the text in the all-results link, which asks for the list even when a match is exact", () => {
    expect(allResultsHref(" a&b=c #d ")).toBe("/lookup?q=a%26b%3Dc%20%23d&all=1");
  });
});

describe("the shortcut", () => {
  const key = (k: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; target: EventTarget | null }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    target: null,
    ...extra,
  });
  const field = (tag: string, type?: string) => ({ isContentEditable: false, closest: (sel: string) => (sel.includes(tag) ? { type } : null) }) as unknown as EventTarget;
  it("opens on Ctrl+K and ⌘K, also with caps lock", () => {
    expect(isSearchShortcut(key("k", { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key("k", { metaKey: true }))).toBe(true);
    expect(isSearchShortcut(key("K", { ctrlKey: true }))).toBe(true);
  });
  it("ignores K alone, Ctrl+Shift+K and Alt+Ctrl+K", () => {
    expect(isSearchShortcut(key("k"))).toBe(false);
    expect(isSearchShortcut(key("K", { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSearchShortcut(key("k", { ctrlKey: true, altKey: true }))).toBe(false);
  });
  it('opens on "/" outside text fields only', () => {
    expect(isSearchShortcut(key("/"))).toBe(true);
    expect(isSearchShortcut(key("/", { target: field("input", "text") }))).toBe(false);
    expect(isSearchShortcut(key("/", { target: field("textarea") }))).toBe(false);
    expect(isSearchShortcut(key("/", { target: field("input", "checkbox") }))).toBe(true);
    expect(isSearchShortcut(key("/", { ctrlKey: true }))).toBe(false);
  });
  it("treats contenteditable as typing", () => {
    expect(isTypingTarget({ isContentEditable: true, closest: () => null } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });
});
