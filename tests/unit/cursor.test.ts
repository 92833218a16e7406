import { describe, expect, it } from "vitest";
import { cursorParamSchema, decodeCursor, encodeCursor, isCursorInstant } from "@/lib/pagination";
import { awaitingCursor, awaitingQuerySchema } from "@/lib/orders/list-awaiting";

describe("a list's keyset cursor", () => {
  it("carries any sort value a row can have: a 253-character domain, 200 four-byte characters (400 UTF-16 units)", () => {
    const domain = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.example`.slice(0, 253);
    expect(domain).toHaveLength(253);
    for (const value of [domain, "😀".repeat(200), "Ünïcödé, \"quoted\" & more", "2026-12-07T10:00:00.000Z", null]) {
      const cursor = { sort: "domainName", dir: "desc" as const, value, id: "cl0000000000000000000000" };
      const text = encodeCursor(cursor);
      // What the URL hands the page (the query string's schema) is the same text, and it decodes back.
      expect(cursorParamSchema.parse(text)).toBe(text);
      expect(decodeCursor(text)).toEqual(cursor);
    }
  });

  it("refuses a value over 400 UTF-16 units", () => {
    expect(decodeCursor(encodeCursor({ sort: "domainName", dir: "asc", value: "a".repeat(400), id: "x" }))?.value).toHaveLength(400);
    expect(decodeCursor(encodeCursor({ sort: "domainName", dir: "asc", value: "a".repeat(401), id: "x" }))).toBeUndefined();
  });

  it("refuses a value or id with a control character (PostgreSQL refuses NUL in text: a 500 before)", () => {
    for (const bad of ["a\u0000b", "line\nbreak", "tab\t", "\u007f"]) {
      expect(decodeCursor(encodeCursor({ sort: "domainName", dir: "asc", value: bad, id: "x" })), JSON.stringify(bad)).toBeUndefined();
      expect(decodeCursor(encodeCursor({ sort: "domainName", dir: "asc", value: "a", id: bad })), JSON.stringify(bad)).toBeUndefined();
    }
  });
});

describe("a date sort value in a cursor", () => {
  it("is accepted as the list writes it (toISOString), for instants across years 1-9999", () => {
    // Year 0001 (Date.UTC maps years 0-99 to 1900-1999, so it is set on a Date).
    const first = new Date(0);
    first.setUTCFullYear(1, 0, 1);
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i <= 200; i++) {
      const t = first.getTime() + Math.floor(((last - first.getTime()) * i) / 200);
      expect(isCursorInstant(new Date(t).toISOString()), new Date(t).toISOString()).toBe(true);
    }
  });

  it("is refused when PostgreSQL would refuse it or read it another way", () => {
    for (const v of ["1", "x 1", "2025-02-30T00:00:00.000Z", "2026-01-01", "2026-01-01T00:00:00+05:00", "2026-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00.000Z", "0000-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z\u0000", " 2026-01-01T00:00:00.000Z"]) {
      expect(isCursorInstant(v), JSON.stringify(v)).toBe(false);
    }
  });
});

describe("the awaiting list's cursor (createdAt|id)", () => {
  it("reads back what the page writes, and nothing else (a NUL in the id was a 500)", () => {
    const at = new Date(Date.UTC(2026, 11, 7, 10, 30, 0, 123));
    expect(awaitingCursor(awaitingQuerySchema.parse({ after: `${at.toISOString()}|cmxdrqi3h005y7x7d7cqu5tng` }).after)).toEqual({ createdAt: at, id: "cmxdrqi3h005y7x7d7cqu5tng" });
    for (const after of [`${at.toISOString()}|\u0000`, `${at.toISOString()}|x\u0000|y`, `${at.toISOString()}|a b`, `${at.toISOString()}|`, "2025-02-30T00:00:00.000Z|x", "-000001-01-01T00:00:00.000Z|x", "x", ""]) {
      expect(awaitingCursor(awaitingQuerySchema.parse({ after }).after), JSON.stringify(after)).toBeNull();
    }
  });
});
