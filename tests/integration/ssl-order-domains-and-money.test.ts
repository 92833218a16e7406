/**
 * Issue 17 items 8 and 9, through the use cases against the real sandbox over HTTP:
 * - an SSL order placed from the form with a CSR whose common name and subject alternative names
 *   differ is found by the lookup and by the orders list under each of its names, and the order page
 *   shows them all (before: the item had no domain, so neither found it and the page said "—");
 * - an order's two money columns: what the customer pays is known when it is placed; what we pay
 *   is our expected buy price while it awaits authorization, and what Sectigo debited once
 *   authorized (before: "Debited by Sectigo" stayed blank on every authorized PlaceOrder order);
 * - the backfill gives an order recorded before this change its names from its recorded CSR.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { generateKey } from "@/lib/crypto/credentials";
import { DEMO_RESELLER_ACCOUNT_ID } from "@/tools/demo/seed-demo";
import { anchorDay } from "@/tools/demo-world/demo-data";
import { startSandbox } from "@/tools/sandbox/server";
import type { Actor } from "@/lib/auth/session";
import { systemActor } from "@/lib/auth/system-actor";
import { productByKey } from "@/lib/catalog";
import { validFormInput } from "../sectigo/catalog-values";
import { SAN_CSR } from "../sectigo/fixtures/csrs";
import { setAppEnv, startAppDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const NAMES = ["shop.findable-sans.example", "findable-sans.example", "www.findable-sans.example", "api.findable-other.example"];

const anchor = anchorDay(new Date());
const key = generateKey();
let db: Awaited<ReturnType<typeof startAppDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let staff: Actor;
let deps: Awaited<ReturnType<typeof makeDeps>>;
const admin = sandboxAdmin(() => sandbox);

async function makeDeps() {
  const { prisma } = await import("@/lib/db");
  const { orderDeps } = await import("@/lib/orders/order-deps");
  return { ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }), priceOf: () => ({ offered: true as const, price: { buyPrice: 52.5, sellPrice: 89, currency: "USD" } }) };
}

beforeAll(async () => {
  db = await startAppDatabase();
  setAppEnv(db.appUrl, key);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor });
  const { createPrismaClient } = await import("@/lib/db");
  const owner = createPrismaClient(db.url);
  try {
    const { seedDemo } = await import("@/tools/demo/seed-demo");
    await seedDemo(owner as never, { anchor, credentialsKey: key, sandboxUrl: `${sandbox.url}/products/` });
    await owner.resellerAccount.update({ where: { id: DEMO_RESELLER_ACCOUNT_ID }, data: { apBrand: "OrderDeskTest" } });
    const s = await owner.user.findUniqueOrThrow({ where: { id: "demo-user-staff" } });
    staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  } finally {
    await owner.$disconnect();
  }
  deps = await makeDeps();
}, 120_000);

afterAll(async () => {
  const { prisma } = await import("@/lib/db");
  await prisma.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

/** An OV certificate placed from the form with the SAN CSR, reseller=Y (it waits for authorization). */
async function placeSslOrder() {
  const { placeOrderFromForm } = await import("@/lib/orders/place-order-from-form");
  const product = productByKey("positivessl-ov")!;
  const unique = `sans${Date.now()}`;
  const values = { ...validFormInput(product, unique), csr: SAN_CSR } as Record<string, unknown>;
  delete values.domainName;
  const result = await placeOrderFromForm(
    staff,
    { submissionKey: randomUUID(), resellerAccountId: DEMO_RESELLER_ACCOUNT_ID, productKey: product.key, customerId: null, licenseId: null, resellerPays: true, values },
    deps,
  );
  expect(result.outcome).toBe("AWAITING_AUTHORIZATION");
  return result.order!.id;
}

let orderId: string;

describe("issue 17 item 8: an SSL order is found by every name its certificate covers", () => {
  it("records the CSR's common name on the item and every SAN beside it", async () => {
    orderId = await placeSslOrder();
    const { getOrder } = await import("@/lib/orders/get-order");
    const order = (await getOrder(staff, orderId))!;
    const item = order.items.find((i) => !i.isAddOn)!;
    expect(item.domainName).toBe("shop.findable-sans.example");
    expect(item.domains.map((d) => [d.domainName, d.source]).sort()).toEqual(
      [["shop.findable-sans.example", "CN"], ["findable-sans.example", "SAN"], ["www.findable-sans.example", "SAN"], ["api.findable-other.example", "SAN"]].sort(),
    );
  });

  it("the lookup finds the order by each name (and pasted as a URL)", async () => {
    const { findAnything } = await import("@/lib/lookup/find");
    const support: Actor = { id: "demo-user-support", email: "support@orderdesk.test", name: "Sid", role: "SUPPORT" };
    for (const name of [...NAMES, "https://api.findable-other.example/login"]) {
      const r = await findAnything(support, name);
      const orders = r?.groups.find((g) => g.kind === "order")?.hits.map((h) => h.id) ?? [];
      expect(orders, name).toContain(orderId);
    }
    // A name no license has: the order itself is the answer Enter opens.
    expect((await findAnything(support, "api.findable-other.example"))?.exact).toMatchObject({ kind: "order", id: orderId });
  });

  it("the orders list's search finds it by each name, and by a label of a SAN", async () => {
    const { listOrders, ordersQuerySchema } = await import("@/lib/orders/list-orders");
    for (const q of [...NAMES, "findable-other"]) {
      const page = await listOrders(staff, ordersQuerySchema.parse({ q }));
      expect(page.rows.map((r) => r.id), q).toContain(orderId);
      const row = page.rows.find((r) => r.id === orderId)!;
      expect(row.items.find((i) => !i.isAddOn)?.domains.map((d) => d.domainName).sort()).toEqual([...NAMES].sort());
    }
  });

  it("the order page shows every name", async () => {
    const { getOrder } = await import("@/lib/orders/get-order");
    const { CertificateNames } = await import("@/components/orders/certificate-names");
    const item = (await getOrder(staff, orderId))!.items.find((i) => !i.isAddOn)!;
    const html = renderToStaticMarkup(createElement(CertificateNames, { primary: item.domainName, names: item.domains }));
    for (const name of NAMES) expect(html).toContain(name);
    expect(html).not.toContain("—");
  });

  it("the backfill gives an order recorded without names its CSR's names, once", async () => {
    const { prisma } = await import("@/lib/db");
    const other = await placeSslOrder();
    // As recorded before this change: no names beside the item, and no domain on it.
    await prisma.orderItemDomain.deleteMany({ where: { orderId: other } });
    await prisma.orderItem.updateMany({ where: { orderId: other }, data: { domainName: null } });
    const { backfillOrderDomains } = await import("@/lib/orders/backfill-order-domains");
    const first = await backfillOrderDomains(systemActor("backfill"), { batchSize: 2 });
    expect(first.orders).toBeGreaterThanOrEqual(1);
    const names = await prisma.orderItemDomain.findMany({ where: { orderId: other }, select: { domainName: true } });
    expect(names.map((n) => n.domainName).sort()).toEqual([...NAMES].sort());
    expect((await prisma.orderItem.findFirstOrThrow({ where: { orderId: other, isAddOn: false } })).domainName).toBe("shop.findable-sans.example");
    expect((await backfillOrderDomains(systemActor("backfill"), { batchSize: 2 })).orders, "nothing left to do").toBe(0);
  });
});

describe("issue 17 item 9: each money column filled when it is known", () => {
  it("awaiting: the customer pays the sell price, we expect to pay the buy price; authorized: we pay what Sectigo debited", async () => {
    const { prisma } = await import("@/lib/db");
    const { orderMoney } = await import("@/lib/orders/order-money");
    const { decideAuthorization } = await import("@/lib/orders/decide-authorization");
    const id = await placeSslOrder();
    const waiting = await prisma.order.findUniqueOrThrow({ where: { id } });
    expect(orderMoney(waiting)).toMatchObject({ customerPays: expect.anything(), wePay: { basis: "onAuthorization" } });
    expect(Number(waiting.sellTotal)).toBe(89);
    expect(Number(waiting.buyTotal)).toBe(52.5);

    expect(await decideAuthorization(staff, { orderId: id, decision: "AUTHORIZE" }, deps)).toMatchObject({ outcome: "AUTHORIZED" });
    const authorized = await prisma.order.findUniqueOrThrow({ where: { id } });
    const upstream = await admin<{ order: { totalCost: number } }>("GET", `orders/${authorized.orderNumber}`);
    expect(upstream.order.totalCost).toBeGreaterThan(0);
    expect(authorized.totalCost, "what Sectigo debited on authorization").not.toBeNull();
    expect(Number(authorized.totalCost)).toBe(upstream.order.totalCost);
    expect(orderMoney(authorized).wePay).toMatchObject({ basis: "debited" });
  });
});
