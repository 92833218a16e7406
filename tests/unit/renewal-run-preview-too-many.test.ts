/**
 * Issue 19 item 4: "Renew all" of a bucket at 1,000,000 licenses matches tens of thousands; the
 * preview answers "narrow the filter" from a capped count, without loading 5,001 licenses with their
 * customers and accounts (~150 ms per view before). Fails before the fix: findMany was called first.
 */
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { previewRenewalRun } from "@/lib/licenses/bulk-renewal/preview-renewal-run";
import { MAX_RUN_LICENSES } from "@/lib/licenses/bulk-renewal/run-selection";
import { expiryFilterSchema } from "@/lib/licenses/expiry-workspace/filter";

vi.mock("server-only", () => ({}));

const manager: Actor = { id: "u1", email: "m@orderdesk.test", name: "Mia", role: "ACCOUNT_MANAGER" };

function fakeDb(matching: number) {
  const findMany = vi.fn(async () => {
    throw new Error("the preview loaded licenses to find out there are too many");
  });
  // The capped count: SELECT count(*) FROM (SELECT 1 ... LIMIT max + 1); the LIMIT is its last value.
  const count = vi.fn(async (sql: TemplateStringsArray, ...values: unknown[]) => [{ n: Math.min(matching, Number(values.at(-1))) }]);
  return { db: { $queryRaw: count, license: { findMany } } as never, count, findMany };
}

describe("bulk renewal preview of a filter matching too many licenses", () => {
  it("says narrow the filter from a count capped at the maximum + 1, and loads no license", async () => {
    const { db, count, findMany } = fakeDb(75_000);
    const preview = await previewRenewalRun(manager, { kind: "filter", filter: expiryFilterSchema.parse({ bucket: "0-7" }) }, { db, eligibility: () => ({ ok: true }) as never, now: () => new Date() });
    expect(preview).toMatchObject({ ok: false, message: expect.stringContaining(`More than ${MAX_RUN_LICENSES.toLocaleString("en-US")} licenses match this filter`) });
    expect(count).toHaveBeenCalledTimes(1);
    expect(count.mock.calls[0]!.at(-1)).toBe(MAX_RUN_LICENSES + 1);
    expect(findMany).not.toHaveBeenCalled();
  });
});
