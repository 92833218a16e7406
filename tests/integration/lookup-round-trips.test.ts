/**
 * A lookup's round trips to PostgreSQL (issue 19 item 4: two instances through nginx must answer
 * 1.4x the lookups of one on 2 cores, so a lookup's CPU in the app and in PostgreSQL counts, and
 * each statement costs both far more than the indexed reads it runs). The text as every kind in ONE
 * statement, every hit's summary in ONE more; it was three finds and six summary queries (Prisma
 * fetching each relation apart). Every statement the app's pool sends goes through pg.Client#query.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import type { Actor } from "@/lib/auth/session";
import { startDemoDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startDemoDatabase>>;
const support: Actor = { id: "demo-user-support", email: "support@orderdesk.test", name: "Sid", role: "SUPPORT" };

beforeAll(async () => {
  db = await startDemoDatabase();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await db?.stop();
});

describe("a lookup's statements", () => {
  it("an order number, a whole e-mail: two statements each; a whole domain three (names holding it, as fewer than a page of customers matched), with hits of every kind", async () => {
    const { findAnything } = await import("@/lib/lookup/find");
    await findAnything(support, "warm-up.example"); // the pool connects outside the count
    const sent = vi.spyOn(pg.Client.prototype, "query");
    for (const [q, statements] of [
      ["9100002", 2],
      ["admin@cobalt-consulting.example", 2],
      ["cobalt-consulting.example", 3],
    ] as const) {
      sent.mockClear();
      const r = await findAnything(support, q);
      expect(r?.groups.map((g) => g.kind).sort(), q).toEqual(["customer", "license", "order"]);
      expect(sent.mock.calls.length, q).toBe(statements);
    }
  });

  it("a fragment found only inside a label: a third statement for the fallback, never more", async () => {
    const { findAnything } = await import("@/lib/lookup/find");
    const sent = vi.spyOn(pg.Client.prototype, "query");
    sent.mockClear();
    const r = await findAnything(support, "obalt-consult");
    expect(r?.groups.find((g) => g.kind === "license")?.hits.map((h) => h.title)).toEqual(expect.arrayContaining(["cobalt-consulting.example"]));
    expect(sent.mock.calls.length).toBeLessThanOrEqual(3);
  });
});
