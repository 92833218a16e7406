/**
 * Issue 17, items 4 and 7: the questions the server asks before an order goes to Sectigo.
 *
 * - The near-duplicate guard (lib/orders/near-duplicate.ts): which recent orders it names (same or
 *   different customer, account, product, domain, CSR; older than 24 hours; failed), read through
 *   the (customerId, createdAt) index.
 * - Through the form's use case against the sandbox: the second identical order is answered with the
 *   question and nothing is written or sent; its acknowledgement lets exactly that one order through;
 *   the same submission again is still answered as already submitted.
 * - Unpriced items: the question names them, the order goes only with its acknowledgement, and the
 *   placed order keeps the known prices.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { seedCustomer } from "@/tools/demo/factories";
import type { Actor } from "@/lib/auth/session";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { placeOrderFromForm, type FormDeps } from "@/lib/orders/place-order-from-form";
import { nearDuplicateConfirmations, recentOrdersSql, type OrderShape } from "@/lib/orders/near-duplicate";
import { unconfirmed } from "@/lib/orders/server-confirmations";
import { productByKey, termOptionsFor } from "@/lib/catalog";
import { validFormInput } from "../sectigo/catalog-values";
import { RSA2048, RSA3072 } from "../sectigo/fixtures/csrs";
import { fundDemoReseller, seedActor, seedDemoResellerAccount, seedFormCustomer, startFormOrderWorld, type FormOrderWorld } from "./form-order-harness";

let world: FormOrderWorld;
let prisma: FormOrderWorld["prisma"];
let deps: OrderDeps;
let staff: Actor;
const ACCOUNT = "acct-confirm";
const OTHER_ACCOUNT = "acct-confirm-other";
const HOUR = 3_600_000;
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

beforeAll(async () => {
  world = await startFormOrderWorld({ demo: true });
  ({ prisma, deps } = world);
  // The other account is only ever read (never called): its own login keeps the (URL, login) pair unique.
  await seedDemoResellerAccount(world, ACCOUNT);
  await seedDemoResellerAccount(world, OTHER_ACCOUNT, "other-login");
  staff = await seedActor(world, { id: "u-confirm-staff", email: "staff@confirm.test", name: "Pat Staff", role: "STAFF" });
  await fundDemoReseller(world);
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const customer = (account = ACCOUNT) => seedFormCustomer(world, account, `c-${unique()}`, "confirm.example");

/** An order row as the pipeline writes it: SiteLock (AutoApplyOrder, product ID + domain) or SSL (PlaceOrder, PPP + CSR). */
async function seedOrder(o: { customerId: string; account?: string; shape: OrderShape; status?: "PLACED" | "FAILED" | "AWAITING_AUTHORIZATION"; ageMs?: number }) {
  const created = await prisma.order.create({
    data: {
      foreignOrderNumber: `OD-T-${unique()}`,
      orderNumber: String(Math.floor(Math.random() * 1e9)),
      kind: "NEW",
      status: o.status ?? "PLACED",
      customerId: o.customerId,
      resellerAccountId: o.account ?? ACCOUNT,
      placedById: staff.id,
      operation: o.shape.operation,
      request: o.shape.request as Prisma.InputJsonValue,
      createdAt: new Date(Date.now() - (o.ageMs ?? HOUR)),
      items: { create: o.shape.items.map((i) => ({ productCode: i.productCode, productName: "x", domainName: i.domainName, isAddOn: i.isAddOn })) },
    },
    select: { id: true, orderNumber: true },
  });
  return created;
}

const siteLock = (productCode: number, domain: string): OrderShape => ({
  operation: "autoApplyOrder",
  items: [{ productCode, domainName: domain, isAddOn: false }],
  request: { operation: "autoApplyOrder", input: { kind: "existingCustomer", productCode, domainName: domain } },
});
/** PositiveSSL OV, 1 year (PPP 9852); `domainName` as recorded before (null) or after (the CN) the findable change. */
const ssl = (csr: string, domainName: string | null = null, ppp = 9852): OrderShape => ({
  operation: "placeOrder",
  items: [{ productCode: ppp, domainName, isAddOn: false }],
  request: { operation: "placeOrder", input: { items: [{ pricingCode: ppp, params: { csr } }] } },
});

const guard = (customerId: string, shape: OrderShape, account = ACCOUNT) =>
  nearDuplicateConfirmations(prisma, { customerId, resellerAccountId: account, submissionKey: randomUUID(), since: new Date(Date.now() - 24 * HOUR) }, shape);

describe("the near-duplicate guard: which recent orders it names", () => {
  it("same account, customer, product and domain: named, with its number, time and who placed it", async () => {
    const c = await customer();
    const domain = `same-${unique()}.example`;
    const earlier = await seedOrder({ customerId: c, shape: siteLock(1060, domain) });
    const asked = await guard(c, siteLock(1060, `${domain.toUpperCase()}.`));
    expect(asked.map((q) => q.key)).toEqual([`near-duplicate:${earlier.id}:1`]);
    expect(asked[0]!.message).toMatch(new RegExp(`^An identical order \\(number ${earlier.orderNumber}\\) was placed at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC by Pat Staff; place another\\?$`));
  });

  it("a different customer, account, product or domain is not a duplicate", async () => {
    const c = await customer();
    const domain = `diff-${unique()}.example`;
    await seedOrder({ customerId: c, shape: siteLock(1060, domain) });
    expect(await guard(await customer(), siteLock(1060, domain))).toEqual([]);
    expect(await guard(c, siteLock(1061, domain))).toEqual([]);
    expect(await guard(c, siteLock(1060, `other-${domain}`))).toEqual([]);
    const elsewhere = await customer(OTHER_ACCOUNT);
    await seedOrder({ customerId: elsewhere, account: OTHER_ACCOUNT, shape: siteLock(1060, domain) });
    expect(await guard(elsewhere, siteLock(1060, domain), ACCOUNT)).toEqual([]);
  });

  it("older than 24 hours, or failed, is not asked about; awaiting authorization is", async () => {
    const c = await customer();
    const domain = `age-${unique()}.example`;
    await seedOrder({ customerId: c, shape: siteLock(1060, domain), ageMs: 25 * HOUR });
    await seedOrder({ customerId: c, shape: siteLock(1060, domain), status: "FAILED" });
    expect(await guard(c, siteLock(1060, domain))).toEqual([]);
    const pending = await seedOrder({ customerId: c, shape: siteLock(1060, domain), status: "AWAITING_AUTHORIZATION", ageMs: 23 * HOUR });
    expect((await guard(c, siteLock(1060, domain))).map((q) => q.key)).toEqual([`near-duplicate:${pending.id}:1`]);
  });

  it("SSL: the same CSR (however its lines are broken) or the same certificate domain is a duplicate, before and after items record the CN", async () => {
    const c = await customer();
    const before = await seedOrder({ customerId: c, shape: ssl(RSA2048) });
    const rewrapped = RSA2048.replace(/\n/g, "\r\n  ").replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");
    expect((await guard(c, ssl(rewrapped))).map((q) => q.key)).toEqual([`near-duplicate:${before.id}:1`]);
    // Another term of the same product (9857: 2 years) is the same product.
    expect((await guard(c, ssl(RSA2048, null, 9857))).map((q) => q.key)).toEqual([`near-duplicate:${before.id}:1`]);
    // A different CSR for another name: not a duplicate; another product with the same CSR: not either.
    expect(await guard(c, ssl(RSA3072))).toEqual([]);
    expect(await guard(c, ssl(RSA2048, null, 1511))).toEqual([]);

    const d = await customer();
    // After the findable change: items carry the CN; a new CSR (new key) for the same name still matches by domain.
    const after = await seedOrder({ customerId: d, shape: ssl(RSA3072, "example code signing") });
    expect((await guard(d, ssl(RSA3072.replace(/\n/g, "\n\n")))).map((q) => q.key)).toEqual([`near-duplicate:${after.id}:1`]);
    const sameName = await seedOrder({ customerId: d, shape: ssl(RSA2048, "www.example.com") });
    expect((await guard(d, { ...ssl("-----BEGIN CERTIFICATE REQUEST-----\nnot the same key\n-----END CERTIFICATE REQUEST-----", "WWW.example.com") })).map((q) => q.key)).toEqual([`near-duplicate:${sameName.id}:1`]);
  });

  it("SiteLock on either route is the same product: AutoApplyOrder, then PlaceOrder with 'Sectigo charges the customer' (items keep product IDs), and back", async () => {
    const c = await customer();
    const domain = `route-${unique()}.example`;
    const viaPlaceOrder = (productCode: number): OrderShape => ({
      operation: "placeOrder",
      items: [{ productCode, domainName: domain, isAddOn: false }],
      request: { operation: "placeOrder", input: { resellerPays: false, domainName: domain, items: [{ pricingCode: 0 }] } },
    });
    const auto = await seedOrder({ customerId: c, shape: siteLock(1060, domain) });
    expect((await guard(c, viaPlaceOrder(1060))).map((q) => q.key)).toEqual([`near-duplicate:${auto.id}:1`]);
    // Another SiteLock plan for the domain on the other route is not the same order.
    expect(await guard(c, viaPlaceOrder(1061))).toEqual([]);
    const d = await customer();
    const placed = await seedOrder({ customerId: d, shape: { ...viaPlaceOrder(1060) } });
    expect((await guard(d, siteLock(1060, domain))).map((q) => q.key)).toEqual([`near-duplicate:${placed.id}:1`]);
  });

  it("many recent duplicates: ONE question naming the newest and counting the others; a duplicate placed since asks again", async () => {
    const c = await customer();
    const domain = `many-${unique()}.example`;
    for (const hours of [5, 4, 3]) await seedOrder({ customerId: c, shape: siteLock(1060, domain), ageMs: hours * HOUR });
    const newest = await seedOrder({ customerId: c, shape: siteLock(1060, domain), ageMs: 2 * HOUR });
    const asked = await guard(c, siteLock(1060, domain));
    expect(asked.map((q) => q.key)).toEqual([`near-duplicate:${newest.id}:4`]);
    expect(asked[0]!.message).toMatch(new RegExp(`^An identical order \\(number ${newest.orderNumber}\\) was placed at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC by Pat Staff, and 3 more in the last 24 hours; place another\\?$`));
    expect(unconfirmed(asked, [asked[0]!.key])).toEqual([]);
    // Another duplicate lands after the question was shown: the old acknowledgement does not answer the new question.
    const later = await seedOrder({ customerId: c, shape: siteLock(1060, domain), ageMs: HOUR / 2 });
    const again = await guard(c, siteLock(1060, domain));
    expect(again.map((q) => q.key)).toEqual([`near-duplicate:${later.id}:5`]);
    expect(unconfirmed(again, [asked[0]!.key])).toEqual(again);
  });

  it("reads the customer's last 24 hours through the (customerId, createdAt) index among 20,000 orders", async () => {
    const c = await customer();
    await prisma.$executeRaw`
      INSERT INTO "Customer" (id, "resellerAccountId", name, email, "createdAt", "updatedAt")
      SELECT 'bulk-' || g, ${ACCOUNT}, 'Bulk ' || g, 'bulk-' || g || '@bulk.example', now(), now() FROM generate_series(1, 200) g`;
    await prisma.$executeRaw`
      INSERT INTO "Order" (id, "foreignOrderNumber", kind, status, "customerId", "resellerAccountId", "createdAt", "updatedAt")
      SELECT 'bulk-order-' || g, 'OD-BULK-' || g, 'NEW', 'PLACED', 'bulk-' || (g % 200 + 1), ${ACCOUNT}, now() - (g || ' minutes')::interval, now() FROM generate_series(1, 20000) g`;
    await prisma.$executeRaw`ANALYZE "Order"`;
    const plan = await prisma.$queryRaw<Array<{ "QUERY PLAN": unknown }>>(
      Prisma.sql`EXPLAIN (FORMAT JSON) ${recentOrdersSql({ customerId: c, resellerAccountId: ACCOUNT, submissionKey: randomUUID(), since: new Date(Date.now() - 24 * HOUR) })}`,
    );
    type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
    const nodes = (p: PlanNode): PlanNode[] => [p, ...(p.Plans ?? []).flatMap(nodes)];
    const root = (plan[0]!["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0]!.Plan;
    const onOrder = nodes(root).filter((p) => p["Relation Name"] === "Order");
    expect(onOrder.map((p) => [p["Node Type"], p["Index Name"]])).toEqual([[expect.stringMatching(/Index Scan|Bitmap Heap Scan/), onOrder[0]!["Node Type"] === "Bitmap Heap Scan" ? undefined : "Order_customerId_createdAt_idx"]]);
    expect(JSON.stringify(root)).toContain("Order_customerId_createdAt_idx");
  });
});

describe("through the order form's use case, against the sandbox", () => {
  const positive = productByKey("positivessl-ov")!;
  const form = (customerId: string, submissionKey: string, values: Record<string, unknown>, confirmed: string[] = []) => ({
    submissionKey, resellerAccountId: ACCOUNT, productKey: positive.key, customerId, licenseId: null, resellerPays: true, values, confirmed,
  });
  const calls = () => prisma.apiCall.count();

  it("the second identical order asks first and sends nothing; its acknowledgement lets exactly that one order through", async () => {
    const c = await customer();
    const values = validFormInput(positive, `dup${unique()}`) as Record<string, unknown>;
    const first = await placeOrderFromForm(staff, form(c, randomUUID(), values), deps);
    expect(first.outcome).toBe("AWAITING_AUTHORIZATION");

    // Tab two: its own submission key, the same order. Nothing is written, nothing sent.
    const secondKey = randomUUID();
    const callsBefore = await calls();
    const asked = await placeOrderFromForm(staff, form(c, secondKey, values), deps);
    expect(asked.outcome).toBe("NEEDS_CONFIRMATION");
    const question = asked.outcome === "NEEDS_CONFIRMATION" ? asked.confirmations : [];
    expect(question.map((q) => q.key)).toEqual([`near-duplicate:${first.order!.id}:1`]);
    expect(question[0]!.message).toMatch(/^An identical order \(number \d+\) was placed at .* by Pat Staff; place another\?$/);
    expect(await prisma.order.count({ where: { customerId: c } })).toBe(1);
    expect(await calls()).toBe(callsBefore);

    // "Place another": the same submission with the acknowledgement.
    const second = await placeOrderFromForm(staff, form(c, secondKey, values, [question[0]!.key]), deps);
    expect(second.outcome).toBe("AWAITING_AUTHORIZATION");
    expect(await calls()).toBe(callsBefore + 1);
    // That submission again (a retry, a double click): exactly once still holds.
    const again = await placeOrderFromForm(staff, form(c, secondKey, values, [question[0]!.key]), deps);
    expect(again.outcome).toBe("ALREADY_SUBMITTED");
    expect(again.order!.id).toBe(second.order!.id);
    // A third order with the first acknowledgement: the second order is new, so it asks again.
    const third = await placeOrderFromForm(staff, form(c, randomUUID(), values, [question[0]!.key]), deps);
    expect(third.outcome === "NEEDS_CONFIRMATION" && third.confirmations.map((q) => q.key)).toEqual([`near-duplicate:${second.order!.id}:2`]);
    expect(await prisma.order.count({ where: { customerId: c } })).toBe(2);
    expect(await calls()).toBe(callsBefore + 1);
  });

  it("unpriced items: named, asked about, placed only with the acknowledgement; the order keeps the known prices", async () => {
    const web = productByKey("sectigo-web-monitor")!;
    const u = `price${unique()}`;
    const sslValues = validFormInput(positive, u) as Record<string, unknown>;
    const webValues = validFormInput(web, u) as Record<string, unknown>;
    const priced: FormDeps["priceOf"] = (productKey) => ({ offered: true, price: productKey === positive.key ? { buyPrice: 150, sellPrice: 249, currency: "USD" } : null });
    const request = (confirmed: string[], submissionKey = randomUUID()) => ({
      submissionKey, resellerAccountId: ACCOUNT, productKey: web.key, customerId: null, licenseId: null, resellerPays: true, values: webValues,
      cart: [{ productKey: positive.key, values: sslValues }], confirmed,
    });
    const callsBefore = await calls();
    const asked = await placeOrderFromForm(staff, request([]), { ...deps, priceOf: priced });
    expect(asked.outcome).toBe("NEEDS_CONFIRMATION");
    const question = asked.outcome === "NEEDS_CONFIRMATION" ? asked.confirmations : [];
    const webTerm = termOptionsFor(web).find((t) => t.value === webValues.term)!.label;
    expect(question).toEqual([{ kind: "unpriced", key: `unpriced:${web.key}|${String(webValues.term)}`, message: expect.stringContaining(`No sell price is set for ${web.name} (${webTerm})`) }]);
    expect(question[0]!.message).not.toContain(positive.name);
    expect(await calls()).toBe(callsBefore);
    // A stale acknowledgement (another plan) does not answer it.
    expect((await placeOrderFromForm(staff, request([`unpriced:${positive.key}|x`]), { ...deps, priceOf: priced })).outcome).toBe("NEEDS_CONFIRMATION");

    const placed = await placeOrderFromForm(staff, request([question[0]!.key]), { ...deps, priceOf: priced });
    expect(placed.outcome).toBe("AWAITING_AUTHORIZATION");
    const order = await prisma.order.findUniqueOrThrow({ where: { id: placed.order!.id }, include: { items: { orderBy: { createdAt: "asc" } } } });
    expect(order.sellTotal).toBeNull();
    expect(order.items.filter((i) => !i.isAddOn).map((i) => i.cost?.toString() ?? null)).toEqual(["249", null]);

    // Every item priced: no question at all.
    const allPriced: FormDeps["priceOf"] = () => ({ offered: true, price: { buyPrice: 1, sellPrice: 2, currency: "USD" } });
    const u2 = `all${unique()}`;
    const plain = await placeOrderFromForm(staff, { ...request([]), values: validFormInput(web, u2) as Record<string, unknown>, cart: [{ productKey: positive.key, values: validFormInput(positive, u2) as Record<string, unknown> }] }, { ...deps, priceOf: allPriced });
    expect(plain.outcome).toBe("AWAITING_AUTHORIZATION");
  });
});

// Moved from review-i17-race.test.ts (reviewer probe, issue 17: the near-duplicate guard under two tabs pressing
// Place at the same moment); it needs the same world as this file (a funded demo reseller, a person).
describe("two tabs at once", () => {
  // Failed before the fix (both were placed, two calls to Sectigo): the guard is now read again under a
  // lock that joins it to the order row's insert (submit-order.ts `guard`).
  it("two identical orders pressed at the same moment: at most one goes without the question", async () => {
    const positive = productByKey("positivessl-ov")!;
    const c = "c-race";
    await seedCustomer(prisma, { id: c, resellerAccountId: ACCOUNT, name: "Race", email: "race@race.example" });
    const values = validFormInput(positive, "race1") as Record<string, unknown>;
    const form = () => ({ submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: positive.key, customerId: c, licenseId: null, resellerPays: true, values, confirmed: [] });
    // A barrier: each tab's guard query waits until the other tab reached its guard too (two people pressing Place together).
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>((r) => (release = r));
    const barrierDb = new Proxy(prisma, {
      get(target, prop, receiver) {
        if (prop === "$queryRaw") {
          return async (...args: unknown[]) => {
            const sql = JSON.stringify(args[0]);
            if (sql.includes("placedBy")) { arrived++; if (arrived === 2) release(); await both; }
            return (target.$queryRaw as (...a: unknown[]) => unknown)(...args);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const raced = { ...deps, db: barrierDb } as typeof deps;
    const results = await Promise.all([placeOrderFromForm(staff, form(), raced), placeOrderFromForm(staff, form(), raced)]);
    console.log("RACE OUTCOMES", results.map((r) => r.outcome));
    expect(results.filter((r) => r.outcome === "NEEDS_CONFIRMATION").length).toBe(1);
  });

  it("a new customer typed in two tabs (same e-mail, same CSR): the second is asked or refused", async () => {
    const positive = productByKey("positivessl-ov")!;
    const values = validFormInput(positive, "race2") as Record<string, unknown>;
    const form = () => ({ submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: positive.key, customerId: null, licenseId: null, resellerPays: true, values, confirmed: [] });
    const first = await placeOrderFromForm(staff, form(), deps);
    let second: unknown;
    try { second = await placeOrderFromForm(staff, form(), deps); } catch (e) { second = { threw: (e as Error).message }; }
    console.log("NEW CUSTOMER OUTCOMES", first.outcome, JSON.stringify(second).slice(0, 300));
    expect((second as { outcome?: string }).outcome).not.toBe("AWAITING_AUTHORIZATION");
  });
});

describe("a busy customer", () => {
  it("21 recent orders of a product that names no domain: the 22nd can still be placed after 'Place another'", async () => {
    const p = productByKey(process.env.BUSY_PRODUCT ?? "sectigo-web-monitor")!;
    const c = "c-busy";
    await seedCustomer(prisma, { id: c, resellerAccountId: ACCOUNT, name: "Busy", email: "busy@race.example" });
    for (let i = 0; i < 23; i++) {
      const values = validFormInput(p, `busy${i}`) as Record<string, unknown>;
      let r = await placeOrderFromForm(staff, { submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: p.key, customerId: c, licenseId: null, resellerPays: true, values, confirmed: [] }, deps);
      console.log(`ORDER ${i + 1}: ${r.outcome} ${r.outcome === "NEEDS_CONFIRMATION" ? r.confirmations.length : (r as { message?: string }).message ?? ""}`);
      if (r.outcome === "NEEDS_CONFIRMATION") {
        const keys = r.confirmations.map((q) => q.key);
        try {
          r = await placeOrderFromForm(staff, { submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: p.key, customerId: c, licenseId: null, resellerPays: true, values, confirmed: keys }, deps);
        } catch (e) {
          console.log(`ORDER ${i + 1}: asked about ${keys.length} orders; answering them all: ${(e as Error).message}`);
          throw e;
        }
      }
    }
  }, 120_000);
});
