import { describe, expect, it } from "vitest";
import { mergeStory, parseStoryParams } from "@/lib/story/merge-story";
import { buildStorySummary } from "@/lib/story/story-summary";
import { apiCallEntry, eventEntry, orderEntry } from "@/lib/story/story-rows";
import type { StoryEntry } from "@/lib/story/types";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute));
const entry = (key: string, minute: number, kind: StoryEntry["kind"] = "event"): StoryEntry => ({ key, kind, at: at(minute), who: "Sam", title: key });

describe("mergeStory", () => {
  const a = { entries: [entry("event:a3", 30), entry("event:a1", 10)], capped: false };
  const b = { entries: [entry("api:b2", 20), entry("order:o", 10, "order"), entry("event:a1", 10)], capped: false };

  it("merges sources newest first, counting a row reached twice once", () => {
    const story = mergeStory([a, b], "newest", 50);
    expect(story.entries.map((e) => e.key)).toEqual(["event:a3", "api:b2", "event:a1", "order:o"]);
    expect(story.truncated).toBe(false);
  });

  it("oldest first puts an order before the events of the same millisecond", () => {
    expect(mergeStory([a, b], "oldest", 50).entries.map((e) => e.key)).toEqual(["order:o", "event:a1", "api:b2", "event:a3"]);
  });

  it("keeps the newest `limit` entries and says it cut", () => {
    const story = mergeStory([a, b], "oldest", 2);
    expect(story.entries.map((e) => e.key)).toEqual(["api:b2", "event:a3"]);
    expect(story.truncated).toBe(true);
  });

  it("is truncated when a source stopped at its cap", () => {
    expect(mergeStory([a, { ...b, capped: true }], "newest", 50).truncated).toBe(true);
  });

  it("reads direction and cap from the URL, bounded", () => {
    expect(parseStoryParams({})).toEqual({ direction: "newest", limit: 50 });
    expect(parseStoryParams({ story: "oldest", show: "150" })).toEqual({ direction: "oldest", limit: 150 });
    expect(parseStoryParams({ story: "sideways", show: "99999999" })).toEqual({ direction: "newest", limit: 1000 });
    expect(parseStoryParams({ show: "-3" }).limit).toBe(50);
    expect(parseStoryParams({ show: "abc" }).limit).toBe(50);
  });
});

describe("buildStorySummary", () => {
  const order = orderEntry({
    id: "o1", kind: "RENEWAL", status: "PLACED", orderNumber: "7654321", foreignOrderNumber: "OD-1", createdAt: at(1),
    currency: "USD", sellTotal: "49.90", totalCost: "30", errorMessage: null, placedBy: { name: "Sam Staff" },
    targetLicense: { id: "l1", domainName: "shop.example" }, items: [{ productName: "SiteLock Basic", domainName: "shop.example" }],
  });
  const call = apiCallEntry(
    { id: "c1", orderId: "o1", actorId: "u1", endpoint: "autoApplyOrder", method: "POST", request: "loginName=r&loginPassword=hunter2&product=1", httpStatus: 200, response: '{"password":"s3cret","errorCode":0}', durationMs: 12, outcome: "SUCCESS", errorCode: null, createdAt: at(2) },
    "Sam Staff",
    { id: "o1", label: "#7654321" },
  );
  const placed = eventEntry({ id: "e1", orderId: "o1", createdAt: at(3), actorLabel: "Order Desk", kind: "PLACED", fromStatus: "SUBMITTING", toStatus: "PLACED", message: "Sectigo placed order 7654321 (password=leak)" }, { id: "o1", label: "#7654321" });

  it("says who, what, when, amounts, status and order numbers, oldest first", () => {
    const text = buildStorySummary({ title: "Order #7654321", facts: ["Status: Placed", "Customer: Acme <ops@acme.test>"] }, [placed, call, order]);
    expect(text.split("\n").slice(0, 5)).toEqual(["Order #7654321", "Status: Placed", "Customer: Acme <ops@acme.test>", "Orders: #7654321", "Calls to Sectigo: 1"]);
    const timeline = text.split("\n").filter((l) => l.startsWith("- "));
    expect(timeline).toEqual([
      "- 2026-11-22 10:01 UTC · Sam Staff · Renewal #7654321 created of the license for shop.example: SiteLock Basic for shop.example · now placed · debited by Sectigo USD 30.00 · USD 49.90",
      "- 2026-11-22 10:03 UTC · Order Desk · Sectigo placed order 7654321 (password=[REDACTED]) · submitting → placed",
    ]);
  });

  it("never carries a password: request and response bodies are left out, stray ones masked", () => {
    expect(call.call?.request).toContain("loginPassword=[REDACTED]");
    const text = buildStorySummary({ title: "Order", facts: [] }, [order, call, placed]);
    expect(text).not.toMatch(/hunter2|s3cret|leak/);
  });

  it("says when the story was cut", () => {
    expect(buildStorySummary({ title: "T", facts: [] }, [order], { truncated: true })).toContain("(earlier entries left out)");
  });
});
