import { describe, expect, it } from "vitest";
import { preparedStatementNames, utcSession } from "@/lib/db";
import { newRowId } from "@/lib/db/ids";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";

describe("prepared statement names (the worker's client)", () => {
  it("names a text the same way every time and different texts differently", () => {
    const name = preparedStatementNames();
    const a = name({ sql: "SELECT 1" });
    expect(a).toMatch(/^od_[\w-]{24}$/);
    expect(name({ sql: "SELECT 1" })).toBe(a);
    expect(name({ sql: "SELECT 2" })).not.toBe(a);
  });

  it("stops preparing new texts past its cap (they go unnamed), and keeps the ones it has", () => {
    const name = preparedStatementNames(3);
    const first = ["a", "b", "c"].map((sql) => name({ sql }));
    expect(first.every((n) => n.startsWith("od_"))).toBe(true);
    expect(name({ sql: "d" })).toBe("");
    expect(name({ sql: "a" })).toBe(first[0]);
  });
});

describe("row ids written by raw SQL", () => {
  it("look like Prisma's cuid() ids and do not repeat", () => {
    const ids = Array.from({ length: 10_000 }, () => newRowId());
    expect(ids.every((id) => /^c[0-9a-z]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("database errors from model and raw queries", () => {
  const raw = (kind: string, originalCode: string) => ({ code: "P2010", meta: { driverAdapterError: { cause: { kind, originalCode } } } });
  it("a unique violation is recognised whichever way the statement went", () => {
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
    expect(isUniqueViolation(raw("UniqueConstraintViolation", "23505"))).toBe(true);
    expect(isUniqueViolation(raw("ForeignKeyConstraintViolation", "23503"))).toBe(false);
    expect(isUniqueViolation(new Error("x"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
  it("so is a foreign-key violation", () => {
    expect(isForeignKeyViolation({ code: "P2003" })).toBe(true);
    expect(isForeignKeyViolation(raw("ForeignKeyConstraintViolation", "23503"))).toBe(true);
    expect(isForeignKeyViolation(raw("UniqueConstraintViolation", "23505"))).toBe(false);
  });
});

describe("UTC sessions", () => {
  it("asks for UTC and keeps options the URL already had, out of the URL (whose options would win)", () => {
    expect(utcSession("postgresql://u:p@127.0.0.1:5432/db")).toEqual({ connectionString: "postgresql://u:p@127.0.0.1:5432/db", options: "-c TimeZone=UTC" });
    const withOptions = utcSession("postgresql://u:p@127.0.0.1:5432/db?options=-c%20statement_timeout%3D5000&sslmode=disable");
    expect(withOptions.options).toBe("-c statement_timeout=5000 -c TimeZone=UTC");
    expect(withOptions.connectionString).toBe("postgresql://u:p@127.0.0.1:5432/db?sslmode=disable");
  });
});
