/** Renewal window edges on the controlled clock: AutoApplyOrder (-121) and PlaceOrder (-56); auto-renew. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY, harness, licenses, orderLicense, T0, type Harness, type OrderView } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.account("renewer");
});
afterAll(() => h.close());
beforeEach(() => h.setClock(T0));

let counter = 0;
async function renewAt(daysBeforeExpiry: number): Promise<string[]> {
  await h.setClock(T0);
  const domain = `edge${++counter}.example`;
  const order = await orderLicense(h, "renewer", `product=1060&days=365&domainName=${domain}&appRepEmailAddress=o@${domain}`);
  const expiry = T0.getTime() + 365 * DAY;
  await h.setClock(new Date(expiry - daysBeforeExpiry * DAY));
  return h.lines(
    "!AutoApplyOrder",
    `loginName=renewer&loginPassword=pw&product=1060&days=365&domainName=${domain}&appRepEmailAddress=o@${domain}&previousOrderNumber=${order}`,
  );
}

describe("AutoApplyOrder renewal window: from 30 days before expiry, up to (not at) the expiry instant", () => {
  it("31 days before expiry is too early: -121", async () => {
    const lines = await renewAt(31);
    expect(lines).toEqual(["-121", "Renew must be within the renewal period of the existing license"]);
  });
  it("30 days before expiry renews", async () => expect((await renewAt(30))[0]).toBe("0"));
  it("1 day before expiry renews", async () => expect((await renewAt(1))[0]).toBe("0"));
  // The one rule shared with the app (lib/licenses/rules/renewal-window.ts): at the expiry instant the
  // license has expired, so a manual renewal is refused there, as the app's page says.
  it("1 ms before the expiry instant renews", async () => expect((await renewAt(1 / DAY))[0]).toBe("0"));
  it("at the expiry instant is outside the window: -121", async () => expect((await renewAt(0))[0]).toBe("-121"));
  it("after expiry is outside the window: -121", async () => expect((await renewAt(-1))[0]).toBe("-121"));

  it("renewal extends from the old expiry, debits the price and restarts the term", async () => {
    const before = await h.funds("renewer");
    const lines = await renewAt(10);
    expect(lines[2]).toBe("99.99");
    expect(await h.funds("renewer")).toBeCloseTo(before - 99.99 * 2, 2);
    const [base] = await licenses(h, `edge${counter}.example`);
    expect(base?.expiresAt).toBe(new Date(T0.getTime() + 730 * DAY).toISOString());
    const view = await h.admin<OrderView>("GET", `orders/${lines[1]}`);
    expect(view.order.kind).toBe("renewal");
  });

  it("the previous-order alias `previousOrder` (SRA prose) is accepted", async () => {
    const order = await orderLicense(h, "renewer", "product=1060&days=30&domainName=alias.example&appRepEmailAddress=o@alias.example");
    await h.setClock(new Date(T0.getTime() + 20 * DAY));
    const lines = await h.lines(
      "!AutoApplyOrder",
      `loginName=renewer&loginPassword=pw&product=1060&days=30&domainName=alias.example&appRepEmailAddress=o@alias.example&previousOrder=${order}`,
    );
    expect(lines[0]).toBe("0");
  });
});

describe("PlaceOrder renewal window", () => {
  it("a returning customer's renewal too early is -56 with the expiry date", async () => {
    await orderLicense(h, "renewer", "product=1061&days=365&domainName=po-renew.example&appRepEmailAddress=po@po-renew.example");
    const body = "loginName=renewer&loginPassword=pw&ap=brand&reseller=N&isReturningCustomer=Y&emailAddress=po%40po-renew.example&1_PPP=10051&domainName=po-renew.example";
    await h.setClock(new Date(T0.getTime() + 300 * DAY));
    const early = await h.form("!PlaceOrder", body);
    expect(early.get("errorCode")).toBe("-56");
    expect(early.get("errorMessage")).toBe(
      "Your current license expires on 2031-01-01. Licenses can only be renewed up to 30 days prior to the expiry of your existing license.",
    );
    await h.setClock(new Date(T0.getTime() + 340 * DAY));
    const inside = await h.form("!PlaceOrder", body);
    expect(inside.get("errorCode")).toBe("0");
  });
});

describe("auto-renewal at expiry", () => {
  it("renews an auto-renew license when the clock passes its expiry, debiting funds", async () => {
    const res = await h.lines(
      "!AutoApplyOrder",
      "loginName=renewer&loginPassword=pw&product=1060&days=30&domainName=auto.example&appRepEmailAddress=o@auto.example&enableAutoRenew=Y",
    );
    expect(res[0]).toBe("0");
    const before = await h.funds("renewer");
    await h.admin("POST", "clock", { advanceDays: 31 });
    const [base] = await licenses(h, "auto.example");
    expect(base?.expiresAt).toBe(new Date(T0.getTime() + 60 * DAY).toISOString());
    expect(await h.funds("renewer")).toBeCloseTo(before - 9.99, 2);
  });

  it("an auto-renew license without funds expires instead", async () => {
    await h.account("poor", { funds: 10 });
    const res = await h.lines(
      "!AutoApplyOrder",
      "loginName=poor&loginPassword=pw&product=1060&days=30&domainName=poor.example&appRepEmailAddress=o@poor.example&enableAutoRenew=Y",
    );
    expect(res[0]).toBe("0");
    await h.admin("POST", "clock", { advanceDays: 31 });
    const [base] = await licenses(h, "poor.example");
    expect(base?.autoRenew).toBe(true);
    expect(base?.reportedStatus).toBe("expired");
    expect(await h.funds("poor")).toBeCloseTo(0.01, 2);
  });

  it("a clock move over several periods renews in the order they fall due: the funds run out on the one due last", async () => {
    // Found by the model-based test (tests/model/sectigo-lifecycle): the sandbox renewed one license
    // through every period of the move before the next, so the wrong license expired.
    await h.account("twice", { funds: 40 });
    const order = (domain: string) =>
      h.lines("!AutoApplyOrder", `loginName=twice&loginPassword=pw&product=1060&days=30&domainName=${domain}&appRepEmailAddress=o@${domain}&enableAutoRenew=Y`);
    expect((await order("first-due.example"))[0]).toBe("0");
    await h.setClock(new Date(T0.getTime() + 10 * DAY));
    expect((await order("second-due.example"))[0]).toBe("0");
    // Due: first at +30 (renewed), second at +40 (renewed), first again at +60: no funds left.
    await h.setClock(new Date(T0.getTime() + 65 * DAY));
    const [first] = await licenses(h, "first-due.example");
    const [second] = await licenses(h, "second-due.example");
    expect(first?.expiresAt).toBe(new Date(T0.getTime() + 60 * DAY).toISOString());
    expect(first?.reportedStatus).toBe("expired");
    expect(second?.expiresAt).toBe(new Date(T0.getTime() + 70 * DAY).toISOString());
    expect(second?.reportedStatus).not.toBe("expired");
    expect(await h.funds("twice")).toBeCloseTo(40 - 4 * 9.99, 2);
  });
});
