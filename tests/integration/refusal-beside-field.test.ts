/**
 * A Sectigo refusal lands beside the form field the user typed the refused value in: the sandbox (over
 * HTTP) names a wire parameter, the client reports it as Sectigo spells it (SectigoError.parameters), and
 * the catalog's one map (lib/catalog/wire-parameters.ts) turns it into the form field, per operation:
 * the same SiteLock e-mail is `appRepEmailAddress` on AutoApplyOrder and `emailAddress` on PlaceOrder.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedResellerAccount } from "@/tools/demo/factories";
import type { Actor } from "@/lib/auth/session";
import { placeOrderFromForm, type PlaceFromFormResult } from "@/lib/orders/place-order-from-form";
import { seedActor, startFormOrderWorld, type FormOrderWorld } from "./form-order-harness";
import { sandboxAdmin } from "./sandbox-admin";

let world: FormOrderWorld;
let staff: Actor;
const LOGIN = "rbf";
const PASSWORD = "rbf-password-1";
const ACCOUNT = "acct-rbf";
const admin = sandboxAdmin(() => world.sandbox);

beforeAll(async () => {
  world = await startFormOrderWorld({ demo: false });
  await admin("POST", "accounts", { loginName: LOGIN, loginPassword: PASSWORD, funds: 10_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  await seedResellerAccount(world.prisma, { loginName: LOGIN, password: PASSWORD, apiBaseUrl: `${world.sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: world.key, id: ACCOUNT, label: "rbf", apBrand: "orderdesk" });
  staff = await seedActor(world, { id: "u-rbf", email: "staff@rbf.test", name: "Sam", role: "STAFF" });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const tag = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const siteLockPro = (values: Record<string, unknown>) =>
  placeOrderFromForm(staff, { submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: "sitelock-pro", customerId: null, licenseId: null, resellerPays: true, values: { term: "365", ...values } }, world.deps);
const failed = (result: PlaceFromFormResult) => {
  expect(result.outcome).toBe("FAILED");
  return result.outcome === "FAILED" ? result : undefined;
};

describe("a sandbox refusal lands beside its form field", () => {
  it("AutoApplyOrder quotes 'previousOrderNumber' (an order Sectigo does not know): on the previous order number field only", async () => {
    const t = tag();
    const result = failed(await siteLockPro({ domainName: `rbf-${t}.example`, appRepEmailAddress: `rbf-${t}@example.com`, previousOrderNumber: "987654321" }));
    const order = await world.prisma.order.findUniqueOrThrow({ where: { id: result!.order.id } });
    // What the client reported is Sectigo's own spelling, kept on the order.
    expect(order).toMatchObject({ errorCode: -4, errorField: "previousOrderNumber" });
    expect(result!.fieldErrors).toEqual({ "values.previousOrderNumber": [result!.message] });
  });

  // Before the one map, the client turned `emailAddress` into the catalog key `emailAddress`, a field the
  // SiteLock form does not have: the refusal showed beside nothing.
  it("-122 through PlaceOrder (Sectigo charges the customer) names `emailAddress`: it lands on the SiteLock form's customer e-mail", async () => {
    const t = tag();
    const email = `rbf-known-${t}@example.com`;
    // Sectigo has an account for this e-mail (an order placed elsewhere); Order Desk has no such customer.
    const res = await fetch(`${world.sandbox.url}/products/!AutoApplyOrder`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ loginName: LOGIN, loginPassword: PASSWORD, product: "1059", days: "365", domainName: `rbf-a-${t}.example`, appRepEmailAddress: email, responseFormat: "1" }),
    });
    expect(new URLSearchParams(await res.text()).get("errorCode")).toBe("0");
    // A new customer with an e-mail Sectigo already has an account for: "Such domain or account already exists!"
    const result = failed(await siteLockPro({ domainName: `rbf-b-${t}.example`, appRepEmailAddress: email, sectigoChargesCustomer: true }));
    const order = await world.prisma.order.findUniqueOrThrow({ where: { id: result!.order.id } });
    // PlaceOrder's answer carries errorItem=emailAddress: the parameter Sectigo named, as it spells it.
    expect(order).toMatchObject({ errorCode: -122, errorField: "emailAddress" });
    expect(result!.fieldErrors).toEqual({ "values.appRepEmailAddress": [result!.message] });
    expect(result!.message).toMatch(/this domain, or an account with this e-mail/);
  });
});
