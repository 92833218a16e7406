/**
 * The story of an order, a license and a customer (issue 10): one timeline merged from orders,
 * events, calls to Sectigo, licenses, add-ons and audit entries; bounded for a customer with
 * many orders; and never a password, even from a call recorded before the client redacted.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoDatabase } from "./test-database";
import type { Actor } from "@/lib/auth/session";

type Db = Awaited<ReturnType<typeof startDemoDatabase>>;
let db: Db;
let prisma: (typeof import("@/lib/db"))["prisma"];
let support: Actor;
let customerId: string;
let licenseId: string;
const orderIds = { created: "", renewal: "", upgrade: "" };
const SECRET = "hunter2-never-shown";

const t = (day: number, minute = 0) => new Date(Date.UTC(2026, 0, day, 9, minute));

beforeAll(async () => {
  db = await startDemoDatabase();
  ({ prisma } = await import("@/lib/db"));
  const user = await prisma.user.findFirstOrThrow({ where: { role: "SUPPORT" } });
  support = { id: user.id, email: user.email, name: user.name, role: user.role };
  const staff = await prisma.user.findFirstOrThrow({ where: { role: "STAFF" } });
  const account = await prisma.resellerAccount.findFirstOrThrow();
  const tag = randomUUID().slice(0, 8);
  const customer = await prisma.customer.create({ data: { resellerAccountId: account.id, name: `Story ${tag}`, email: `story-${tag}@example.test` } });
  customerId = customer.id;
  const order = (kind: "NEW" | "RENEWAL" | "UPGRADE", day: number, targetLicenseId?: string) =>
    prisma.order.create({
      data: {
        foreignOrderNumber: `ST-${tag}-${kind}`, orderNumber: `9${day}${tag.replace(/\D/g, "").slice(0, 4)}`, kind, status: "PLACED", customerId, resellerAccountId: account.id,
        placedById: staff.id, currency: "USD", sellTotal: "25.00", totalCost: "10.00", createdAt: t(day), targetLicenseId,
        items: { create: [{ productCode: 1069, productName: "SiteLock Basic", cost: "10.00", domainName: `story-${tag}.example` }] },
      },
    });
  const created = await order("NEW", 1);
  const license = await prisma.license.create({
    data: { customerId, orderId: created.id, productCode: 1069, productName: "SiteLock Basic", domainName: `story-${tag}.example`, status: "ACTIVE", termDays: 365, startsAt: t(1, 5), expiresAt: t(1, 5) },
  });
  licenseId = license.id;
  const renewal = await order("RENEWAL", 10, license.id);
  const upgrade = await order("UPGRADE", 20, license.id);
  Object.assign(orderIds, { created: created.id, renewal: renewal.id, upgrade: upgrade.id });
  await prisma.orderEvent.createMany({
    data: [
      { orderId: created.id, actorLabel: "Order Desk", kind: "PLACED", fromStatus: "SUBMITTING", toStatus: "PLACED", message: "Sectigo placed the new order", createdAt: t(1, 1) },
      { orderId: renewal.id, actorLabel: "Order Desk", kind: "PLACED", fromStatus: "SUBMITTING", toStatus: "PLACED", message: "Sectigo placed the renewal", createdAt: t(10, 1) },
      { orderId: upgrade.id, actorLabel: "Order Desk (reconciliation)", kind: "RECONCILED", fromStatus: "UNKNOWN", toStatus: "PLACED", message: "Reconciled: Sectigo placed the upgrade", createdAt: t(20, 2) },
      { orderId: created.id, actorId: staff.id, actorLabel: "Sam Staff", kind: "AUTO_RENEW", message: "Sam switched auto-renew on", data: { licenseId: license.id, autoRenew: true }, createdAt: t(15) },
      { orderId: created.id, actorLabel: "Sam Staff", kind: "AUTO_RENEW", message: "auto-renew of another license", data: { licenseId: "some-other-license" }, createdAt: t(16) },
    ],
  });
  // A call recorded by older code that did not redact (the page must redact it anyway), and a redacted one.
  await prisma.apiCall.createMany({
    data: [
      { orderId: renewal.id, actorId: staff.id, endpoint: "autoApplyOrder", method: "POST", request: `loginName=r&loginPassword=${SECRET}&days=365`, response: `{"errorCode":0,"password":"${SECRET}"}`, httpStatus: 200, durationMs: 40, outcome: "SUCCESS", createdAt: t(10, 0) },
      { orderId: upgrade.id, endpoint: "modifyThirdPartyDetails", method: "POST", request: "loginName=r&loginPassword=[REDACTED]", response: null, durationMs: 30000, outcome: "TIMEOUT", createdAt: t(20, 1) },
    ],
  });
  // Back-dated: only the table's owner may choose an entry's time (migration *_audit_entry_insert_guard).
  const owner = (await import("@/lib/db")).createPrismaClient(db.url);
  await owner.auditEntry.create({
    data: { actorId: staff.id, actorLabel: "Sam Staff (staff@)", action: "licenses.setAutoRenew", outcome: "OK", input: { licenseId: license.id, loginPassword: "[redacted]" }, changes: [{ target: `License:${license.id}`, before: { autoRenew: false }, after: { autoRenew: true } }], createdAt: t(15) },
  });
  await owner.$disconnect();
}, 180_000);
afterAll(async () => {
  await db?.stop();
});

describe("story", () => {
  it("a renewed and upgraded license shows its chain in order, with who did what", async () => {
    const { loadLicenseStory } = await import("@/lib/story/load-license-story");
    const story = (await loadLicenseStory(support, licenseId, { direction: "oldest", limit: 50 }))!;
    const keys = story.entries.map((e) => e.key.split(":")[0] + ":" + e.title);
    const orders = story.entries.filter((e) => e.kind === "order").map((e) => e.order!.id);
    expect(orders).toEqual([orderIds.created, orderIds.renewal, orderIds.upgrade]);
    expect(keys.indexOf("license:" + story.entries.find((e) => e.kind === "license")!.title)).toBe(2); // order, its event, then the license start
    const titles = story.entries.map((e) => e.title);
    expect(titles.indexOf("Sam switched auto-renew on")).toBeGreaterThan(titles.findIndex((x) => x.startsWith("Renewal")));
    expect(titles).not.toContain("auto-renew of another license");
    expect(story.entries.find((e) => e.kind === "audit")).toMatchObject({ who: "Sam Staff (staff@)", title: "licenses.setAutoRenew" });
    expect(story.entries.find((e) => e.kind === "api" && e.call?.endpoint === "modifyThirdPartyDetails")).toMatchObject({ tone: "bad", who: "Order Desk" });
    expect(story.entries.find((e) => e.kind === "order" && e.title.startsWith("Renewal"))).toMatchObject({ who: expect.any(String), amount: "USD 25.00" });
    const newest = (await loadLicenseStory(support, licenseId, { direction: "newest", limit: 50 }))!;
    expect(newest.entries.map((e) => e.key)).toEqual(story.entries.map((e) => e.key).reverse());
    expect(story.truncated).toBe(false);
  });

  it("an order's story holds its events, calls and audit; a missing or malformed id is null", async () => {
    const { loadOrderStory } = await import("@/lib/story/load-order-story");
    const story = (await loadOrderStory(support, orderIds.renewal, { direction: "oldest", limit: 50 }))!;
    expect(story.entries.map((e) => e.kind)).toEqual(["order", "api", "event"]);
    expect(await loadOrderStory(support, "nope'; drop", { direction: "oldest", limit: 50 })).toBeNull();
    expect(await loadOrderStory(support, "no-such-order", { direction: "oldest", limit: 50 })).toBeNull();
  });

  it("a customer's story is capped, newest kept, and 'show more' raises the cap", async () => {
    const { loadCustomerStory } = await import("@/lib/story/load-customer-story");
    const first = await prisma.order.findUniqueOrThrow({ where: { id: orderIds.created } });
    await prisma.order.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        foreignOrderNumber: `${first.foreignOrderNumber}-bulk-${i}`, kind: "NEW" as const, status: "FAILED" as const, customerId, resellerAccountId: first.resellerAccountId, createdAt: t(21, i),
      })),
    });
    const capped = (await loadCustomerStory(support, customerId, { direction: "newest", limit: 50 }))!;
    expect(capped.entries).toHaveLength(50);
    expect(capped.truncated).toBe(true);
    expect(capped.entries[0]!.title).toContain("-bulk-119");
    const more = (await loadCustomerStory(support, customerId, { direction: "newest", limit: 150 }))!;
    expect(more.entries.length).toBeGreaterThan(120);
    expect(more.entries.slice(0, 50).map((e) => e.key)).toEqual(capped.entries.map((e) => e.key));
  });

  it("no password reaches any story or summary", async () => {
    const { loadOrderStory } = await import("@/lib/story/load-order-story");
    const { loadLicenseStory } = await import("@/lib/story/load-license-story");
    const { loadCustomerStory } = await import("@/lib/story/load-customer-story");
    const { buildStorySummary } = await import("@/lib/story/story-summary");
    const opts = { direction: "newest" as const, limit: 1000 };
    const stories = [
      await loadOrderStory(support, orderIds.renewal, opts),
      await loadLicenseStory(support, licenseId, opts),
      await loadCustomerStory(support, customerId, opts),
    ];
    for (const story of stories) {
      expect(story!.entries.some((e) => e.call?.request.includes("loginPassword=[REDACTED]"))).toBe(true);
      expect(JSON.stringify(story)).not.toContain(SECRET);
      expect(buildStorySummary({ title: "x", facts: [] }, story!.entries)).not.toContain(SECRET);
    }
    // Every call in the demo world too.
    const anyOrder = await prisma.apiCall.findFirst({ where: { orderId: { not: null } }, select: { orderId: true } });
    if (anyOrder?.orderId) expect(JSON.stringify(await loadOrderStory(support, anyOrder.orderId, opts))).not.toMatch(/Password=(?!\[REDACTED\])/i);
  });
});
