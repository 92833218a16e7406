/**
 * The orders list use case as the page calls it (URL params -> schema -> listOrders) on a small
 * real PostgreSQL: each filter alone and combined, every kind of search, the keyset cursor walk
 * (every row once, in order, both ways, NULL order numbers included), capped counts and hostile
 * query strings. Expectations come from plain Prisma queries over the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { startDemoDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startDemoDatabase>>;
const support: Actor = { id: "demo-user-support", email: "support@orderdesk.test", name: "Sid", role: "SUPPORT" } as Actor;
const N = 60;
const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 0, 1);
let staffId = "";
let adminId = "";
let sslCode = 0;
let sitelockCodes: number[] = [];

beforeAll(async () => {
  db = await startDemoDatabase();
  const { prisma } = await import("@/lib/db");
  const { DEMO_RESELLER_ACCOUNT_ID } = await import("@/tools/demo/seed-demo");
  const { productCodesOf } = await import("@/lib/orders/list-orders");
  sslCode = productCodesOf("sectigossl")[0]!;
  sitelockCodes = productCodesOf("sitelock");
  staffId = (await prisma.user.findUniqueOrThrow({ where: { email: "staff@orderdesk.test" } })).id;
  adminId = (await prisma.user.findUniqueOrThrow({ where: { email: "admin@orderdesk.test" } })).id;
  const customers = await Promise.all(
    ["Filter Alpha", "Filter Beta"].map((name) =>
      prisma.customer.create({
        data: { resellerAccountId: DEMO_RESELLER_ACCOUNT_ID, name, email: `${name.split(" ")[1]!.toLowerCase()}@filters.example` },
      }),
    ),
  );
  for (let i = 0; i < N; i++) {
    // Orders 50-59 share order 49's time: the cursor must break ties by id.
    const createdAt = new Date(START + Math.min(i, 49) * DAY_MS);
    await prisma.order.create({
      data: {
        id: `flt-${String(i).padStart(2, "0")}`,
        foreignOrderNumber: `OD-FLT-${i}`,
        orderNumber: i % 15 === 7 ? null : `77${String(i).padStart(4, "0")}`,
        kind: "NEW",
        status: i % 3 === 0 ? "FAILED" : "PLACED",
        customerId: customers[i % 2]!.id,
        resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
        placedById: i % 4 === 0 ? staffId : i % 4 === 1 ? adminId : null,
        createdAt,
        items: { create: [{ productCode: i % 2 === 0 ? 1060 : sslCode, productName: "P", domainName: `f${i}-shop.filters.example` }] },
      },
    });
  }
  // Domains found by their labels (lib/search/domain-search.ts), beside a customer whose name and
  // e-mail also match "acme": before the label index, that customer hid every domain match.
  const acme = await prisma.customer.create({
    data: { resellerAccountId: DEMO_RESELLER_ACCOUNT_ID, name: "Acme Holdings", email: "acme@holdings.example" },
  });
  for (const [k, domainName] of LABELLED.entries()) {
    await prisma.order.create({
      data: {
        id: `lbl-${k}`,
        foreignOrderNumber: `OD-LBL-${k}`,
        kind: "NEW",
        status: "PLACED",
        customerId: k === 0 ? acme.id : customers[k % 2]!.id,
        resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
        createdAt: new Date(START + (60 + k) * DAY_MS),
        items: { create: [{ productCode: 1060, productName: "P", domainName }] },
      },
    });
  }
});

/** lbl-k's domain; lbl-0 belongs to the "Acme Holdings" customer. */
const LABELLED = [
  "portal.holdings.example",
  "blog.acme.com",
  "www.acme.co.uk",
  "myshop.example.com",
  "shop.labels.example",
  "notacmeplease.example",
  "bücher.example",
  "a-b_c.labels.example",
];
afterAll(async () => {
  await db?.stop();
});

type Params = Record<string, string>;
async function load(params: Params) {
  const { listOrders, ordersQuerySchema } = await import("@/lib/orders/list-orders");
  return listOrders(support, ordersQuerySchema.parse(params));
}

/** Every row the list shows for these params, following Next (or Previous from the end). */
async function walk(params: Params, direction: "next" | "previous" = "next") {
  const ids: string[] = [];
  let page = await load(params);
  const seen = new Set<string>();
  for (let guard = 0; guard < 100; guard++) {
    const rows = page.rows.map((r) => r.id);
    if (direction === "next") ids.push(...rows);
    else ids.unshift(...rows);
    const cursor = direction === "next" ? page.next : page.previous;
    if (!cursor || seen.has(cursor)) break;
    seen.add(cursor);
    page = await load({ ...params, [direction === "next" ? "after" : "before"]: cursor, page: String(page.page + (direction === "next" ? 1 : -1)) });
  }
  return ids;
}

async function reference(where: object, orderBy: object[] = [{ createdAt: "desc" }, { id: "desc" }]) {
  const { prisma } = await import("@/lib/db");
  return (await prisma.order.findMany({ where, orderBy, select: { id: true } })).map((o) => o.id);
}

describe("filters", () => {
  const cases: Array<[string, Params, () => object]> = [
    ["status", { status: "FAILED" }, () => ({ status: "FAILED" })],
    ["product family (SiteLock product IDs)", { family: "sitelock" }, () => ({ items: { some: { productCode: { in: sitelockCodes } } } })],
    ["product family (PlaceOrder PPP codes)", { family: "sectigossl" }, () => ({ items: { some: { productCode: sslCode } } })],
    ["staff member", { staff: "STAFF" }, () => ({ placedById: staffId })],
    ["created from", { from: "2025-02-10" }, () => ({ createdAt: { gte: new Date("2025-02-10T00:00:00Z") } })],
    ["created to (the whole day)", { to: "2025-01-05" }, () => ({ createdAt: { lt: new Date("2025-01-06T00:00:00Z") } })],
    [
      "status + family + staff + dates",
      { status: "PLACED", family: "sitelock", staff: "STAFF", from: "2025-01-01", to: "2025-02-28" },
      () => ({ status: "PLACED", items: { some: { productCode: { in: sitelockCodes } } }, placedById: staffId, createdAt: { gte: new Date(START), lt: new Date("2025-03-01T00:00:00Z") } }),
    ],
  ];
  it.each(cases)("%s: exactly the matching orders, newest first", async (_label, params, where) => {
    const resolved = { ...params, ...(params.staff ? { staff: params.staff === "STAFF" ? staffId : adminId } : {}) };
    const expected = await reference(where());
    expect(expected.length).toBeGreaterThan(0);
    expect(await walk(resolved)).toEqual(expected);
    const first = await load(resolved);
    expect(first.total).toBe(expected.length);
    expect(first.problems).toEqual([]);
  });

  it("a product code belongs to one family only, so a family filter never catches another's items", async () => {
    const { FAMILIES } = await import("@/lib/catalog");
    const { productCodesOf } = await import("@/lib/orders/list-orders");
    const all = FAMILIES.flatMap((f) => productCodesOf(f.key));
    expect(all.length).toBeGreaterThan(50);
    expect(new Set(all).size).toBe(all.length);
    expect(sitelockCodes).toEqual(expect.arrayContaining([1059, 1060, 1061, 1062]));
  });

  it("offers the staff who placed orders, and only them", async () => {
    const page = await load({});
    expect(page.staffOptions.map((s) => s.id).sort()).toEqual([adminId, staffId].sort());
  });
});

describe("search", () => {
  const cases: Array<[string, string, (i: number) => boolean]> = [
    ["exact order number", "770012", (i) => i === 12],
    ["exact foreign order number", "OD-FLT-13", (i) => i === 13],
    ["e-mail prefix", "alpha@filt", (i) => i % 2 === 0],
    ["customer name part, any case", "ilter bet", (i) => i % 2 === 1],
    ["whole domain", "f7-shop.filters.example", (i) => i === 7],
    ["domain start", "f1", (i) => i === 1 || (i >= 10 && i <= 19)],
    ["domain part from inside", "-shop.filters", () => true],
  ];
  it.each(cases)("%s", async (_label, q, match) => {
    const ids = (await walk({ q })).filter((id) => id.startsWith("flt-"));
    const expected = Array.from({ length: N }, (_, i) => i).filter(match).map((i) => `flt-${String(i).padStart(2, "0")}`);
    expect(ids.sort()).toEqual(expected.sort());
  });

  const labelled: Array<[string, string, number[], boolean]> = [
    // term, why, the lbl-k it finds, whether it also finds every flt order ("fN-shop.filters.example")
    ["blog", "a subdomain label", [1], false],
    ["acme", "the registrable part, beside a customer named Acme", [0, 1, 2], false],
    ["ACME", "any case", [0, 1, 2], false],
    ["shop", "a label's end and a domain's start", [3, 4], true],
    ["acme.co", "a dotted run inside a domain", [1, 2], false],
    ["acme.com", "a domain under which subdomains sit", [1], false],
    [".co.uk", "whole labels from the end", [2], false],
    ["holdings.", "a whole label followed by more", [0], false],
    ["bücher", "a unicode label", [6], false],
    ["b_c", "an underscore is a character, not a wildcard", [7], false],
    ["example", "a label shared by many domains", [0, 3, 4, 5, 6, 7], true],
  ];
  it.each(labelled)("by its labels: %s (%s)", async (q, _why, lbl, allFlt) => {
    const ids = (await walk({ q })).filter((id) => /^(flt|lbl)-/.test(id));
    const expected = [...lbl.map((k) => `lbl-${k}`), ...(allFlt ? Array.from({ length: N }, (_, i) => `flt-${String(i).padStart(2, "0")}`) : [])];
    expect(ids.sort()).toEqual(expected.sort());
  });

  it("combines a search with filters", async () => {
    const ids = await walk({ q: "alpha@filters.example", status: "FAILED" });
    expect(ids.sort()).toEqual(await reference({ status: "FAILED", customer: { email: "alpha@filters.example" } }).then((r) => r.sort()));
  });
});

describe("keyset paging", () => {
  for (const sort of ["createdAt", "orderNumber", "status"] as const) {
    for (const dir of ["asc", "desc"] as const) {
      it(`${sort} ${dir}: Next visits every order once, in order, and Previous walks back the same way`, async () => {
        const expected = await reference({}, [{ [sort]: dir }, { id: dir }]);
        expect(expected.length).toBeGreaterThan(50);
        const forward = await walk({ sort, dir });
        expect(forward).toEqual(expected);
        // From the last page back to the first.
        let last = await load({ sort, dir });
        let n = 1;
        while (last.next) last = await load({ sort, dir, after: last.next, page: String(++n) });
        const ids = [...last.rows.map((r) => r.id)];
        let page = last;
        while (page.previous && page.page > 1) {
          page = await load({ sort, dir, before: page.previous, page: String(page.page - 1) });
          ids.unshift(...page.rows.map((r) => r.id));
        }
        expect(ids).toEqual(expected);
      });
    }
  }
});

describe("bad and hostile input gives a sane page", () => {
  it.each([
    ["not a date", { from: "yesterday" }],
    ["no such day", { to: "2025-02-30" }],
    ["unpadded", { from: "2025-1-1" }],
  ])("a bad date (%s) is named in a sentence and not applied", async (_label, params) => {
    const page = await load(params);
    expect(page.problems).toHaveLength(1);
    expect(page.problems[0]).toMatch(/is not a date .*YYYY-MM-DD/);
    expect(page.total).toBe((await load({})).total);
  });

  it("from after to says so and matches nothing", async () => {
    const page = await load({ from: "2025-03-01", to: "2025-01-01" });
    expect(page.problems[0]).toMatch(/after/);
    expect(page.rows).toEqual([]);
  });

  const junkCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  it.each([
    ["garbage cursor", { after: "%%%not-base64%%%" }],
    ["cursor of another sort", { after: junkCursor(["status", "desc", "PLACED", "flt-01"]) }],
    ["cursor with a bad date", { after: junkCursor(["createdAt", "desc", "not a date", "x"]) }],
    ["cursor with SQL", { before: junkCursor(["createdAt", "desc", "2025-01-01'; DROP TABLE \"Order\"; --", "x"]) }],
    ["cursor too long", { after: "A".repeat(5000) }],
    ["unknown family", { family: "__proto__" }],
    ["staff with quotes", { staff: "' OR 1=1 --" }],
    ["script as a date", { from: "<script>alert(1)</script>" }],
  ])("%s", async (_label, params) => {
    const page = await load(params as Params);
    expect(page.page).toBe(1);
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.total).toBeGreaterThanOrEqual(page.rows.length);
  });
});

describe("hostile search text: no error, and only orders that really contain it", () => {
  /** Orders that match q literally: numbers exactly, e-mail start, name or a domain containing it. */
  async function literalMatches(q: string): Promise<Set<string>> {
    const { prisma } = await import("@/lib/db");
    const lower = q.toLowerCase();
    const all = await prisma.order.findMany({
      select: { id: true, orderNumber: true, foreignOrderNumber: true, customer: { select: { name: true, email: true } }, items: { select: { domainName: true } } },
    });
    return new Set(
      all
        .filter(
          (o) =>
            o.orderNumber === q ||
            o.foreignOrderNumber === q ||
            o.customer.email.toLowerCase().startsWith(lower) ||
            o.customer.name.toLowerCase().includes(lower) ||
            o.items.some((i) => i.domainName?.toLowerCase().includes(lower)),
        )
        .map((o) => o.id),
    );
  }
  it.each([
    ["%"],
    ["_"],
    ["\\"],
    ["'"],
    ['"'],
    ["%acme%"],
    ["ac_e"],
    ["a\\cme"],
    ["!emca"],
    ["'acme':*"],
    ["acme & blog"],
    ["acme | shop"],
    ["acme'); DROP TABLE \"Order\"; --"],
    ["ü"],
    ["😀.example"],
    ["..."],
    ["-"],
    ["x".repeat(5000)],
    ["shop.".repeat(60)],
    [`${"a".repeat(199)}é.example`],
  ])("%s", async (q) => {
    const page = await load({ q });
    const { searchTextSchema } = await import("@/lib/pagination");
    const literal = await literalMatches(searchTextSchema.parse(q));
    const ids = (await walk({ q })).filter((id) => !literal.has(id));
    expect(ids).toEqual([]);
    expect(page.total).toBeLessThanOrEqual(Math.max(literal.size, 0));
  });

  it("a marker-like or tsquery-like term finds nothing although its label exists", async () => {
    for (const q of ["!emca", "'acme':*", "acme:*", "!golb"]) expect((await load({ q })).rows.map((r) => r.id)).toEqual([]);
  });
});

describe("counts stop at the cap", () => {
  it("says 1,000+ past the cap and still pages on", async () => {
    const { prisma } = await import("@/lib/db");
    const { COUNT_CAP } = await import("@/lib/orders/list-orders");
    const { DEMO_RESELLER_ACCOUNT_ID } = await import("@/tools/demo/seed-demo");
    const customerId = (await prisma.customer.findFirstOrThrow({ where: { name: "Filter Alpha" } })).id;
    await prisma.order.createMany({
      data: Array.from({ length: COUNT_CAP }, (_, i) => ({
        foreignOrderNumber: `OD-CAP-${i}`,
        kind: "NEW" as const,
        status: "PLACED" as const,
        customerId,
        resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
      })),
    });
    const page = await load({});
    expect(page).toMatchObject({ total: COUNT_CAP, totalCapped: true, page: 1, pageCount: 2 });
    const second = await load({ after: page.next!, page: "2" });
    expect(second.rows).toHaveLength(25);
    expect(second.rows[0]!.id).not.toBe(page.rows[0]!.id);
  });
});
