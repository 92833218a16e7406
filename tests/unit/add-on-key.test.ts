import { describe, expect, it } from "vitest";
import { addOnKeyAfter } from "@/components/licenses/add-on-key";

describe("the add-on form's submission key after an answer (issue 9 review #2)", () => {
  const fresh = () => "new-key";
  it.each([
    [{ ok: true, status: "PLACED" }, "new-key"],
    [{ ok: true, status: "AWAITING_AUTHORIZATION" }, "new-key"],
    [{ ok: false, code: "FAILED" }, "new-key"],
    // A lost answer may have bought the add-on: the next click must be the same order.
    [{ ok: true, status: "UNKNOWN" }, "old-key"],
    [{ ok: true, status: "SUBMITTING" }, "old-key"],
    [{ ok: false, code: "ORDER_PENDING" }, "old-key"],
    [{ ok: false }, "old-key"],
  ] as const)("%o -> %s", (answer, expected) => {
    expect(addOnKeyAfter(answer, "old-key", fresh)).toBe(expected);
  });
});
