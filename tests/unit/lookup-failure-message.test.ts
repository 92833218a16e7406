/**
 * Issue 16, item 9: past the session's rate limit /api/lookup answers 429 with a sentence; the
 * search box shows that sentence (how long to wait) instead of "the search did not answer".
 */
import { describe, expect, it } from "vitest";
import { failureMessage } from "@/components/search/use-lookup";

describe("what the search box says when /api/lookup refuses", () => {
  it("429: the server's own sentence", () => {
    expect(failureMessage(429, { error: "Too many searches in a short time. Wait 2 s, then search again.", retryAfterSeconds: 2 })).toBe(
      "Too many searches in a short time. Wait 2 s, then search again.",
    );
  });
  it("429 without a readable body: still says to wait, not that the search is broken", () => {
    expect(failureMessage(429, null)).toMatch(/^Too many searches/);
    expect(failureMessage(429, { error: 42 })).toMatch(/^Too many searches/);
  });
  it("401 and anything else keep their sentences", () => {
    expect(failureMessage(401, null)).toBe("Your session has ended. Sign in again to search.");
    expect(failureMessage(500, { error: "x" })).toBe("The search did not answer. Press Enter to open the Lookup page instead.");
  });
});
