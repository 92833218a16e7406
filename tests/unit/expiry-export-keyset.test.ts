/**
 * Issue 9 review #9, kept for the raw-SQL export (issue 16, item 9): each batch of the renewals CSV
 * starts at the previous batch's last (sort value, id) with a plain range bound on the sort column,
 * so PostgreSQL starts its index scan there. With only the row comparison it could walk the index
 * from the start and drop every row before the cursor (~190 ms per batch in the middle of 1M
 * licenses, the export quadratic). Rows and order are held against the list by
 * tests/integration/expiry-workspace.test.ts.
 */
import { describe, expect, it } from "vitest";
import { exportBatchSql } from "@/lib/licenses/expiry-workspace/export";
import { workspaceQuerySchema } from "@/lib/licenses/expiry-workspace/workspace";

const now = new Date("2026-11-22T12:00:00Z");
const cursor = { value: "m.example", id: "lic-500000" };

describe("the CSV export's keyset batches", () => {
  it.each([
    ["domainName", "asc", `l."domainName" >= $`, `(l."domainName", l.id) > ($`, `ORDER BY l."domainName" ASC, l.id ASC`],
    ["domainName", "desc", `l."domainName" <= $`, `(l."domainName", l.id) < ($`, `ORDER BY l."domainName" DESC, l.id DESC`],
    ["customer", "asc", `c.name >= $`, `(c.name, l.id) > ($`, `ORDER BY c.name ASC, l.id ASC`],
    ["customer", "desc", `c.name <= $`, `(c.name, l.id) < ($`, `ORDER BY c.name DESC, l.id DESC`],
    ["expiresAt", "asc", `l."expiresAt" >= $`, `(l."expiresAt", l.id) > ($`, `ORDER BY l."expiresAt" ASC, l.id ASC`],
  ] as const)("sorted by %s %s: a range bound the index can start from, then the exact keyset", (sort, dir, bound, keyset, order) => {
    const sql = exportBatchSql(workspaceQuerySchema.parse({ sort, dir }), now, sort === "expiresAt" ? { value: "2027-01-01T00:00:00.000Z", id: cursor.id } : cursor);
    const text = sql.text.replace(/\s+/g, " ");
    expect(text).toContain(bound);
    expect(text).toContain(keyset);
    expect(text).toContain(order);
    expect(sql.values).toContain(cursor.id);
  });

  it("the expiry cursor is compared as a timestamp (UTC wall time, as stored)", () => {
    const sql = exportBatchSql(workspaceQuerySchema.parse({}), now, { value: "2027-01-01T00:00:00.000Z", id: "x" });
    expect(sql.text).toMatch(/l\."expiresAt" >= \$\d+::timestamp/);
  });

  it("the first batch has no cursor condition", () => {
    const text = exportBatchSql(workspaceQuerySchema.parse({ sort: "domainName" }), now, undefined).text;
    expect(text).not.toContain(`l."domainName" >=`);
    expect(text).not.toContain(", l.id) >");
  });
});
