/**
 * Reviewer probe (issue 17 item 6), now the fix's proof: a license Sectigo bills the customer for (reseller=N)
 * is never renewed, switched to auto-renew, given add-ons or moved to another plan from our funds
 * (lib/licenses/rules/payer.ts); each is refused with a sentence, and the bulk preview refuses it too.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedResellerAccount } from "@/tools/demo/factories";
import type { Actor } from "@/lib/auth/session";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { placeOrderFromForm } from "@/lib/orders/place-order-from-form";
import { renewLicense } from "@/lib/licenses/actions/renew";
import { setAutoRenew } from "@/lib/licenses/actions/set-auto-renew";
import { orderAddOn } from "@/lib/licenses/actions/order-add-on";
import { changePlan, previewPlanChange } from "@/lib/licenses/actions/change-plan";
import { previewRenewalRun } from "@/lib/licenses/bulk-renewal/preview-renewal-run";
import { eligibility } from "@/lib/licenses/bulk-renewal/renewal-deps";
import { addOnsFor, productById } from "@/lib/catalog";
import { seedActor, startFormOrderWorld, type FormOrderWorld } from "./form-order-harness";
import { sandboxAdmin } from "./sandbox-admin";

let world: FormOrderWorld;
let prisma: FormOrderWorld["prisma"];
let deps: OrderDeps;
let staff: Actor;
let manager: Actor;
const LOGIN = "rv-n";
const PASSWORD = "rv-n-password-1";
const ACCOUNT = "acct-rv-n";
const admin = sandboxAdmin(() => world.sandbox);
const funds = async () => (await admin<{ funds: number }>("GET", `accounts/${LOGIN}`)).funds;

beforeAll(async () => {
  world = await startFormOrderWorld({ demo: false });
  ({ prisma, deps } = world);
  await admin("POST", "accounts", { loginName: LOGIN, loginPassword: PASSWORD, funds: 1000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  await seedResellerAccount(prisma, { loginName: LOGIN, password: PASSWORD, apiBaseUrl: `${world.sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: world.key, id: ACCOUNT, label: "rv", apBrand: "orderdesk" });
  staff = await seedActor(world, { id: "u-rv-s", email: "staff@rv.test", name: "Sam", role: "STAFF" });
  manager = await seedActor(world, { id: "u-rv-m", email: "mgr@rv.test", name: "Max", role: "ACCOUNT_MANAGER" });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const placeResellerN = async () => {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  const placed = await placeOrderFromForm(staff, {
    submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: "sitelock-basic", customerId: null, licenseId: null, resellerPays: true,
    values: { term: "30", domainName: `rvn-${tag}.example`, appRepEmailAddress: `rvn-${tag}@example.com`, sectigoChargesCustomer: true },
  }, deps);
  expect(placed.outcome).toBe("PLACED");
  return prisma.license.findFirstOrThrow({ where: { orderId: placed.order!.id } });
};
/** Orders acting on the license (renewals, add-ons, plan changes): none may be made. */
const actingOrders = (licenseId: string) => prisma.order.count({ where: { targetLicenseId: licenseId } });

describe("after 'Sectigo charges the customer'", () => {
  it("the license does not renew from our funds (the form said so): renewal and auto-renew on are refused with a sentence", async () => {
    const license = await placeResellerN();
    const before = await funds();
    const auto = await setAutoRenew(manager, { licenseId: license.id, autoRenew: true }, deps);
    expect(auto).toEqual({ ok: false, code: "NOT_APPLICABLE", message: expect.stringMatching(/Sectigo bills the customer.*reseller=N.*auto-renew/) });
    expect((await prisma.license.findUniqueOrThrow({ where: { id: license.id } })).autoRenew).toBe(false);
    const renewed = await renewLicense(manager, { licenseId: license.id }, deps);
    expect(renewed).toMatchObject({ ok: false, code: "SECTIGO_BILLS_CUSTOMER", message: expect.stringMatching(/customer renews it through Sectigo/) });
    expect(await funds()).toBe(before);
    expect(await actingOrders(license.id)).toBe(0);
  });

  it("switching auto-renew OFF stays allowed (it spends nothing)", async () => {
    const license = await placeResellerN();
    // As if it had been switched on before the fix (or at Sectigo): the way out must stay open.
    await prisma.license.update({ where: { id: license.id }, data: { autoRenew: true } });
    const before = await funds();
    const off = await setAutoRenew(manager, { licenseId: license.id, autoRenew: false }, deps);
    expect(off).toEqual({ ok: true, autoRenew: false, changed: true });
    expect(await funds()).toBe(before);
  });

  it("an add-on is refused with a sentence, nothing ordered", async () => {
    const license = await placeResellerN();
    const addOn = addOnsFor(productById(license.productCode)!).find((p) => p.productId !== undefined)!;
    const before = await funds();
    const result = await orderAddOn(manager, { licenseId: license.id, productCode: addOn.productId!, submissionKey: randomUUID() }, deps);
    expect(result).toEqual({ ok: false, code: "SECTIGO_BILLS_CUSTOMER", message: expect.stringMatching(/customer orders add-ons through Sectigo/) });
    expect(await funds()).toBe(before);
    expect(await actingOrders(license.id)).toBe(0);
  });

  it("a plan change is refused with a sentence (preview and change), nothing ordered", async () => {
    const license = await placeResellerN();
    const before = await funds();
    const target = 1061; // a higher SiteLock tier than basic
    expect(target).not.toBe(license.productCode);
    const preview = await previewPlanChange(manager, { licenseId: license.id, productCode: target }, { ...deps, price: async () => null });
    expect(preview).toMatchObject({ ok: false, code: "SECTIGO_BILLS_CUSTOMER", message: expect.stringMatching(/customer changes its plan through Sectigo/) });
    const result = await changePlan(manager, { licenseId: license.id, productCode: target, submissionKey: randomUUID() }, { ...deps, price: async () => null });
    expect(result).toMatchObject({ ok: false, code: "SECTIGO_BILLS_CUSTOMER" });
    expect(await funds()).toBe(before);
    expect(await actingOrders(license.id)).toBe(0);
  });

  it("the bulk renewal preview refuses it with the reason", async () => {
    const license = await placeResellerN();
    // Inside the renewal window, so only who pays can refuse it.
    const now = new Date(license.expiresAt!.getTime() - 5 * 86_400_000);
    const preview = await previewRenewalRun(manager, { kind: "selection", licenseIds: [license.id] }, { db: prisma, eligibility, now: () => now });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.accepted).toEqual([]);
    expect(preview.refused).toEqual([expect.objectContaining({ licenseId: license.id, code: "SECTIGO_BILLS_CUSTOMER", reason: expect.stringMatching(/reseller=N/) })]);
  });
});
