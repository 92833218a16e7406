/**
 * An add-on on an existing license through the order form meets the license page's rules
 * (lib/licenses/actions/add-on-checks.ts): the same question, a "yes" places it once, a second one
 * is refused, and a form use case not handed the rules refuses it rather than placing it unchecked.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedResellerAccount } from "@/tools/demo/factories";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { placeOrderFromForm, type FormDeps } from "@/lib/orders/place-order-from-form";
import { orderAddOn } from "@/lib/licenses/actions/order-add-on";
import { seedActor, startFormOrderWorld, type FormOrderWorld } from "./form-order-harness";

let world: FormOrderWorld;
let deps: FormDeps;
let staff: Actor;
let manager: Actor;
const LOGIN = "addon-form-rules";
const PASSWORD = "addon-form-rules-pw-1";
const ACCOUNT = "acct-addon-form-rules";
const funds = async () => (await world.admin<{ funds: number }>("GET", `accounts/${LOGIN}`)).funds;

beforeAll(async () => {
  world = await startFormOrderWorld({ demo: false });
  deps = world.deps;
  await world.admin("POST", "accounts", { loginName: LOGIN, loginPassword: PASSWORD, funds: 1000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  await seedResellerAccount(world.prisma, { loginName: LOGIN, password: PASSWORD, apiBaseUrl: `${world.sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: world.key, id: ACCOUNT, label: "add-on form", apBrand: "orderdesk" });
  await world.prisma.planPrice.createMany({ data: [{ productKey: "sitelock-trueshield", term: "365", buyPrice: 99.99, sellPrice: 129, currency: "USD" }], skipDuplicates: true });
  staff = await seedActor(world, { id: "u-aofr-s", email: "staff@aofr.test", name: "Sam", role: "STAFF" });
  manager = await seedActor(world, { id: "u-aofr-m", email: "mgr@aofr.test", name: "Max", role: "ACCOUNT_MANAGER" });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

async function license() {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  const email = `aofr-${tag}@example.com`;
  const placed = await placeOrderFromForm(staff, {
    submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: "sitelock-basic", customerId: null, licenseId: null, resellerPays: true,
    values: { term: "365", domainName: `aofr-${tag}.example`, appRepEmailAddress: email },
  }, deps);
  expect(placed.outcome).toBe("PLACED");
  return { license: await world.prisma.license.findFirstOrThrow({ where: { orderId: placed.order!.id } }), email };
}

const addOnRequest = (l: { id: string; domainName: string }, email: string, submissionKey: string, confirmed: string[] = []) => ({
  submissionKey, resellerAccountId: ACCOUNT, productKey: "sitelock-trueshield", customerId: null, licenseId: l.id, resellerPays: true,
  values: { term: "365", domainName: l.domainName, appRepEmailAddress: email }, confirmed,
});

describe("an add-on on a license through the order form", () => {
  it("asks the license page's question, and a 'yes' places it once; a second one is refused as 'has it already'", async () => {
    const { license: l, email } = await license();
    const page = await orderAddOn(manager, { licenseId: l.id, productCode: 1071, days: 365, submissionKey: randomUUID() }, deps);
    if (page.ok || page.code !== "NEEDS_CONFIRMATION") throw new Error(`expected the license page's question, got ${JSON.stringify(page)}`);

    const key = randomUUID();
    const asked = await placeOrderFromForm(staff, addOnRequest(l, email, key), deps);
    if (asked.outcome !== "NEEDS_CONFIRMATION") throw new Error(`expected the question, got ${asked.outcome}`);
    // The same question as data (key and words), for the form's question box.
    expect(asked.confirmations).toEqual([expect.objectContaining({ kind: "add-on", key: page.confirmations[0]!.key, message: page.confirmations[0]!.message })]);
    expect(asked.confirmations[0]!.message).toContain("$129.00");

    const before = await funds();
    const placed = await placeOrderFromForm(staff, addOnRequest(l, email, key, asked.confirmations.map((c) => c.key)), deps);
    expect(placed).toMatchObject({ outcome: "PLACED" });
    expect(await world.prisma.order.findUniqueOrThrow({ where: { id: placed.order!.id } })).toMatchObject({ kind: "ADD_ON", targetLicenseId: l.id });
    expect(await funds()).toBeLessThan(before);

    // The same submission again is answered with its order (the pipeline's duplicate), not "has it already".
    expect(await placeOrderFromForm(staff, addOnRequest(l, email, key, asked.confirmations.map((c) => c.key)), deps)).toMatchObject({ outcome: "ALREADY_SUBMITTED", order: { id: placed.order!.id } });
    // A new submission for the same add-on: the license has it.
    await expect(placeOrderFromForm(staff, addOnRequest(l, email, randomUUID(), asked.confirmations.map((c) => c.key)), deps)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "productKey", message: "This license has that add-on already." });
    expect(await world.prisma.order.count({ where: { targetLicenseId: l.id } })).toBe(1);
  });

  it("a form use case not handed the license rules refuses the add-on instead of placing it unchecked", async () => {
    const { license: l, email } = await license();
    const bare: FormDeps = orderDeps(world.prisma, { credentialsKey: world.key, timeoutMs: 5_000 });
    await expect(placeOrderFromForm(staff, addOnRequest(l, email, randomUUID()), bare)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "licenseId" });
    expect(await world.prisma.order.count({ where: { targetLicenseId: l.id } })).toBe(0);
  });
});
