/**
 * Issue 17 items 4 and 9, through the order form's use case against the sandbox: what an order records
 * is what the price panel showed.
 *
 * - A fully priced product whose order carries companions (eToken and shipping, a free CVC) asks no
 *   "no sell price" question and records the plan's totals (before: the companions were recorded without
 *   prices, so sellTotal and buyTotal were null and the order page said "no sell price for: eToken").
 * - Any PlaceOrder product sent with reseller=N ("we collect the customer's payment" unticked): Sectigo
 *   bills the customer at its own price, so no question about a missing sell price, no sell price of ours
 *   recorded, and nothing paid by us (before: our sell price was recorded beside "Sectigo charges the customer").
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { placeOrderFromForm, type FormDeps } from "@/lib/orders/place-order-from-form";
import { productByKey } from "@/lib/catalog";
import { validFormInput } from "../sectigo/catalog-values";
import { fundDemoReseller, seedActor, seedDemoResellerAccount, seedFormCustomer, startFormOrderWorld, type FormOrderWorld } from "./form-order-harness";

let world: FormOrderWorld;
let prisma: FormOrderWorld["prisma"];
let deps: OrderDeps;
let staff: Actor;
const ACCOUNT = "acct-money";
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

beforeAll(async () => {
  world = await startFormOrderWorld({ demo: true });
  ({ prisma, deps } = world);
  await seedDemoResellerAccount(world, ACCOUNT);
  staff = await seedActor(world, { id: "u-money-staff", email: "staff@money.test", name: "Pat Staff", role: "STAFF" });
  await fundDemoReseller(world);
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const customer = () => seedFormCustomer(world, ACCOUNT, `c-${unique()}`, "money.example");

const request = (productKey: string, customerId: string, resellerPays: boolean) => ({
  submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey, customerId, licenseId: null, resellerPays,
  values: validFormInput(productByKey(productKey)!, `m${unique()}`) as Record<string, unknown>, confirmed: [] as string[],
});
const order = (id: string) => prisma.order.findUniqueOrThrow({ where: { id }, include: { items: { orderBy: { createdAt: "asc" } } } });

describe("a fully priced product with companion items", () => {
  const plan: FormDeps["priceOf"] = () => ({ offered: true, price: { buyPrice: 150, sellPrice: 249, currency: "USD" } });

  it.each(["ev-code-signing", "hackerguardian-pci"])("%s: no unpriced question; the order records the plan's totals, its companions included", async (productKey) => {
    const placed = await placeOrderFromForm(staff, request(productKey, await customer(), true), { ...deps, priceOf: plan });
    expect(placed.outcome).toBe("AWAITING_AUTHORIZATION");
    const o = await order(placed.order!.id);
    expect(o.items.length).toBeGreaterThan(1);
    expect([Number(o.sellTotal), Number(o.buyTotal)]).toEqual([249, 150]);
    // The order page's "Customer pays" per item: the plan at its price, each companion included (0).
    expect(o.items.map((i) => (i.cost === null ? null : Number(i.cost)))).toEqual([249, ...o.items.slice(1).map(() => 0)]);
  });
});

describe("reseller=N for an SSL certificate (PlaceOrder)", () => {
  it("without a sell price: no unpriced question; no sell price recorded, nothing paid by us", async () => {
    const unpriced: FormDeps["priceOf"] = () => ({ offered: true, price: { buyPrice: 45, sellPrice: null, currency: "USD" } });
    const placed = await placeOrderFromForm(staff, request("positivessl-ov", await customer(), false), { ...deps, priceOf: unpriced });
    expect(placed.outcome).toBe("PLACED");
    const o = await order(placed.order!.id);
    expect([o.sellTotal, Number(o.buyTotal), Number(o.totalCost)]).toEqual([null, 0, 0]);
    expect(o.items.map((i) => i.cost)).toEqual([null]);
  });

  it("with a sell price of ours: still not recorded (Sectigo bills the customer at its own price)", async () => {
    const priced: FormDeps["priceOf"] = () => ({ offered: true, price: { buyPrice: 45, sellPrice: 79, currency: "USD" } });
    const placed = await placeOrderFromForm(staff, request("positivessl-ov", await customer(), false), { ...deps, priceOf: priced });
    expect(placed.outcome).toBe("PLACED");
    const o = await order(placed.order!.id);
    expect([o.sellTotal, Number(o.buyTotal), o.currency]).toEqual([null, 0, null]);
  });

  it("reseller=Y with the same price: asked about the missing sell price, as before", async () => {
    const unpriced: FormDeps["priceOf"] = () => ({ offered: true, price: { buyPrice: 45, sellPrice: null, currency: "USD" } });
    const asked = await placeOrderFromForm(staff, request("positivessl-ov", await customer(), true), { ...deps, priceOf: unpriced });
    expect(asked.outcome === "NEEDS_CONFIRMATION" && asked.confirmations.map((q) => q.kind)).toEqual(["unpriced"]);
  });
});
