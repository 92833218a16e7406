import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/sign-in-schema";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeCallbackUrl("/licenses?window=open#top")).toBe("/licenses?window=open#top");
  });
  it.each([
    ["https://evil.example/", "absolute URL"],
    ["//evil.example/x", "protocol-relative"],
    ["/\\evil.example", "backslash"],
    ["/\t/evil.example", "tab"],
    ["/signin?callbackUrl=/x", "sign-in loop"],
    ["", "empty"],
    ["/.//evil.example", "dot segment before a double slash"],
    ["/%2e//evil.example", "encoded dot segment"],
    ["/%2E%2E//evil.example", "encoded dot-dot segment"],
    ["/x/..//evil.example", "dot-dot segment"],
    ["/x/../..//evil.example/path?q=1", "dot-dot above the root"],
    ["/./\\evil.example", "dot then backslash"],
    ["/%2f%2fevil.example", "encoded slashes"],
    ["/signout", "sign-out"],
  ])("sends %j (%s) home", (value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });
  it("keeps a normalised same-site path", () => {
    expect(safeCallbackUrl("/orders/./new")).toBe("/orders/new");
    expect(safeCallbackUrl("/licenses/../orders?page=2")).toBe("/orders?page=2");
  });
  it("ignores repeated parameters (arrays) and missing values", () => {
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
  });
});
