import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { startDemoDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startDemoDatabase>>;
const support: Actor = { id: "demo-user-support", email: "support@orderdesk.test", name: "Sid", role: "SUPPORT" };

beforeAll(async () => {
  db = await startDemoDatabase();
});
afterAll(async () => {
  await db?.stop();
});

// Sign-in, throttling, sessions and user administration: tests/integration/sign-in-and-sessions.test.ts

describe("support lookup", () => {
  const titles = (r: Awaited<ReturnType<typeof import("@/lib/lookup/find").findAnything>>, kind: string) => r?.groups.find((g) => g.kind === kind)?.hits.map((h) => h.title) ?? [];

  it("goes straight to an order by Sectigo order number", async () => {
    const { findAnything } = await import("@/lib/lookup/find");
    const r = await findAnything(support, "9100002");
    expect(r?.exact).toMatchObject({ kind: "order", matchedOn: "orderNumber", href: expect.stringMatching(/^\/orders\//) });
  });

  it("finds by domain, and by email regardless of case", async () => {
    const { findAnything } = await import("@/lib/lookup/find");
    const byDomain = await findAnything(support, "cobalt-consulting.example");
    expect(titles(byDomain, "license")).toEqual(expect.arrayContaining(["cobalt-consulting.example", "shop.cobalt-consulting.example"]));
    const byEmail = await findAnything(support, "IT@acme-hosting.example");
    expect(titles(byEmail, "customer")).toContain("Acme Hosting Ltd");
  });
});

describe("license list", () => {
  it("filters the renewal window in the database", async () => {
    const { listLicenses, licensesQuerySchema } = await import("@/lib/licenses/queries/list-licenses");
    const { licenseStatus } = await import("@/lib/licenses/rules/status");
    // The demo's renewals book has licenses in every window: each row must be in the window asked
    // for, and the demo's own license of each window is found by name.
    const now = new Date();
    const open = await listLicenses(support, licensesQuerySchema.parse({ window: "open" }));
    expect(open.rows.length).toBeGreaterThan(0);
    for (const l of open.rows) expect(licenseStatus(l, now), l.domainName).toBe("RENEWABLE");
    const openBluebird = await listLicenses(support, licensesQuerySchema.parse({ window: "open", q: "bluebird" }));
    expect(openBluebird.rows.map((l) => l.domainName)).toEqual(["bluebird-bakery.example"]);
    const expired = await listLicenses(support, licensesQuerySchema.parse({ window: "expired" }));
    expect(expired.rows.length).toBeGreaterThan(0);
    for (const l of expired.rows) expect(licenseStatus(l, now), l.domainName).toBe("EXPIRED");
    const expiredCobalt = await listLicenses(support, licensesQuerySchema.parse({ window: "expired", q: "cobalt" }));
    expect(expiredCobalt.rows.map((l) => l.domainName)).toEqual(["cobalt-consulting.example"]);
  });

  it("sorts by expiry either way and ignores a bogus sort", async () => {
    const { listLicenses, licensesQuerySchema } = await import("@/lib/licenses/queries/list-licenses");
    // Narrowed to one page (the demo's renewals book fills several): desc is then asc reversed.
    const asc = await listLicenses(support, licensesQuerySchema.parse({ sort: "expiresAt", dir: "asc", q: "site000000" }));
    const desc = await listLicenses(support, licensesQuerySchema.parse({ sort: "expiresAt", dir: "desc", q: "site000000" }));
    expect(asc.rows.length).toBeGreaterThan(1);
    expect(asc.pageCount).toBe(1);
    expect(asc.rows.map((r) => r.id)).toEqual([...desc.rows.map((r) => r.id)].reverse());
    const bogus = await listLicenses(support, licensesQuerySchema.parse({ sort: "passwordHash; drop", page: "-4", q: "site000000" }));
    expect(bogus.page).toBe(1);
    expect(bogus.rows.map((r) => r.id)).toEqual(asc.rows.map((r) => r.id));
  });
});
