/**
 * Issue 17 item 6: SiteLock through PlaceOrder, through the app's use cases against the sandbox over HTTP.
 * - "Sectigo charges the customer" (reseller=N, the order form's catalog checkbox): placed at once, our
 *   funds untouched, recorded as costing us 0 with no sell price of ours, license + add-on recorded without
 *   auto-renew (as the sandbox holds it), the placed order says who pays.
 * - Debit our account: unticked (AutoApplyOrder, debited when accepted), and PlaceOrder reseller=Y (debited
 *   only when we authorize; the license then takes the account's auto-renew setting, as Sectigo's does).
 * - The document's required fields: a missing e-mail or domain is a message on its field and nothing is
 *   sent; an account without a brand (ap) is refused on the choice itself.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedResellerAccount } from "@/tools/demo/factories";
import type { Actor } from "@/lib/auth/session";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { placeOrderFromForm } from "@/lib/orders/place-order-from-form";
import { orderFormRequestSchema, type OrderFormRequest } from "@/lib/orders/order-form-request";
import { submitOrder } from "@/lib/orders/submit-order";
import { decideAuthorization } from "@/lib/orders/decide-authorization";
import { buildSubmission } from "@/lib/orders/build-submission";
import { orderPayer } from "@/lib/orders/order-payer";
import { orderSchemaFor, productByKey } from "@/lib/catalog";
import { seedActor, startFormOrderWorld, type FormOrderWorld } from "./form-order-harness";
import { sandboxAdmin } from "./sandbox-admin";

let world: FormOrderWorld;
let prisma: FormOrderWorld["prisma"];
let deps: OrderDeps;
let staff: Actor;
const LOGIN = "sl-po-reseller";
const PASSWORD = "sl-po-password-1";
const ACCOUNT = "acct-sl-po";
const NO_BRAND = "acct-sl-po-nobrand";
const admin = sandboxAdmin(() => world.sandbox);

const funds = async () => (await admin<{ funds: number }>("GET", `accounts/${LOGIN}`)).funds;
const apiCalls = () => prisma.apiCall.count();

let n = 0;
function request(values: Record<string, unknown>, over: Partial<OrderFormRequest> = {}): OrderFormRequest {
  n++;
  return {
    submissionKey: randomUUID(),
    resellerAccountId: ACCOUNT,
    productKey: "sitelock-basic",
    customerId: null,
    licenseId: null,
    resellerPays: true,
    values: { term: "365", domainName: `slpo-${n}-${Date.now()}.example`, appRepEmailAddress: `slpo-${n}-${Date.now()}@example.com`, ...values },
    ...over,
  };
}

beforeAll(async () => {
  world = await startFormOrderWorld({ demo: false });
  ({ prisma, deps } = world);
  // The account renews automatically by default: a reseller=N license must still not.
  await admin("POST", "accounts", { loginName: LOGIN, loginPassword: PASSWORD, funds: 1000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: true });
  const base = { loginName: LOGIN, password: PASSWORD, apiBaseUrl: `${world.sandbox.url}/products/`, mode: "SANDBOX" as const, credentialsKey: world.key };
  await seedResellerAccount(prisma, { ...base, id: ACCOUNT, label: "SiteLock PlaceOrder", apBrand: "orderdesk" });
  await seedResellerAccount(prisma, { ...base, loginName: `${LOGIN}-2`, id: NO_BRAND, label: "No brand" });
  await prisma.resellerAccount.updateMany({ where: { id: { in: [ACCOUNT, NO_BRAND] } }, data: { autoRenewDefault: true } });
  staff = await seedActor(world, { id: "u-slpo", email: "staff@slpo.test", name: "Sam Staff", role: "STAFF" });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

describe("SiteLock through PlaceOrder", () => {
  it("Sectigo charges the customer (reseller=N): placed at once, our funds untouched, recorded as costing us nothing", async () => {
    const before = await funds();
    const input = request({ sectigoChargesCustomer: true, appRepForename: "Ada", appRepSurname: "Lovelace", addOns: ["1071"] });
    const result = await placeOrderFromForm(staff, input, { ...deps, priceOf: () => ({ offered: true, price: { buyPrice: 99, sellPrice: 149, currency: "USD" } }) });
    expect(result.outcome).toBe("PLACED");
    expect(await funds()).toBe(before);

    const order = await prisma.order.findUniqueOrThrow({
      where: { id: result.order!.id },
      include: { items: { orderBy: { createdAt: "asc" } }, apiCalls: true, events: true, licenses: { include: { addOns: true } } },
    });
    // What the app stores: Sectigo debits us nothing; Sectigo bills the customer at its own price, not ours.
    expect(order.operation).toBe("placeOrder");
    expect(Number(order.totalCost)).toBe(0);
    expect(order.sellTotal).toBeNull();
    // An item's `cost` is what the customer pays us: nothing (the plan's sell price of 149 does not apply).
    expect(order.items.map((i) => [i.productCode, i.cost, i.isAddOn])).toEqual([
      [1060, null, false],
      [1071, null, true],
    ]);
    expect(orderPayer(order.request)).toBe("CUSTOMER_VIA_SECTIGO");
    expect(order.events.find((e) => e.kind === "PLACED")?.message).toMatch(/Sectigo charges the customer \(reseller=N\)/);

    // The document's parameters went out (seed 002): reseller=N, the plan's and the add-on's x_PPP, domainName, emailAddress.
    const sent = JSON.parse(order.apiCalls[0]!.request) as Record<string, string>;
    expect(sent).toMatchObject({ reseller: "N", ap: "orderdesk", "1_PPP": "10049", "2_PPP": "10067", domainName: input.values.domainName, emailAddress: input.values.appRepEmailAddress, foreName: "Ada", surName: "Lovelace" });
    expect(sent).not.toHaveProperty("enableAutoRenew");

    // The license as the sandbox holds it: active, no auto-renew, with the add-on.
    expect(order.licenses).toHaveLength(1);
    expect(order.licenses[0]).toMatchObject({ productCode: 1060, status: "ACTIVE", autoRenew: false, termDays: 365 });
    expect(order.licenses[0]!.addOns.map((a) => a.productCode)).toEqual([1071]);
    const upstream = await admin<{ order: { status: string; reseller: string }; licenses: Array<{ productCode: number; autoRenew: boolean }> }>("GET", `orders/${order.orderNumber}`);
    expect(upstream.order).toMatchObject({ status: "active", reseller: "N" });
    expect(upstream.licenses.map((l) => [l.productCode, l.autoRenew])).toEqual([
      [1060, false],
      [1071, false],
    ]);
  });

  it("Sectigo charges the customer with no sell price of ours set: no \"no sell price\" question, placed; the same plan debited to us asks it", async () => {
    // The price list has a buy price for the plan and the add-on but no sell price (nothing set by an admin).
    const unpriced = { ...deps, priceOf: () => ({ offered: true as const, price: { buyPrice: 99.99, sellPrice: null, currency: "USD" } }) };
    const calls = await apiCalls();
    // Debited to us, the missing sell price matters: the question comes first, and nothing is sent.
    const ours = await placeOrderFromForm(staff, request({ enableAutoRenew: false, addOns: ["1071"] }), unpriced);
    expect(ours).toMatchObject({ outcome: "NEEDS_CONFIRMATION", confirmations: [{ kind: "unpriced" }] });
    expect(await apiCalls()).toBe(calls);
    // Sectigo bills the customer at its own price: the missing sell price is intended, so no question.
    const result = await placeOrderFromForm(staff, request({ sectigoChargesCustomer: true, addOns: ["1071"] }), unpriced);
    expect(result.outcome).toBe("PLACED");
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order!.id }, include: { items: true } });
    expect(orderPayer(order.request)).toBe("CUSTOMER_VIA_SECTIGO");
    expect(Number(order.totalCost)).toBe(0);
    expect(order.sellTotal).toBeNull();
    expect(order.items).toHaveLength(2);
  });

  it("debit our account (unticked): AutoApplyOrder, our funds debited when Sectigo accepts", async () => {
    const before = await funds();
    const result = await placeOrderFromForm(staff, request({ enableAutoRenew: false }), deps);
    expect(result.outcome).toBe("PLACED");
    const order = await prisma.order.findUniqueOrThrow({ where: { id: result.order!.id } });
    expect(order.operation).toBe("autoApplyOrder");
    expect(orderPayer(order.request)).toBe("RESELLER");
    const cost = Number(order.totalCost);
    expect(cost).toBeGreaterThan(0);
    expect(await funds()).toBeCloseTo(before - cost, 2);
  });

  it("PlaceOrder with reseller=Y: nothing debited until we authorize, then the price; the license takes the account's auto-renew", async () => {
    const product = productByKey("sitelock-pro")!;
    const form = request({ sectigoChargesCustomer: true }, { productKey: product.key });
    const values = orderSchemaFor(product).parse(form.values);
    const built = buildSubmission(product, values, { submissionKey: form.submissionKey, account: { id: ACCOUNT, apBrand: "orderdesk", autoRenewDefault: true }, customer: null, priceOf: () => null });
    if (built.sectigo.operation !== "placeOrder") throw new Error("expected a PlaceOrder");
    // The same SiteLock PlaceOrder, with us paying: reseller=Y.
    const submission = { ...built, items: built.items.map((i) => ({ ...i, buyPrice: null })), sectigo: { operation: "placeOrder" as const, input: { ...built.sectigo.input, resellerPays: true } } };
    const before = await funds();
    const placed = await submitOrder(staff, submission, deps);
    expect(placed.outcome).toBe("AWAITING_AUTHORIZATION");
    expect(await funds()).toBe(before);
    const waiting = await prisma.order.findUniqueOrThrow({ where: { id: placed.order.id } });
    expect(orderPayer(waiting.request)).toBe("RESELLER_AFTER_AUTHORIZATION");

    const decided = await decideAuthorization(staff, { orderId: placed.order.id, decision: "AUTHORIZE" }, deps);
    expect(decided.outcome).toBe("AUTHORIZED");
    const upstream = await admin<{ order: { totalCost: number }; licenses: Array<{ productCode: number; autoRenew: boolean }> }>("GET", `orders/${waiting.orderNumber}`);
    expect(upstream.order.totalCost).toBeGreaterThan(0);
    expect(await funds()).toBeCloseTo(before - upstream.order.totalCost, 2);
    // Issue 16's leftover: Order Desk recorded auto-renew off while Sectigo turned it on from the account's setting.
    const license = await prisma.license.findFirstOrThrow({ where: { orderId: placed.order.id } });
    expect(license).toMatchObject({ productCode: 1061, status: "ACTIVE" });
    expect(license.autoRenew).toBe(upstream.licenses[0]!.autoRenew);
    expect(license.autoRenew).toBe(true);
  });

  it.each([
    ["appRepEmailAddress", "Customer email address is required."],
    ["domainName", "Domain name is required."],
  ])("a missing %s is a message on its field, and nothing is sent", async (field, message) => {
    const input = request({ sectigoChargesCustomer: true, [field]: "" });
    const parsed = orderFormRequestSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([[`values.${field}`, message]]);
    const calls = await apiCalls();
    await expect(placeOrderFromForm(staff, input, deps)).rejects.toThrow(message);
    expect(await apiCalls()).toBe(calls);
  });

  it("choices PlaceOrder cannot carry are refused on their fields", async () => {
    const input = request({ sectigoChargesCustomer: true, enableAutoRenew: true, previousOrderNumber: "1234567", addOns: ["1068"] }, { productKey: "sitelock-basic" });
    const parsed = orderFormRequestSchema.safeParse(input);
    expect(parsed.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["values.addOns", "values.enableAutoRenew", "values.previousOrderNumber"]);
    expect(parsed.error?.issues.find((i) => i.path.join(".") === "values.addOns")?.message).toMatch(/5 GB Backup Addon is sold for 30 days only/);
  });

  it("an account without a brand (ap) is refused on the choice, before anything is sent", async () => {
    const calls = await apiCalls();
    const refusal = await placeOrderFromForm(staff, request({ sectigoChargesCustomer: true }, { resellerAccountId: NO_BRAND }), deps).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "INVALID_INPUT", field: "values.sectigoChargesCustomer" });
    expect(await apiCalls()).toBe(calls);
  });
});
