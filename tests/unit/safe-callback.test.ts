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
  ])("sends %j (%s) home", (value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });
  it("ignores repeated parameters (arrays) and missing values", () => {
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
  });
});
