/**
 * The list use cases as the pages call them (URL params → schema → use case) against a real
 * PostgreSQL: hostile query strings, every sortable column both ways, paging past the end,
 * and the figures computed for the rows on the page only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { generateKey } from "@/lib/crypto/credentials";
import { anchorDay } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { startTestDatabase, setAppEnv } from "./test-database";

let db: Awaited<ReturnType<typeof startTestDatabase>>;
const support: Actor = { id: "demo-user-support", email: "support@orderdesk.test", name: "Sid", role: "SUPPORT" };
const DAY_MS = 86_400_000;
const EXTRA = 30; // more than one page (PAGE_SIZE 25) of orders, licenses and customers
const anchor = anchorDay(new Date());

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  setAppEnv(db.url, generateKey());
  const { prisma } = await import("@/lib/db");
  const { seedDemo, DEMO_RESELLER_ACCOUNT_ID } = await import("@/tools/demo/seed-demo");
  const { seedCustomer, seedLicense } = await import("@/tools/demo/factories");
  await seedDemo(prisma as never, { anchor, credentialsKey: process.env.CREDENTIALS_KEY!, sandboxUrl: "http://127.0.0.1:4999/products/" });
  // Extra customers, each with one order and license; one whose name holds LIKE wildcards.
  for (let i = 0; i < EXTRA; i++) {
    const n = String(i).padStart(2, "0");
    const name = i === 0 ? "100% Pure_Honey" : `Paging Customer ${n}`;
    const customer = await seedCustomer(prisma as never, {
      id: `it-customer-${n}`,
      resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
      name,
      email: i === 0 ? "pure_honey@honey.example" : `paging-${n}@paging.example`,
    });
    const startsAt = new Date(anchor.getTime() - (50 + i * 7) * DAY_MS);
    await seedLicense(prisma as never, {
      id: `it-license-${n}`,
      customerId: customer.id,
      resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
      orderNumber: `95000${n}`,
      foreignOrderNumber: `OD-IT-00${n}`,
      orderStatus: i % 3 === 0 ? "PLACED" : i % 3 === 1 ? "AWAITING_AUTHORIZATION" : "REFUNDED",
      licenseStatus: "ACTIVE",
      productCode: 1060 + (i % 3),
      productName: ["SiteLock Basic", "SiteLock Pro", "SiteLock Monitor"][i % 3]!,
      domainName: i === 0 ? "pure_honey.example" : `paging-${n}.example`,
      termDays: 365,
      startsAt,
      expiresAt: new Date(startsAt.getTime() + 365 * DAY_MS),
      autoRenew: i % 2 === 0,
      cost: 10 + i,
      currency: "USD",
      addOns: [],
    });
  }
});
afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
  await db?.stop();
});

async function lists() {
  const { firstValues } = await import("@/lib/pagination");
  const { listOrders, ordersQuerySchema } = await import("@/lib/orders/list-orders");
  const { listLicenses, licensesQuerySchema } = await import("@/lib/licenses/queries/list-licenses");
  const { listCustomers, customersQuerySchema } = await import("@/lib/customers/list-customers");
  type Params = Record<string, string | string[] | undefined>;
  return {
    orders: {
      sorts: ["orderNumber", "status", "createdAt"],
      load: (p: Params) => listOrders(support, ordersQuerySchema.parse(firstValues(p))),
      value: (r: Awaited<ReturnType<typeof listOrders>>["rows"][number], sort: string) => {
        const v = (r as Record<string, unknown>)[sort];
        return v instanceof Date ? v.toISOString() : String(v);
      },
      text: (r: Awaited<ReturnType<typeof listOrders>>["rows"][number]) => [r.customer.name, r.orderNumber, ...r.items.map((i) => i.domainName)].join(" "),
    },
    licenses: {
      sorts: ["domainName", "productName", "expiresAt"],
      load: (p: Params) => listLicenses(support, licensesQuerySchema.parse(firstValues(p))),
      value: (r: Awaited<ReturnType<typeof listLicenses>>["rows"][number], sort: string) => String(sort === "expiresAt" ? r.expiresAt?.toISOString() : r[sort as "domainName"]),
      text: (r: Awaited<ReturnType<typeof listLicenses>>["rows"][number]) => [r.customer.name, r.domainName].join(" "),
    },
    customers: {
      sorts: ["name", "email"],
      load: (p: Params) => listCustomers(support, customersQuerySchema.parse(firstValues(p))),
      value: (r: Awaited<ReturnType<typeof listCustomers>>["rows"][number], sort: string) => String(r[sort as "name"]),
      text: (r: Awaited<ReturnType<typeof listCustomers>>["rows"][number]) => [r.name, r.email].join(" "),
    },
  } as const;
}

const HOSTILE: Array<[string, string]> = [
  ["null byte", "\u0000"],
  ["null byte inside a word", "acme\u0000hosting"],
  ["other control characters", "\u0001\u001b[31m\u007f"],
  ["backslash", "\\"],
  ["trailing backslash", "acme\\"],
  ["percent", "%"],
  ["underscore", "_"],
  ["10,000 characters", "a".repeat(10_000)],
  ["emoji", "🍯🐝"],
  ["emoji cut at the length limit", "🍯".repeat(150)],
  ["right-to-left text", "\u202Eשלום عربي"],
  ["quotes and SQL", "' OR 1=1 --"],
];

describe("list pages with hostile search text", () => {
  for (const listName of ["orders", "licenses", "customers"] as const) {
    it.each(HOSTILE)(`${listName}: %s gives a sane page`, async (_label, q) => {
      const list = (await lists())[listName];
      const page = await list.load({ q });
      expect(page.page).toBe(1);
      expect(page.pageCount).toBeGreaterThanOrEqual(1);
      expect(page.total).toBeGreaterThanOrEqual(page.rows.length);
    });
  }

  it.each(HOSTILE)("lookup: %s gives a sane answer", async (_label, q) => {
    const { findAnything } = await import("@/lib/lookup/find");
    const result = await findAnything(support, q);
    if (result) for (const group of result.groups) expect(group.hits.length).toBeGreaterThan(0);
  });

  it("strips control characters but keeps the rest of the search", async () => {
    const { orders } = await lists();
    const page = await orders.load({ q: "Acme\u0000 Hosting" });
    expect(page.rows.map((r) => r.customer.name)).toEqual(["Acme Hosting Ltd"]);
  });

  for (const listName of ["orders", "licenses", "customers"] as const) {
    it(`${listName}: % and _ match themselves, not every row`, async () => {
      const list = (await lists())[listName];
      // Licenses and customers find a name by any part from three characters (pg_trgm), and a
      // shorter term by the name's start only (no index can find two characters anywhere).
      const terms = listName === "orders" ? ["%", "_", "0% Pure_H"] : ["100%", "% Pure_", "e_H", "0% Pure_H"];
      for (const q of terms) {
        const page = await list.load({ q });
        expect(page.total, `q=${q}`).toBeGreaterThan(0);
        for (const row of page.rows as never[]) expect(list.text(row), `q=${q}`).toContain(q);
      }
      // A backslash is a literal too: nothing holds one.
      expect((await list.load({ q: "\\" })).total).toBe(0);
      // Nor does a lone % or _ match every row.
      if (listName !== "orders") for (const q of ["%", "_"]) expect((await list.load({ q })).total, `q=${q}`).toBe(0);
    });
  }

  it("lookup treats % and _ in a domain as literals", async () => {
    const { findAnything } = await import("@/lib/lookup/find");
    const hits = async (q: string, kind: string) => (await findAnything(support, q))?.groups.find((g) => g.kind === kind)?.hits.map((h) => h.title) ?? [];
    expect(await hits("%", "license")).toEqual([]);
    expect(await hits("_.example", "license")).toEqual([]);
    expect(await hits("%@%", "customer")).toEqual([]);
    const honey = await hits("pure_honey.example", "license");
    expect(honey).toContain("pure_honey.example");
    for (const title of honey) expect(title).toContain("pure_honey.example");
  });
});

describe("list pages with hostile paging, sorting and filters", () => {
  const cases: Array<[string, Record<string, string | string[]>]> = [
    ["page=-1", { page: "-1" }],
    ["page=0", { page: "0" }],
    ["page=1e9", { page: "1e9" }],
    ["page=abc", { page: "abc" }],
    ["page=2.5", { page: "2.5" }],
    ["sort=__proto__", { sort: "__proto__" }],
    ["sort=constructor", { sort: "constructor" }],
    ["dir=x", { dir: "x" }],
    ["status=bogus", { status: "bogus" }],
    ["window=bogus", { window: "bogus" }],
    ["repeated params", { page: ["2", "1"], sort: ["status", "name"], q: ["a", "b"] }],
  ];
  for (const listName of ["orders", "licenses", "customers"] as const) {
    it.each(cases)(`${listName}: %s gives a sane page`, async (_label, params) => {
      const list = (await lists())[listName];
      const page = await list.load(params);
      expect(page.page).toBeGreaterThanOrEqual(1);
      expect(page.page).toBeLessThanOrEqual(page.pageCount);
      expect(page.rows.length).toBeGreaterThan(0);
    });
  }
});

describe("sorting", () => {
  for (const listName of ["orders", "licenses", "customers"] as const) {
    it(`${listName}: every sortable column sorts both ways across pages`, async () => {
      const list = (await lists())[listName];
      const { prisma } = await import("@/lib/db");
      for (const sort of list.sorts) {
        const all = async (dir: string) => {
          const values: string[] = [];
          for (let p = 1; ; p++) {
            const page = await list.load({ sort, dir, page: String(p) });
            values.push(...page.rows.map((r) => list.value(r as never, sort)));
            if (p >= page.pageCount) break;
          }
          return values;
        };
        const asc = await all("asc");
        const desc = await all("desc");
        expect(asc.length, sort).toBeGreaterThan(25);
        expect(new Set(asc).size, sort).toBeGreaterThan(1);
        expect(desc, sort).toEqual([...asc].reverse());
        // The database's own order for the column (its collation, its enum order).
        const model = { orders: prisma.order, licenses: prisma.license, customers: prisma.customer }[listName] as unknown as {
          findMany(args: object): Promise<Array<Record<string, unknown>>>;
        };
        const reference = await model.findMany({ orderBy: { [sort]: "asc" }, select: { [sort]: true } });
        expect(asc, sort).toEqual(reference.map((r) => (r[sort] instanceof Date ? (r[sort] as Date).toISOString() : String(r[sort]))));
      }
    });
  }
});

describe("paging", () => {
  it("clamps a page past the end to the last page, keeping sort and filter", async () => {
    const { orders, licenses, customers } = await lists();
    for (const list of [orders, licenses, customers]) {
      const lastPage = (await list.load({})).pageCount;
      expect(lastPage).toBeGreaterThan(1);
      const last = await list.load({ page: String(lastPage) });
      expect(last.pageCount).toBe(lastPage);
      const beyond = await list.load({ page: String(lastPage + 5) });
      expect(beyond.page).toBe(lastPage);
      expect(beyond.rows).toEqual(last.rows);
    }
    const filtered = await orders.load({ q: "acme", page: "2" });
    expect(filtered).toMatchObject({ page: 1, pageCount: 1, total: 1 });
    expect(filtered.rows).toHaveLength(1);
  });

  it("keeps sort, direction, filter and search in the links it builds, and resets the page on a new sort", async () => {
    const { listHref } = await import("@/lib/pagination");
    const { ordersQuerySchema } = await import("@/lib/orders/list-orders");
    const query = ordersQuerySchema.parse({ sort: "status", dir: "asc", q: "paging", status: "PLACED", page: "2" });
    const next = new URL(listHref("/orders", query, { page: 3 }), "http://x");
    expect(Object.fromEntries(next.searchParams)).toEqual({ sort: "status", dir: "asc", q: "paging", status: "PLACED", page: "3" });
    const resorted = new URL(listHref("/orders", query, { sort: "createdAt", dir: "desc", page: 1 }), "http://x");
    expect(Object.fromEntries(resorted.searchParams)).toEqual({ sort: "createdAt", dir: "desc", q: "paging", status: "PLACED" });
    // Control characters never travel back into a link.
    const dirty = ordersQuerySchema.parse({ q: "a\u0000b" });
    expect(listHref("/orders", dirty, {})).not.toMatch(/%00/);
  });
});

describe("customers", () => {
  it("shows since when each customer first ordered, and counts only their own rows", async () => {
    const { customers } = await lists();
    const page = await customers.load({ q: "paging customer 05" });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({
      name: "Paging Customer 05",
      orderCount: 1,
      licenseCount: 1,
      firstOrderAt: new Date(anchor.getTime() - (50 + 5 * 7) * DAY_MS),
    });
    const cobalt = (await customers.load({ q: "cobalt" })).rows[0];
    expect(cobalt).toMatchObject({ orderCount: 2, licenseCount: 2, firstOrderAt: new Date(anchor.getTime() - 40 * DAY_MS) });
  });
});

describe("dashboard", () => {
  it("review of issue 9 (#8): 'expiring' counts by the one status rule (RENEWABLE), whatever the stored status says", async () => {
    const { getDashboard } = await import("@/lib/dashboard/get-dashboard");
    const { prisma } = await import("@/lib/db");
    const { licenseStatusWhere } = await import("@/lib/licenses/rules/status");
    const now = new Date();
    // A license inside its window stored EXPIRED (a daily pass of another clock, a sync decision): the rule says RENEWABLE.
    const target = await prisma.license.findFirstOrThrow({ where: licenseStatusWhere("RENEWABLE", now), select: { id: true, status: true } });
    await prisma.license.update({ where: { id: target.id }, data: { status: "EXPIRED" } });
    try {
      const d = await getDashboard(support, now);
      expect(d.expiringCount).toEqual({ value: await prisma.license.count({ where: licenseStatusWhere("RENEWABLE", now) }), capped: false });
      expect(d.expiring.length).toBeGreaterThan(0);
    } finally {
      await prisma.license.update({ where: { id: target.id }, data: { status: target.status } });
    }
  });

  it("issue 19: counts stop at the cap ('N+'), exact below it; never a full count of every license", async () => {
    const { getDashboard } = await import("@/lib/dashboard/get-dashboard");
    const { prisma } = await import("@/lib/db");
    const { licenseStatusWhere } = await import("@/lib/licenses/rules/status");
    const now = new Date();
    const expiring = await prisma.license.count({ where: licenseStatusWhere("RENEWABLE", now) });
    const active = await prisma.license.count({ where: { status: "ACTIVE", expiresAt: { gt: now } } });
    const awaiting = await prisma.order.count({ where: { status: "AWAITING_AUTHORIZATION" } });
    expect(Math.min(expiring, active)).toBeGreaterThan(3);
    const small = await getDashboard(support, now, { countCap: 3 });
    expect([small.expiringCount, small.activeCount]).toEqual([{ value: 3, capped: true }, { value: 3, capped: true }]);
    expect(small.awaitingCount).toEqual(awaiting > 3 ? { value: 3, capped: true } : { value: awaiting, capped: false });
    const exact = await getDashboard(support, now, { countCap: Math.max(expiring, active, awaiting) });
    expect([exact.expiringCount, exact.activeCount, exact.awaitingCount]).toEqual([
      { value: expiring, capped: false },
      { value: active, capped: false },
      { value: awaiting, capped: false },
    ]);
  });

  it("mentions a license that expired ten days ago", async () => {
    const { getDashboard } = await import("@/lib/dashboard/get-dashboard");
    const d = await getDashboard(support);
    // The 8 most recent expiries of the last 30 days (the demo's renewals book has many), newest first.
    const { prisma } = await import("@/lib/db");
    const { licenseStatusWhere } = await import("@/lib/licenses/rules/status");
    const expected = await prisma.license.findMany({
      where: { AND: [licenseStatusWhere("EXPIRED", new Date()), { expiresAt: { gt: new Date(Date.now() - 30 * DAY_MS) } }] },
      orderBy: { expiresAt: "desc" },
      take: 8,
      select: { expiresAt: true },
    });
    expect(expected.length).toBeGreaterThan(0);
    // Expiry instants, not domains: licenses of the book share expiry days, and ties may come in any order.
    expect(d.recentlyExpired.map((l) => l.expiresAt?.toISOString())).toEqual(expected.map((l) => l.expiresAt?.toISOString()));
  });
});
