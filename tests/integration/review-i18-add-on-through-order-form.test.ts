/**
 * Reviewer probe (issue 18, independent review): the order form (lib/orders/place-order-from-form.ts,
 * `productKey` an add-on, `licenseId` the license) is a second way to add an add-on to a license, next to
 * the license page's orderAddOn (lib/licenses/actions/order-add-on.ts). None of orderAddOn's guards are on
 * it: the add-on question (price, the date its term ends, "outlives its license"), the reseller=N refusal
 * (an add-on from our funds for a license Sectigo bills the customer for), the live-license check.
 * FAILED on main at review time.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedResellerAccount } from "@/tools/demo/factories";
import type { Actor } from "@/lib/auth/session";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { placeOrderFromForm } from "@/lib/orders/place-order-from-form";
import { orderAddOn } from "@/lib/licenses/actions/order-add-on";
import { seedActor, startFormOrderWorld, type FormOrderWorld } from "./form-order-harness";
import { sandboxAdmin } from "./sandbox-admin";

let world: FormOrderWorld;
let prisma: FormOrderWorld["prisma"];
let deps: OrderDeps;
let staff: Actor;
let manager: Actor;
const LOGIN = "rv18-form-addon";
const PASSWORD = "rv18-form-addon-pw-1";
const ACCOUNT = "acct-rv18-form-addon";
const admin = sandboxAdmin(() => world.sandbox);
const funds = async () => (await admin<{ funds: number }>("GET", `accounts/${LOGIN}`)).funds;

beforeAll(async () => {
  world = await startFormOrderWorld({ demo: false });
  ({ prisma, deps } = world);
  await admin("POST", "accounts", { loginName: LOGIN, loginPassword: PASSWORD, funds: 1000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  await seedResellerAccount(prisma, { loginName: LOGIN, password: PASSWORD, apiBaseUrl: `${world.sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: world.key, id: ACCOUNT, label: "rv18 form", apBrand: "orderdesk" });
  await prisma.planPrice.createMany({
    data: [
      { productKey: "sitelock-basic", term: "365", buyPrice: 99.99, sellPrice: 149, currency: "USD" },
      { productKey: "sitelock-trueshield", term: "365", buyPrice: 99.99, sellPrice: 129, currency: "USD" },
    ],
    skipDuplicates: true,
  });
  staff = await seedActor(world, { id: "u-rv18f-s", email: "staff@rv18f.test", name: "Sam", role: "STAFF" });
  manager = await seedActor(world, { id: "u-rv18f-m", email: "mgr@rv18f.test", name: "Max", role: "ACCOUNT_MANAGER" });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

async function license(opts: { sectigoChargesCustomer: boolean }) {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  const email = `rv18f-${tag}@example.com`;
  const placed = await placeOrderFromForm(staff, {
    submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: "sitelock-basic", customerId: null, licenseId: null, resellerPays: true,
    values: { term: "365", domainName: `rv18f-${tag}.example`, appRepEmailAddress: email, ...(opts.sectigoChargesCustomer ? { sectigoChargesCustomer: true } : {}) },
  }, deps);
  expect(placed.outcome).toBe("PLACED");
  return { license: await prisma.license.findFirstOrThrow({ where: { orderId: placed.order!.id } }), email };
}

const addOnFromForm = (l: { id: string; domainName: string }, email: string) =>
  placeOrderFromForm(staff, {
    submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: "sitelock-trueshield", customerId: null, licenseId: l.id, resellerPays: true,
    values: { term: "365", domainName: l.domainName, appRepEmailAddress: email },
  }, deps).catch((e: unknown) => e);

describe("review i18: an add-on through the order form", () => {
  it("a license Sectigo bills the customer for (reseller=N): refused as on the license page, nothing debited from our funds", async () => {
    const { license: l, email } = await license({ sectigoChargesCustomer: true });
    // The license page refuses it (issue 17 #6)...
    expect(await orderAddOn(manager, { licenseId: l.id, productCode: 1071, submissionKey: randomUUID() }, deps)).toMatchObject({ ok: false, code: "SECTIGO_BILLS_CUSTOMER" });
    // ...the order form must too.
    const before = await funds();
    await addOnFromForm(l, email);
    expect(await prisma.order.count({ where: { targetLicenseId: l.id } })).toBe(0);
    expect(await funds()).toBe(before);
  });

  it("the add-on's question (price, the date its term ends, outlives its license) is asked before it is placed", async () => {
    const { license: l, email } = await license({ sectigoChargesCustomer: false });
    const first = await addOnFromForm(l, email);
    // A 1-year add-on bought today ends after... at least the question must be asked; nothing sent without it.
    expect(first).toMatchObject({ outcome: "NEEDS_CONFIRMATION" });
    expect(await prisma.order.count({ where: { targetLicenseId: l.id } })).toBe(0);
  });
});
