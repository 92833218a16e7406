import { describe, expect, it } from "vitest";
import { parseAuditQuery } from "@/lib/audit/list-audit-query";

describe("audit log query string", () => {
  it("a page cursor past PostgreSQL's bigint is a message, not a query that fails (review)", () => {
    const parsed = parseAuditQuery({ after: "9999999999999999999" });
    expect(parsed.query.after).toBeUndefined();
    expect(parsed.errors.after).toMatch(/not valid/);
  });

  it("the largest bigint is still a cursor", () => {
    expect(parseAuditQuery({ after: "9223372036854775807" }).query.after).toBe(9_223_372_036_854_775_807n);
  });
});
